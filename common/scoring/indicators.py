"""A season's scorecard, as pure functions over ``Decimal``: what one period's value of one
indicator earns, and how indicators and dimensions add up to a subject's total (seed 004's
monthly five dimensions — 工作数量, 工作效率, 工作价值量, 服务评价, 工作质量 — and seed 002's
inspections and stamps, which [4/4] feeds in as counts).

Every indicator has exactly one rule:

- :class:`Linear` — 0 points at the ``floor``, ``points`` at the ``target``, straight between,
  capped at both ends; ``higher`` says which way is better (a processing time: lower).
- :class:`Bands` — thresholds to points. A band holds ``lower ≤ value < upper`` (lower edge
  inclusive, upper exclusive; no ``lower``: from −∞, no ``upper``: to +∞); a value in no band
  earns 0. Bands may not overlap.
- :class:`Count` — points per ``step`` counted items above ``base``, counted up to ``cap``
  (seed 002: at least 100 problems, +0.5 per extra one, counted up to 200). The same rule as the
  contest's 加分 (``common.scoring.adjust.count_points``), written once there.
- :class:`RankPoints` — points by the subject's 1-2-2-4 rank among the period's values (1st 10,
  2nd 9 …; tied subjects share their rank's points; past the table, ``rest``).
- :class:`EventResult` — a 赛马会 event's result: its shown final score × ``factor``, or points
  by its rank (a :class:`RankPoints` table) — for the subjects the event ranked.
- :class:`Manual` — the points typed, within ``low``–``high`` (a reason is the caller's).

A missing value is ``None`` and is never 0: the indicator has no points, and its dimension and
the card have no total either (state ``INCOMPLETE``, naming what is missing), exactly as a
contest round waits for a missing segment — the card is composed by ``common.scoring.tree``'s
:func:`~common.scoring.tree.weighted`. Points are exact (``Fraction``) up to the card; what is
shown is rounded half up at the season's precision, once (or at each stage, as a contest can).

The year-end 等次 (优秀 ≤ 15 %, 称职, …) are award tiers over the cumulative standing:
``common.scoring.awards.allocate_tiers`` with its quotas, thresholds and tie policies — a tie at
a quota's boundary waits for the organiser's pick exactly as an award's does.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from common.scoring import competition_ranks, round_half_up
from common.scoring.adjust import AdjustmentKind, AdjustmentRule, count_points
from common.scoring.tree import Rounding, Stage, State, weighted


class Problem(ValueError):
    """A rule whose parameters cannot work, or a value it cannot take; ``field`` names the
    parameter, ``message`` is a fixed English text (a message id the app translates) filled
    with ``params``."""

    def __init__(self, field: str, template: str, **params):
        self.field, self.template, self.params = field, template, params
        self.message = template % params if params else template
        super().__init__(f"{field}: {self.message}")


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    floor: Decimal
    target: Decimal
    points: Decimal
    higher: bool = True  # higher values are better

    def check(self) -> None:
        if self.floor == self.target:
            raise Problem("target", "the target equals the floor")
        if self.higher and self.floor > self.target:
            raise Problem("floor", "the floor is above the target (higher is better)")
        if not self.higher and self.floor < self.target:
            raise Problem("floor", "the floor is below the target (lower is better)")
        if self.points < 0:
            raise Problem("points", "negative points")

    def earn(self, value: Decimal) -> Fraction:
        share = Fraction(value - self.floor) / Fraction(self.target - self.floor)
        return Fraction(self.points) * min(max(share, Fraction(0)), Fraction(1))


@dataclass(frozen=True)
class Band:
    lower: Decimal | None  # inclusive; None: from −∞
    upper: Decimal | None  # exclusive; None: to +∞
    points: Decimal

    def holds(self, value: Decimal) -> bool:
        return (self.lower is None or value >= self.lower) and (
            self.upper is None or value < self.upper
        )


@dataclass(frozen=True)
class Bands:
    bands: tuple[Band, ...]

    def check(self) -> None:
        if not self.bands:
            raise Problem("bands", "no band")
        for index, band in enumerate(self.bands):
            if band.lower is not None and band.upper is not None and band.lower >= band.upper:
                raise Problem(f"bands[{index}]", "its lower edge is not below its upper edge")
        ordered = sorted(self.bands, key=lambda b: (b.lower is not None, b.lower or 0))
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before.upper is None or after.lower is None or after.lower < before.upper:
                where = self.bands.index(after)
                raise Problem(f"bands[{where}]", "overlaps another band")

    def earn(self, value: Decimal) -> Fraction:
        for band in self.bands:
            if band.holds(value):
                return Fraction(band.points)
        return Fraction(0)


@dataclass(frozen=True)
class Count:
    base: int
    step: Decimal
    points: Decimal  # per step
    cap: int | None = None  # items counted at most
    sign: int = 1  # −1: a deduction per item (an inspected unit's problems)

    def check(self) -> None:
        if self.step <= 0:
            raise Problem("step", "the step must be above 0")
        if self.cap is not None and self.cap < self.base:
            raise Problem("cap", "the cap is below the base")

    def earn(self, value: Decimal) -> Fraction:
        if value != value.to_integral_value() or value < 0:
            raise Problem("value", "a count is a whole number, 0 or more")
        rule = AdjustmentRule(AdjustmentKind.COUNT, self.sign, self.points, self.step, self.base,
                              self.cap)  # fmt: skip
        return Fraction(count_points(rule, int(value)))


@dataclass(frozen=True)
class RankPoints:
    table: tuple[Decimal, ...]  # points of the 1st, 2nd, … rank
    rest: Decimal = Decimal(0)  # past the table
    higher: bool = True  # the highest value ranks 1st

    def check(self) -> None:
        if not self.table:
            raise Problem("table", "no points for the 1st rank")

    def of_rank(self, rank: int) -> Fraction:
        return Fraction(self.table[rank - 1] if rank <= len(self.table) else self.rest)


class EventMode(StrEnum):
    SCORE = "score"  # the event's shown final score × factor
    RANK = "rank"  # points by the event's rank


@dataclass(frozen=True)
class EventResult:
    mode: EventMode = EventMode.SCORE
    factor: Decimal = Decimal(1)
    table: RankPoints | None = None

    def check(self) -> None:
        if self.mode is EventMode.RANK:
            if self.table is None:
                raise Problem("table", "points by rank need a table")
            self.table.check()

    def earn(self, score: Decimal | None, rank: int | None) -> Fraction | None:
        if self.mode is EventMode.SCORE:
            return None if score is None else Fraction(score) * Fraction(self.factor)
        return None if rank is None else self.table.of_rank(rank)

    def earn_stored(self, value: Decimal) -> Fraction:
        """From what a period keeps of the event: its shown score, or the rank (SCORE/RANK)."""
        if self.mode is EventMode.SCORE:
            return self.earn(value, None)
        if value != value.to_integral_value() or value < 1:
            raise Problem("value", "a rank is a whole number, 1 or more")
        return self.earn(None, int(value))


@dataclass(frozen=True)
class Manual:
    low: Decimal
    high: Decimal

    def check(self) -> None:
        if self.low > self.high:
            raise Problem("low", "the lowest allowed is above the highest")

    def earn(self, value: Decimal) -> Fraction:
        if not self.low <= value <= self.high:
            raise Problem("value", "outside %(low)s–%(high)s", low=self.low, high=self.high)
        return Fraction(value)


Rule = Linear | Bands | Count | RankPoints | EventResult | Manual


def period_points(
    rule: Rule, values: Mapping[Hashable, Decimal | None]
) -> dict[Hashable, Fraction | None]:
    """Every subject's points on one indicator for one period, from ``{subject: value}``
    (``None``: missing). :class:`RankPoints` ranks the values present; an
    :class:`EventResult` reads the event's score or rank the period keeps."""
    if isinstance(rule, RankPoints):
        present = [s for s, v in values.items() if v is not None]
        keys = [values[s] if rule.higher else -values[s] for s in present]
        ranks = dict(zip(present, competition_ranks(keys), strict=True))
        return {s: None if s not in ranks else rule.of_rank(ranks[s]) for s in values}
    return {s: None if v is None else value_points(rule, v) for s, v in values.items()}


