"""积分 stamps (seed 002's villages): each week a checker stamps a household red (clean and
sorted), black (not), or 空 (the bin emptied to dodge the check). A month's stamps earn a reward
tier by the organiser's rules.

How 空 meets the tiers, stated once: it counts **half a red** (so it is never as good as a red)
and is **no black** (nobody was caught unsorted). A tier asks for at least ``min_red`` red
points and at most ``max_black`` blacks; the first tier a month meets, best first, is its tier;
none met: no reward. Seed 002's defaults: 4 red → first reward; 3 red + 1 black → second; 2
black → nothing — so 3 red + 1 空 (3.5 red points, no black) is the second reward, not the
first, and 4 空 (2 red points) is nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from common.scoring import round_half_up


class Stamp(StrEnum):
    RED = "red"
    BLACK = "black"
    EMPTY = "empty"  # 空


WORTH = {Stamp.RED: Fraction(1), Stamp.EMPTY: Fraction(1, 2), Stamp.BLACK: Fraction(0)}


@dataclass(frozen=True)
class Tier:
    name: str
    min_red: Fraction
    max_black: int | None = None  # None: any number


SEED_002 = (Tier("一等奖", Fraction(4), 0), Tier("二等奖", Fraction(3), 1))


@dataclass(frozen=True)
class Month:
    red_points: Fraction
    reds: int
    blacks: int
    empties: int
    tier: Tier | None

    @property
    def shown_points(self) -> Decimal:
        """The red points as displayed: whole or half, so one decimal is exact."""
        return round_half_up(self.red_points, 1)


def month(stamps: Iterable[Stamp], tiers: Sequence[Tier] = SEED_002) -> Month:
    stamps = [Stamp(s) for s in stamps]
    points = sum((WORTH[s] for s in stamps), Fraction(0))
    blacks = stamps.count(Stamp.BLACK)
    tier = next((t for t in tiers if points >= t.min_red
                 and (t.max_black is None or blacks <= t.max_black)), None)  # fmt: skip
    return Month(points, stamps.count(Stamp.RED), blacks, stamps.count(Stamp.EMPTY), tier)
