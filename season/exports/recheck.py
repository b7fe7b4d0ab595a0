"""Spreadsheet formulas that recount a period's scorecard exactly from the values typed, by the
same rules the tool scores with (``common.scoring.indicators``), so that 核算 lets anyone
re-check every published total and rank in Excel, LibreOffice or Gnumeric.

Each value is first made a whole number of 1/10000 (values keep four decimals) by a helper
cell, ``ROUND(value*10000,0)``; an empty cell stays empty (a missing value, never 0). Every
indicator's points are then a pair of whole numbers — a numerator formula over that helper and
a constant denominator — so that no step is inexact in binary floating point:

- linear: ``points × clamp(±(V − floor), 0, |target − floor|) / |target − floor|``, the common
  factor of points and range taken out;
- bands: the band's points (lower edge inclusive, upper exclusive), in 1/10000;
- count: ``sign × points × ⌊(min(count, cap) − base) / step⌋``, nothing at or below the base;
- points by rank: ``RANK`` of the helper among the period's values (1, 2, 2, 4), then the
  table's points or the rest;
- manual: the value itself;
- a 赛马会 event's result: its score × factor, or the table's points for the rank kept.

A dimension is ``Σ indicator weight × points`` and the card ``Σ dimension weight × dimension``:
with the season's rounding once, both are one fraction over a constant denominator (the least
common multiple of the indicators', the weights' common factor taken out), rounded half up
once; rounding each stage, every indicator, dimension and card is rounded in turn. Half up of
``N/D`` at ``p`` places, away from zero: ``SIGN(N)·QUOTIENT(2·|N|·10^p + D, 2·D)``, written
as a quotient and a remainder so the numbers multiplied stay small."""

import math
from dataclasses import dataclass
from decimal import Decimal

from common.scoring import indicators

SCALE = 10_000  # values and parameters keep at most four decimals


def units(value: Decimal) -> int:
    """A parameter as whole 1/10000."""
    scaled = Decimal(value) * SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than four decimals")
    return int(scaled)


def thousandths(weight: Decimal) -> int:
    scaled = Decimal(weight) * 1000
    if scaled != scaled.to_integral_value():
        raise ValueError(f"weight {weight} has more than three decimals")
    return int(scaled)


def value_helper(cell: str) -> str:
    return f'=IF(ISNUMBER({cell}),ROUND({cell}*{SCALE},0),"")'


@dataclass(frozen=True)
class Points:
    """An indicator's points for one subject: ``numerator`` (a formula over its helper cell,
    ``""`` when the value is missing) over the constant ``denominator``."""

    numerator: str
    denominator: int


def points(rule: indicators.Rule, v: str, rank_range: str) -> Points:
    """``v``: the subject's helper cell; ``rank_range``: the helpers of every subject."""
    missing = f'IF({v}="","",{{}})'
    if isinstance(rule, indicators.Linear):
        floor, target, p = units(rule.floor), units(rule.target), units(rule.points)
        span = abs(target - floor)
        factor = math.gcd(p, span) or span
        along = f"({v}-{floor})" if rule.higher else f"({floor}-{v})"
        n = f"{p // factor}*MIN(MAX({along},0),{span})"
        return Points(missing.format(n), SCALE * span // factor)
    if isinstance(rule, indicators.Bands):
        n = "0"
        for band in reversed(rule.bands):
            tests = []
            if band.lower is not None:
                tests.append(f"{v}>={units(band.lower)}")
            if band.upper is not None:
                tests.append(f"{v}<{units(band.upper)}")
            test = f"AND({','.join(tests)})" if tests else "TRUE"
            n = f"IF({test},{units(band.points)},{n})"
        return Points(missing.format(n), SCALE)
    if isinstance(rule, indicators.Count):
        counted = f"MIN({v},{rule.cap * SCALE})" if rule.cap is not None else v
        steps = f"MAX(QUOTIENT({counted}-{rule.base * SCALE},{units(rule.step)}),0)"
        n = f"{rule.sign * units(rule.points)}*{steps}"
        return Points(missing.format(n), SCALE)
    if isinstance(rule, indicators.RankPoints):
        rank = f"RANK({v},{rank_range},{0 if rule.higher else 1})"
        table = ",".join(str(units(t)) for t in rule.table)
        n = f"IF({rank}<={len(rule.table)},CHOOSE({rank},{table}),{units(rule.rest)})"
        return Points(missing.format(n), SCALE)
    if isinstance(rule, indicators.Manual):
        return Points(missing.format(v), SCALE)
    if isinstance(rule, indicators.EventResult):
        if rule.mode is indicators.EventMode.SCORE:  # the event's score × factor
            factor = units(rule.factor)
            common = math.gcd(factor, SCALE * SCALE) or 1
            return Points(missing.format(f"{factor // common}*{v}"), SCALE * SCALE // common)
        rank = f"QUOTIENT({v},{SCALE})"  # the period keeps the event's rank
        table = ",".join(str(units(t)) for t in rule.table.table)
        n = f"IF({rank}<={len(rule.table.table)},CHOOSE({rank},{table}),{units(rule.table.rest)})"
        return Points(missing.format(n), SCALE)
    raise ValueError(f"no formula for {type(rule).__name__}")


def half_up(n: str, d: str | int, places: int) -> str:
    """``n/d`` half up (away from zero) at ``places``, in whole ``10^-places``."""
    scale = 10**places
    return (f"SIGN({n})*(QUOTIENT(ABS({n}),{d})*{scale}"
            f"+QUOTIENT(2*MOD(ABS({n}),{d})*{scale}+{d},2*{d}))")  # fmt: skip


@dataclass(frozen=True)
class Sum:
    """``Σ weight × part`` as one exact fraction: ``(Σ coefficient × numerator) / denominator``
    with the constant denominator reduced by the coefficients' common factor."""

    terms: tuple[tuple[int, str], ...]
    denominator: int

    def numerator(self) -> str:
        return "+".join(f"{c}*{n}" for c, n in self.terms if c) or "0"


def weighted(parts: list[tuple[int, str, int]], weight_scale: int = 1000) -> Sum:
    """``parts``: ``(weight in 1/weight_scale, numerator formula, denominator)``."""
    common = math.lcm(*(d for _w, _n, d in parts)) if parts else 1
    coefficients = [w * (common // d) for w, _n, d in parts]
    denominator = weight_scale * common
    factor = math.gcd(denominator, *coefficients)
    return Sum(
        tuple((c // factor, n) for c, (_w, n, _d) in zip(coefficients, parts, strict=True)),
        denominator // factor,
    )