def value_points(rule: Rule, value: Decimal) -> Fraction:
    """One value's points by a rule that needs no other subject's value (not RankPoints);
    ``Problem`` when the rule cannot take it."""
    if isinstance(rule, EventResult):
        return rule.earn_stored(value)
    return rule.earn(value)


def event_points(
    rule: EventResult, results: Mapping[Hashable, tuple[Decimal | None, int | None]]
) -> dict[Hashable, Fraction | None]:
    """``{subject: (shown final score, rank)}`` of the subjects the event ranked."""
    return {s: rule.earn(score, rank) for s, (score, rank) in results.items()}


# --- the card --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    key: Hashable
    dimension: Hashable
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class Dimension:
    key: Hashable
    weight: Decimal = Decimal(1)


def card(
    dimensions: Sequence[Dimension],
    indicators: Sequence[Indicator],
    points: Mapping[Hashable, Fraction | None],
    places: int,
    rounding: Rounding = Rounding.ONCE,
) -> Stage:
    """A subject's card for one period: ``Σ dimension weight × Σ indicator weight × points``.
    Its parts are the dimensions (their parts the indicators); an indicator without points
    leaves its dimension and the card without a total, naming it in ``missing``."""
    stages = []
    for dimension in dimensions:
        mine = [i for i in indicators if i.dimension == dimension.key]
        parts = [(i.weight, _leaf(i.key, points.get(i.key), places, rounding)) for i in mine]
        stages.append((dimension.weight, weighted(dimension.key, parts, places, rounding)))
    return weighted("card", stages, places, rounding)


