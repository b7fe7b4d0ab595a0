"""加分/扣分: points outside the criteria, added to a round's score.

Three kinds of rule, each with a sign, points per step and an optional limit on the points
(``limit`` 2 with sign −1: at most −2):

- ``MANUAL``: the organiser enters the points (with a reason);
- ``COUNT``: points per ``step`` counted items above ``base``, counted up to ``count_cap``
  (seed 002: at least 100 problems, +0.5 per extra one, counted up to 200: base 100, step 1,
  points 0.5, cap 200 → at most +50); below the base, nothing;
- ``OVERTIME``: points per *started* ``step`` seconds over the segment's time limit (−0.5 per
  started 30 s over, at most −2).

An appearance's adjustments add to its round score: exactly, then rounded half up once (the
event's ``once`` rounding), or to the published rounded round score and rounded again
(``each_stage``) — and then the adjusted round score *is* that rounded value wherever it is
carried on (a weighted final weighs 56.63, never the 56.625 it was rounded from)."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from common.scoring import round_half_up
from common.scoring.tree import Rounding


class AdjustmentKind(StrEnum):
    MANUAL = "manual"
    COUNT = "count"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class AdjustmentRule:
    kind: AdjustmentKind
    sign: int  # +1 加分, −1 扣分
    points: Decimal = Decimal(0)  # per step
    step: Decimal = Decimal(1)  # counted items, or seconds
    base: int = 0  # COUNT: items that earn nothing
    count_cap: int | None = None  # COUNT: items counted at most
    limit: Decimal | None = None  # the most points either way


def _bounded(rule: AdjustmentRule, magnitude: Decimal) -> Decimal:
    magnitude = max(magnitude, Decimal(0))
    if rule.limit is not None:
        magnitude = min(magnitude, rule.limit)
    return rule.sign * magnitude


def _steps(amount: Decimal, step: Decimal, started: bool) -> int:
    whole, rest = divmod(amount, step)
    return int(whole) + (1 if started and rest else 0)


def count_points(rule: AdjustmentRule, count: int) -> Decimal:
    counted = min(count, rule.count_cap) if rule.count_cap is not None else count
    if counted <= rule.base:
        return _bounded(rule, Decimal(0))
    return _bounded(rule, rule.points * _steps(Decimal(counted - rule.base), rule.step, False))


def overtime_points(rule: AdjustmentRule, elapsed: Decimal, time_limit: int | None) -> Decimal:
    """``elapsed`` seconds on stage against the segment's ``time_limit`` (None: no limit)."""
    if time_limit is None or elapsed <= time_limit:
        return _bounded(rule, Decimal(0))
    return _bounded(rule, rule.points * _steps(elapsed - time_limit, rule.step, True))


def manual_points(rule: AdjustmentRule, points: Decimal) -> Decimal:
    return _bounded(rule, abs(points))


def adjusted(
    value: Fraction, shown: Decimal, total: Decimal, places: int, rounding: Rounding
) -> tuple[Fraction, Decimal]:
    """A round score with ``total`` points of adjustments: (its exact value, what is shown)."""
    if rounding is Rounding.ONCE:
        exact = value + Fraction(total)
        return exact, round_half_up(exact, places)
    published = round_half_up(Fraction(shown) + Fraction(total), places)
    return Fraction(published), published
