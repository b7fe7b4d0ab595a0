"""The season's cards in whole numbers: the same totals as ``indicators.card`` over
``indicators.period_points`` when rounding once, without a ``Fraction`` per value.

Values keep at most four decimals, so each is a whole number of 1/10000 (``units``; the
database hands them over so, ``season.domain.standing``). Every rule's points are then a whole
numerator over a denominator fixed by the rule alone (a linear rule: 10000 × its span; a score
× factor: 10^8; the others: 10000). A dimension is ``Σ weight × points`` and the card
``Σ dimension weight × dimension``: with the weights' and denominators' common denominators
worked out once per scorecard, each dimension is one sum of whole-number products per subject,
and the card one sum over the dimensions; only those become fractions. Values travel as
columns — one list per indicator, aligned with the subjects — so the sums run over lists, not
per-subject dictionaries: a big season's standing is bounded by fetching its values, not by the
arithmetic (``bench/season.py``); the property test holds the two paths equal."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from itertools import repeat
from operator import add, mul

from common.scoring import competition_ranks, round_ratio
from common.scoring import indicators as rules
from common.scoring.tree import Stage, State

SCALE = 10_000

Column = list  # one indicator's values (or numerators), aligned with the subjects; None: none


def units(value: Decimal) -> int:
    """A value or parameter (at most four decimals) as whole 1/10000."""
    return int(value.scaleb(4)) if isinstance(value, Decimal) else int(Decimal(value).scaleb(4))


def denominator(rule: rules.Rule) -> int:
    if isinstance(rule, rules.Linear):
        return SCALE * abs(units(rule.target) - units(rule.floor))
    if isinstance(rule, rules.EventResult) and rule.mode is rules.EventMode.SCORE:
        return SCALE * SCALE
    return SCALE


def numerators(rule: rules.Rule, values: Column) -> Column:
    """Every subject's points × ``denominator(rule)``, from its value in ``units``."""
    if isinstance(rule, rules.RankPoints):
        keys = values if rule.higher else [None if v is None else -v for v in values]
        table = [None, *(units(t) for t in rule.table)]
        rest = units(rule.rest)
        return [None if r is None else table[r] if r < len(table) else rest
                for r in competition_ranks(keys)]  # fmt: skip
    if None not in values:
        return _whole_column(rule, values)
    present = [u for u in values if u is not None]
    earned = iter(_whole_column(rule, present))
    return [None if u is None else next(earned) for u in values]