def _leaf(key: Hashable, value: Fraction | None, places: int, rounding: Rounding) -> Stage:
    if value is None:
        return Stage(key, None, None, State.NO_SHEETS)
    if rounding is Rounding.EACH_STAGE:
        value = Fraction(round_half_up(value, places))
    return Stage(key, value, round_half_up(value, places), State.SCORED)


# --- across periods --------------------------------------------------------------------------


class Cumulation(StrEnum):
    SUM = "sum"  # Σ the periods' totals; a period without one leaves the sum without a value
    MEAN = "mean"  # the mean of the periods that have a total
    WEIGHTED = "weighted"  # Σ period weight × total; a period without one: no value


def cumulative(
    totals: Sequence[tuple[Decimal, Fraction | None]], how: Cumulation, places: int
) -> tuple[Fraction | None, Decimal | None]:
    """A subject's standing over the periods so far, from ``[(period weight, exact total)]``:
    the exact value and the shown one (half up once at ``places``)."""
    values = [v for _w, v in totals]
    if how is Cumulation.MEAN:
        present = [v for v in values if v is not None]
        value = sum(present, Fraction(0)) / len(present) if present else None
    elif any(v is None for v in values) or not values:
        value = None
    elif how is Cumulation.SUM:
        value = sum(values, Fraction(0))
    else:
        value = sum((Fraction(w) * v for w, v in totals), Fraction(0))
    return value, None if value is None else round_half_up(value, places)


def standing_ranks(
    shown: Mapping[Hashable, Decimal | None],
    chain: Mapping[Hashable, Sequence[Decimal | None]] | None = None,
) -> dict[Hashable, int | None]:
    """1-2-2-4 ranks by the shown total, then by the ``chain`` values in order (the stated
    tie-break: the dimensions' shown scores in their order); no total, no rank."""
    chain = chain or {}
    lowest = Decimal("-Infinity")
    keys = [
        None if v is None else (v, *(lowest if c is None else c for c in chain.get(s, ())))
        for s, v in shown.items()
    ]
    return dict(zip(shown, competition_ranks(keys), strict=True))


# --- 红黑榜 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Board:
    red: tuple[Hashable, ...]  # best first
    black: tuple[Hashable, ...]  # worst first


def red_and_black(
    ranks: Mapping[Hashable, int | None],
    shown: Mapping[Hashable, Decimal | None],
    top: int | None = None,
    bottom: int | None = None,
    red_at: Decimal | None = None,
    black_at: Decimal | None = None,
) -> Board:
    """红榜: the ``top`` N by rank — a tie at the Nth place is on the board whole — or everyone
    at ``red_at`` or above; 黑榜: the ``bottom`` N counted from the last rank the same way, or
    everyone at ``black_at`` or below. A subject is never on both (the red board wins)."""
    ranked = sorted((r, s) for s, r in ranks.items() if r is not None)
    if red_at is not None:
        red = [s for _r, s in ranked if shown[s] >= red_at]
    else:
        red = _first(ranked, top or 0)
    worst = sorted(ranked, key=lambda p: -p[0])
    if black_at is not None:
        black = [s for _r, s in worst if shown[s] <= black_at]
    else:
        black = _first([(-r, s) for r, s in worst], bottom or 0)
    return Board(tuple(red), tuple(s for s in black if s not in red))


def _first(ordered: list[tuple[int, Hashable]], n: int) -> list[Hashable]:
    """The first ``n`` by key, with everyone tied with the ``n``th."""
    if n <= 0 or not ordered:
        return []
    edge = ordered[min(n, len(ordered)) - 1][0]
    return [s for k, s in ordered if k <= edge]
