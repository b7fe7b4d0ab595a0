"""Spreadsheet formulas that recompute a round's score exactly — any shape; a flat round is a
tree of one segment and one panel — from the same scheme (``common.scoring.tree``) the tool
scores by, so that 核算 lets anyone re-check the tool in Excel, LibreOffice or Gnumeric.

The judges' totals are first made whole numbers of ``1/scale`` (``scale = 10^d``, ``d`` the
most decimals any total has) by helper cells, ``ROUND(total*scale, 0)``; cells that are empty
or hold text (回避, 未评分) stay empty and are ignored by SUM, COUNT, LARGE and SMALL, as the
tool ignores those judges. Summing the decimal totals directly can land a hair below a half
(0.5+4+1.6+2.3+1.9+4.4+3.1+2.1 − 4.4 − 0.5 gives 14.999999999999998), and ROUND would then go
the wrong way.

Every stage is carried as a pair of whole numbers — a numerator and a denominator — so that no
step is inexact in binary floating point:

- a **panel** from the whole-number judge totals in a range (``1/scale`` units):
  ``N = Σ kept``, ``D = kept count × scale`` (a median: ``N = 2×MEDIAN``, ``D = 2×scale``;
  a sum: ``D = scale``), with the panel's fallback when too few sheets remain;
- **weights** (at most 3 decimals) become whole thousandths;
- exact throughout (``Rounding.ONCE``): the round is ``Σ Ws·Wp·N·(L/D) / (10^6·L)`` with
  ``L = LCM`` of the row's panel denominators, rounded half up once by integer division;
- rounding each stage (``Rounding.EACH_STAGE``): each panel, then each segment, then the round
  is rounded half up by integer division before the next stage uses it.

Half up of ``N/D`` at ``p`` places is ``QUOTIENT(2·N·10^p + D, 2·D) / 10^p``.
"""

import math
from collections.abc import Callable
from decimal import Decimal

from common.exports.numbers import same_formula
from common.exports.safe import Formula
from common.scoring import AUTO_TRIM_TABLE
from common.scoring.tree import Aggregation, Fallback, PanelSpec

Parts = tuple[str, str]  # (numerator, denominator) expressions


def whole_number_formula(cell: str, scale: int) -> Formula:
    """A judge's total as a whole number of ``1/scale``; text (回避, 草稿) stays empty."""
    return Formula(f'=IF(ISNUMBER({cell}),ROUND({cell}*{scale},0),"")')


def kept_sum(rng: str, per_side: int) -> str:
    """The sum of ``rng`` less its ``per_side`` largest and smallest values, written term by term
    (``LARGE(r,1)+LARGE(r,2)``): Gnumeric evaluates ``SUMPRODUCT(LARGE(r,{1,2}))`` as
    ``LARGE(r,1)``, and every engine evaluates the plain terms alike."""
    if per_side == 0:
        return f"SUM({rng})"
    ends = "".join(
        f"-LARGE({rng},{k})-SMALL({rng},{k})" if k > 1 else f"-MAX({rng})-MIN({rng})"
        for k in range(1, per_side + 1)
    )
    return f"(SUM({rng}){ends})"


def thousandths(weight: Decimal) -> int:
    """A weight as whole thousandths (the models keep three decimals)."""
    scaled = weight * 1000
    if scaled != scaled.to_integral_value():
        raise ValueError(f"weight {weight} has more than three decimals")
    return int(scaled)


def _trimmed(rng: str, per_side: int, scale: int) -> Parts:
    return kept_sum(rng, per_side), f"((COUNT({rng})-{2 * per_side})*{scale})"


def _mean(rng: str, _spec: PanelSpec, scale: int) -> Parts:
    return _trimmed(rng, 0, scale)


def _with_fallback(rng: str, spec: PanelSpec, scale: int, fewest: int, trimmed: Parts) -> Parts:
    """``trimmed`` when at least ``fewest`` sheets count, else the fallback's (``NONE``: a
    denominator of 0, which the round formula shows as no result)."""
    other = ("0", "0") if spec.fallback is Fallback.NONE else _trimmed(rng, 0, scale)
    test = f"COUNT({rng})>={fewest}"
    return f"IF({test},{trimmed[0]},{other[0]})", f"IF({test},{trimmed[1]},{other[1]})"


def _trimmed_k(rng: str, spec: PanelSpec, scale: int) -> Parts:
    if spec.trim == 0:
        return _trimmed(rng, 0, scale)
    return _with_fallback(rng, spec, scale, 2 * spec.trim + 1, _trimmed(rng, spec.trim, scale))


def _trimmed_auto(rng: str, spec: PanelSpec, scale: int) -> Parts:
    numerator, denominator = _trimmed(rng, 0, scale)
    for fewest, per_side in sorted(AUTO_TRIM_TABLE):
        if per_side:
            n, d = _trimmed(rng, per_side, scale)
            test = f"COUNT({rng})>={fewest}"
            numerator = f"IF({test},{n},{numerator})"
            denominator = f"IF({test},{d},{denominator})"
    return numerator, denominator