def _whole_column(rule: rules.Rule, values: list[int]) -> list[int]:
    """``numerators`` of a column with every value present, one comprehension per rule."""
    if isinstance(rule, rules.Linear):
        floor, points = units(rule.floor), units(rule.points)
        span = abs(units(rule.target) - floor)
        gained = [u - floor for u in values] if rule.higher else [floor - u for u in values]
        return [0 if g <= 0 else points * span if g >= span else points * g for g in gained]
    if isinstance(rule, rules.Bands):
        return _bands(rule, values)
    if isinstance(rule, rules.Count):
        base, step = rule.base * SCALE, units(rule.step)
        each = rule.sign * units(rule.points)
        if rule.cap is not None:
            cap = rule.cap * SCALE
            values = [cap if u > cap else u for u in values]
        return [0 if u <= base else each * ((u - base) // step) for u in values]
    if isinstance(rule, rules.EventResult):
        if rule.mode is rules.EventMode.SCORE:
            factor = units(rule.factor)
            return [factor * u for u in values]
        table, rest = [units(t) for t in rule.table.table], units(rule.table.rest)
        return [table[u // SCALE - 1] if u // SCALE <= len(table) else rest for u in values]
    if isinstance(rule, rules.Manual):
        return list(values)
    raise TypeError(type(rule).__name__)


def _bands(rule: rules.Bands, values: list[int]) -> list[int]:
    """The band holding the value (lower edge in, upper edge out), else 0 points: the
    (checked, non-overlapping) bands as steps, found by bisection."""
    below, edges, steps = 0, [], []

    def step(edge, points):
        if edges and edges[-1] == edge:
            steps[-1] = points
        else:
            edges.append(edge)
            steps.append(points)

    for band in sorted(rule.bands, key=lambda b: (b.lower is not None, b.lower or 0)):
        if band.lower is None:
            below = units(band.points)
        else:
            step(units(band.lower), units(band.points))
        if band.upper is not None:
            step(units(band.upper), 0)
    table = [below, *steps]
    return [table[bisect_right(edges, u)] for u in values]


def _common(parts: Sequence[tuple[Hashable, Fraction]]) -> tuple[list[tuple[Hashable, int]], int]:
    """``Σ part × x`` as ``Σ coefficient × x / denominator`` in whole numbers: the
    (key, coefficient) terms and the common denominator of ``parts`` (key, exact factor)."""
    common = math.lcm(*(p.denominator for _k, p in parts)) if parts else 1
    return [(k, int(p * common)) for k, p in parts], common


def exact_cards(
    dimensions: Sequence[rules.Dimension],
    indicators: Sequence[rules.Indicator],
    points: Mapping[Hashable, Column],
    denominators: Mapping[Hashable, int],
    subjects: Sequence[Hashable],
    places: int,
) -> Cards:
    """Every subject's card (rounding once): parts are the dimensions, with no parts of their
    own. ``points``: ``{indicator: numerators}`` over ``denominators[indicator]``, each a
    column aligned with ``subjects``."""
    size = len(subjects)
    parts = []
    for dim in dimensions:
        mine = [i for i in indicators if i.dimension == dim.key]
        terms, common = _common([(i.key, Fraction(i.weight) / denominators[i.key]) for i in mine])
        total = [0] * size
        missing: dict[int, list] = {}
        for key, coefficient in terms:
            column = points[key]
            if None in column:
                for n, x in enumerate(column):
                    if x is None:
                        missing.setdefault(n, []).append(key)
                column = [0 if x is None else x for x in column]
            total = _plus(total, coefficient, column)
        parts.append(_Part(dim.key, len(mine), total, common, places, missing))
    factors = [Fraction(d.weight) / part.common for d, part in zip(dimensions, parts, strict=True)]
    terms, common = _common(list(enumerate(factors)))
    total = [0] * size
    for k, coefficient in terms:
        total = _plus(total, coefficient, parts[k].total)
    incomplete = {n for part in parts for n in part.missing}
    if any(not part.size for part in parts):
        incomplete = set(range(size))
    total = [None if n in incomplete else t for n, t in enumerate(total)]
    return Cards(subjects, parts, total, common, places)


@dataclass(frozen=True)
class _Part:
    """One dimension of every subject, as columns."""

    key: Hashable
    size: int  # its indicators
    total: list[int]  # numerators over ``common``; 0 where one is missing
    common: int
    places: int
    missing: dict[int, list]  # subject index → the indicators without a value

    @cached_property
    def shown(self) -> list[Decimal | None]:
        return _shown(self.total, self.common, self.places)

    def stage(self, n: int) -> Stage:
        if not self.size:
            return Stage(self.key, None, None, State.NO_SHEETS)
        missing = self.missing.get(n)
        if missing:
            state = State.NO_SHEETS if len(missing) == self.size else State.INCOMPLETE
            return Stage(self.key, None, None, state, tuple(missing))
        return Stage(self.key, Fraction(self.total[n], self.common), self.shown[n], State.SCORED)


class Cards(Mapping):
    """One period's cards, computed as columns: ``total`` (each subject's card numerator over
    ``common``, ``None`` without a card); what is shown, and a subject's ``Stage`` with its
    dimensions, are made when first read."""

    def __init__(self, subjects, parts, total, common, places):
        self._index = {s: n for n, s in enumerate(subjects)}
        self._parts = parts
        self.total, self.common, self._places = total, common, places
        self._made: dict[Hashable, Stage] = {}

    @cached_property
    def shown(self) -> list[Decimal | None]:
        return _shown(self.total, self.common, self._places)

    def __getitem__(self, subject: Hashable) -> Stage:
        made = self._made.get(subject)
        if made is None:
            made = self._made[subject] = self._stage(self._index[subject])
        return made

    def _stage(self, n: int) -> Stage:
        stages = tuple(part.stage(n) for part in self._parts)
        if self.total[n] is None:
            absent = tuple(s.key for s in stages if s.value is None)
            state = State.NO_SHEETS if all(s.state is State.NO_SHEETS for s in stages) else (
                State.INCOMPLETE)  # fmt: skip
            return Stage("card", None, None, state, absent, stages)
        value = Fraction(self.total[n], self.common)
        return Stage("card", value, self.shown[n], State.SCORED, (), stages)

    def __iter__(self):
        return iter(self._index)

    def __len__(self):
        return len(self._index)


def as_column(values: Sequence[Fraction | None]) -> tuple[Column, int]:
    """Exact values as numerators over one common denominator."""
    common = math.lcm(*(v.denominator for v in values if v is not None))
    return [None if v is None else v.numerator * (common // v.denominator) for v in values], common


def cumulative(
    periods: Sequence[tuple[Decimal, Column, int]], how: rules.Cumulation, places: int, size: int
) -> tuple[list[Fraction | None], list[Decimal | None]]:
    """``indicators.cumulative`` for ``size`` subjects at once, from each period's
    ``(weight, card numerators, their denominator)``: the exact values and the shown ones."""
    factors = [Fraction(w if how is rules.Cumulation.WEIGHTED else 1) / common
               for w, _t, common in periods]  # fmt: skip
    terms, common = _common(list(enumerate(factors)))
    total, counted = [0] * size, [0] * size
    absent = set() if periods else set(range(size))
    for k, coefficient in terms:
        column = periods[k][1]
        if None in column:
            absent |= {n for n, x in enumerate(column) if x is None}
            counted = [c + (x is not None) for c, x in zip(counted, column, strict=True)]
            column = [0 if x is None else x for x in column]
        else:
            counted = [c + 1 for c in counted]
        total = _plus(total, coefficient, column)
    if how is rules.Cumulation.MEAN:
        values = [
            Fraction(t, common * c) if c else None for t, c in zip(total, counted, strict=True)
        ]
    else:
        values = [None if n in absent else Fraction(t, common) for n, t in enumerate(total)]
    shown = [None if v is None else round_ratio(v.numerator, v.denominator, places) for v in values]
    return values, shown


def _plus(total: list[int], coefficient: int, column: list[int]) -> list[int]:
    """``total + coefficient × column``, element by element (in C: ``map`` over ``operator``)."""
    return list(map(add, total, map(mul, column, repeat(coefficient, len(column)))))


def _shown(numerators: list[int | None], denominator: int, places: int) -> list[Decimal | None]:
    """``round_ratio`` of a column over one denominator: half away from zero at ``places``."""
    twice, scale = 2 * denominator, 2 * 10**places
    return [
        None if n is None else
        Decimal((n * scale + denominator) // twice if n >= 0 else
                -((-n * scale + denominator) // twice)).scaleb(-places)
        for n in numerators
    ]  # fmt: skip
