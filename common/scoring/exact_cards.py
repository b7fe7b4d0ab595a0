"""The season's cards in whole numbers: the same totals as ``indicators.card`` over
``indicators.period_points`` when rounding once, without a ``Fraction`` per value.

Values keep at most four decimals, so each is a whole number of 1/10000 (``units``). Every
rule's points are then a whole numerator over a denominator fixed by the rule alone (a linear
rule: 10000 × its span; a score × factor: 10^8; the others: 10000). A dimension is
``Σ weight × points`` and the card ``Σ dimension weight × Σ weight × points``: with the
weights' and denominators' common denominator worked out once per scorecard, each subject's
dimension and card are one sum of whole-number products, and only those become fractions.
A big season's standing is thus bounded by fetching its values, not by fraction arithmetic
(``bench/season.py``); the property test holds the two paths equal."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from common.scoring import competition_ranks, round_half_up
from common.scoring import indicators as rules
from common.scoring.tree import Stage, State

SCALE = 10_000


def units(value: Decimal) -> int:
    """A value or parameter (at most four decimals) as whole 1/10000."""
    return int(value.scaleb(4)) if isinstance(value, Decimal) else int(Decimal(value).scaleb(4))


def denominator(rule: rules.Rule) -> int:
    if isinstance(rule, rules.Linear):
        return SCALE * abs(units(rule.target) - units(rule.floor))
    if isinstance(rule, rules.EventResult) and rule.mode is rules.EventMode.SCORE:
        return SCALE * SCALE
    return SCALE


def numerators(rule: rules.Rule, values: Mapping[Hashable, Decimal | None]
               ) -> dict[Hashable, int | None]:  # fmt: skip
    """Every subject's points × ``denominator(rule)``, from ``{subject: value}``."""
    if isinstance(rule, rules.RankPoints):
        present = [s for s, v in values.items() if v is not None]
        keys = [values[s] if rule.higher else -values[s] for s in present]
        ranks = dict(zip(present, competition_ranks(keys), strict=True))
        table = [units(t) for t in rule.table]
        rest = units(rule.rest)
        return {s: None if s not in ranks else (table[ranks[s] - 1] if ranks[s] <= len(table)
                                                 else rest) for s in values}  # fmt: skip
    one = _one(rule)
    return {s: None if v is None else one(units(v)) for s, v in values.items()}


def _one(rule: rules.Rule):
    if isinstance(rule, rules.Linear):
        floor, target, points = units(rule.floor), units(rule.target), units(rule.points)
        span = abs(target - floor)
        if rule.higher:
            return lambda u: points * min(max(u - floor, 0), span)
        return lambda u: points * min(max(floor - u, 0), span)
    if isinstance(rule, rules.Bands):
        bands = [(None if b.lower is None else units(b.lower),
                  None if b.upper is None else units(b.upper), units(b.points))
                 for b in rule.bands]  # fmt: skip

        def band(u):
            for lower, upper, points in bands:
                if (lower is None or u >= lower) and (upper is None or u < upper):
                    return points
            return 0

        return band
    if isinstance(rule, rules.Count):
        base, step, points = rule.base * SCALE, units(rule.step), units(rule.points)
        cap = None if rule.cap is None else rule.cap * SCALE

        def count(u):
            counted = u if cap is None else min(u, cap)
            return rule.sign * points * max((counted - base) // step, 0)

        return count
    if isinstance(rule, rules.EventResult):
        if rule.mode is rules.EventMode.SCORE:
            factor = units(rule.factor)
            return lambda u: factor * u
        table, rest = [units(t) for t in rule.table.table], units(rule.table.rest)
        return lambda u: table[u // SCALE - 1] if u // SCALE <= len(table) else rest
    if isinstance(rule, rules.Manual):
        return lambda u: u
    raise TypeError(type(rule).__name__)


@dataclass(frozen=True)
class _Sum:
    """``Σ coefficient × numerator / denominator`` over ``terms`` (indicator key, coefficient)."""

    terms: tuple[tuple[Hashable, int], ...]
    denominator: int


def _sum(parts: Sequence[tuple[Hashable, Fraction]]) -> _Sum:
    """``parts``: (indicator key, weight / the indicator's denominator) as exact fractions."""
    common = math.lcm(*(p.denominator for _k, p in parts)) if parts else 1
    return _Sum(tuple((k, int(p * common)) for k, p in parts), common)


def exact_cards(
    dimensions: Sequence[rules.Dimension],
    indicators: Sequence[rules.Indicator],
    points: Mapping[Hashable, Mapping[Hashable, int | None]],
    denominators: Mapping[Hashable, int],
    subjects: Sequence[Hashable],
    places: int,
) -> dict[Hashable, Stage]:
    """Each subject's card (rounding once): parts are the dimensions, with no parts of their
    own. ``points``: ``{indicator: {subject: numerator}}`` over ``denominators[indicator]``."""
    per_dimension = []
    whole = []
    for dim in dimensions:
        mine = [i for i in indicators if i.dimension == dim.key]
        per_dimension.append((dim, mine, _sum([
            (i.key, Fraction(i.weight) / denominators[i.key]) for i in mine])))  # fmt: skip
        whole += [(i.key, Fraction(dim.weight) * Fraction(i.weight) / denominators[i.key])
                  for i in mine]  # fmt: skip
    card_sum = _sum(whole)
    cards = {}
    for subject in subjects:
        stages = []
        for dim, mine, total in per_dimension:
            if not mine:
                stages.append(Stage(dim.key, None, None, State.NO_SHEETS))
                continue
            got = [points[i.key].get(subject) for i in mine]
            missing = tuple(i.key for i, n in zip(mine, got, strict=True) if n is None)
            if missing:
                state = State.NO_SHEETS if len(missing) == len(mine) else State.INCOMPLETE
                stages.append(Stage(dim.key, None, None, state, missing))
                continue
            numerator = sum(c * n for (_k, c), n in zip(total.terms, got, strict=True))
            value = Fraction(numerator, total.denominator)
            stages.append(Stage(dim.key, value, round_half_up(value, places), State.SCORED))
        missing = tuple(s.key for s in stages if s.value is None)
        if missing:
            state = State.NO_SHEETS if all(s.state is State.NO_SHEETS for s in stages) else (
                State.INCOMPLETE)  # fmt: skip
            cards[subject] = Stage("card", None, None, state, missing, tuple(stages))
            continue
        numerator = sum(c * points[k][subject] for k, c in card_sum.terms)
        value = Fraction(numerator, card_sum.denominator)
        cards[subject] = Stage("card", value, round_half_up(value, places), State.SCORED, (),
                               tuple(stages))  # fmt: skip
    return cards