def _median(rng: str, _spec: PanelSpec, scale: int) -> Parts:
    return f"(2*MEDIAN({rng}))", f"{2 * scale}"  # a median of whole numbers is n or n.5


def _sum(rng: str, _spec: PanelSpec, scale: int) -> Parts:
    return f"SUM({rng})", f"{scale}"


#: Every aggregation a panel may have, and its formula (a test holds this complete).
PANEL_PARTS: dict[Aggregation, Callable[[str, PanelSpec, int], Parts]] = {
    Aggregation.MEAN: _mean,
    Aggregation.TRIMMED: _trimmed_k,
    Aggregation.TRIMMED_AUTO: _trimmed_auto,
    Aggregation.MEDIAN: _median,
    Aggregation.SUM: _sum,
}


def panel_parts(spec: PanelSpec, rng: str, scale: int) -> Parts:
    """``(N, D)`` of the panel's result from the whole-number totals in ``rng``; ``D`` is 0
    when the panel has no result (no sheets, or too few without a fallback)."""
    numerator, denominator = PANEL_PARTS[spec.aggregation](rng, spec, scale)
    empty = f"COUNT({rng})=0"  # MEDIAN, LARGE… of nothing is an error, never a 0
    return f"IF({empty},0,{numerator})", f"IF({empty},0,{denominator})"


def half_up(numerator: str, denominator: str, places: int) -> str:
    """``numerator/denominator`` rounded half up at ``places``, in units of ``10^-places``."""
    return f"QUOTIENT(2*({numerator})*{10**places}+({denominator}),2*({denominator}))"


def round_parts_once(cells: list[tuple[int, int, str, str]]) -> Parts:
    """``cells``: ``(segment weight‰, panel weight‰, N cell, D cell)`` of every segment ×
    panel; the round's exact score as ``(numerator, denominator)``, the denominator 0 when any
    panel has no result."""
    dens = ",".join(d for *_w, _n, d in cells)
    # The weights' common factor is taken out of every term and of the scale: the numbers the
    # spreadsheet multiplies stay smaller (exact only below 10^15: EXACT_LIMIT).
    factor = math.gcd(1000000, *(ws * wp for ws, wp, _n, _d in cells))
    terms = "+".join(f"{ws * wp // factor}*{n}*(LCM({dens})/{d})" for ws, wp, n, d in cells)
    scale = 1000000 // factor
    return f"IF(PRODUCT({dens})=0,0,{terms})", f"IF(PRODUCT({dens})=0,0,{scale}*LCM({dens}))"


def round_parts_each_stage(
    segments: list[tuple[int, list[tuple[int, str, str]]]], places: int
) -> Parts:
    """``segments``: ``(segment weight‰, [(panel weight‰, N cell, D cell), …])``; every panel,
    segment and the round rounded half up in turn: the round in units of ``10^-places``."""
    dens = ",".join(d for _ws, panels in segments for _wp, _n, d in panels)
    segment_values = []
    for _ws, panels in segments:
        weighted = "+".join(f"{wp}*{half_up(n, d, places)}" for wp, n, d in panels)
        segment_values.append(f"QUOTIENT(2*({weighted})+1000,2000)")
    weights = [ws for ws, _panels in segments]
    total = "+".join(f"{ws}*{v}" for ws, v in zip(weights, segment_values, strict=True))
    return (
        f"IF(PRODUCT({dens})=0,0,QUOTIENT(2*({total})+1000,2000))",
        f"IF(PRODUCT({dens})=0,0,{10**places})",
    )


#: Whole numbers are exact in every spreadsheet up to here: a double holds 2^53, but LibreOffice
#: and Excel keep 15 significant digits of what they read and show.
EXACT_LIMIT = 10**15


def checked_same(n_cell: str, d_cell: str, same_cells: tuple[str, str], places: int,
                 same: str, different: str, beyond: str) -> str:  # fmt: skip
    """一致 / 不一致 of two shown values — or, when the row's N or D is past
    :data:`EXACT_LIMIT`, ``beyond``: the recount says it cannot vouch for itself."""
    compared = same_formula(*same_cells, places, same, different)[1:]
    return f'=IF(MAX(ABS({n_cell}),ABS({d_cell}))>{EXACT_LIMIT},"{beyond}",{compared})'


def shown_formula(numerator: str, denominator: str, places: int) -> str:
    """A score cell from its numerator and denominator cells: half up, or "" without one."""
    return f'=IF({denominator}=0,"",{half_up(numerator, denominator, places)}/{10**places})'


def final_parts(rounds: list[tuple[int, str, str]]) -> Parts:
    """``rounds``: ``(round weight‰, RN cell, RD cell)``; Σ weight × round, exactly (a round
    not reached has a denominator of 0, and so has the final)."""
    dens = ",".join(d for _w, _n, d in rounds)
    factor = math.gcd(1000, *(w for w, _n, _d in rounds))
    terms = "+".join(f"{w // factor}*{n}*(LCM({dens})/{d})" for w, n, d in rounds)
    scale = 1000 // factor
    return f"IF(PRODUCT({dens})=0,0,{terms})", f"IF(PRODUCT({dens})=0,0,{scale}*LCM({dens}))"
