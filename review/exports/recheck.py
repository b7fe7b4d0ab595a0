"""Excel formulas that recompute a final score from the judges' sheet totals, so the 核算 sheet
lets anyone re-check the tool in Excel or LibreOffice.

Each formula mirrors ``common.scoring``: the same sheets dropped, the same fallback to the plain
average when too few remain, ROUND (half away from zero) at the display precision. Cells that are
empty or hold text (回避, 未评分) are ignored by SUM, COUNT, LARGE and SMALL, as the tool ignores
those judges.

Exact in binary floating point: the formulas work on the totals as whole numbers of
``1/scale`` (``scale = 10^d``, ``d`` the most decimals any total has), which helper cells make
with ``ROUND(total*scale, 0)``. Sums, the dropped values and the median of whole numbers are
exact, so the only inexact step is the one division ``N/(D*scale)`` before ROUND — the same
single rounding the tool's own exact arithmetic has. Summing the decimal totals directly can
land a hair below a half (0.5+4+1.6+2.3+1.9+4.4+3.1+2.1 − 4.4 − 0.5 gives 14.999999999999998),
and ROUND would then go the wrong way.
"""

from common.exports.safe import Formula
from common.scoring import AUTO_TRIM_TABLE, Method


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


def _ratio(rng: str, per_side: int, scale: int, adjust: str | None = None) -> str:
    """The trimmed mean of the whole numbers in ``rng``, as one division, in score units;
    plus ``adjust`` (a cell of whole thousandths of a point) in the same one division."""
    kept, count = kept_sum(rng, per_side), f"(COUNT({rng})-{2 * per_side})"
    if adjust:
        return f"({kept}*1000+{adjust}*{count}*{scale})/({count}*{scale}*1000)"
    return f"{kept}/({count}*{scale})"


def _guarded(rng: str, per_side: int, scale: int, adjust: str | None = None) -> str:
    """Trim ``per_side`` at each end when enough sheets remain, else the plain average."""
    if per_side == 0:
        return _ratio(rng, 0, scale, adjust)
    trimmed, mean = _ratio(rng, per_side, scale, adjust), _ratio(rng, 0, scale, adjust)
    return f"IF(COUNT({rng})>={2 * per_side + 1},{trimmed},{mean})"


def final_formula(
    method: str,
    trim: int,
    places: int,
    rng: str,
    scale: int = 1,
    adjust: str | None = None,
    each_stage: bool = False,
) -> Formula:
    """The final score from the whole-number cells in ``rng`` (see the module docstring).

    ``adjust``: a cell with the 加分/扣分 in whole thousandths, added inside the one division
    (rounded once), or — ``each_stage`` — to the rounded score, then rounded again."""
    once = None if each_stage else adjust
    method = Method(method)
    if method is Method.MEAN:
        body = _ratio(rng, 0, scale, once)
    elif method is Method.MEDIAN:
        body = f"(2*MEDIAN({rng}))/({2 * scale})"  # a median of whole numbers is n or n.5
        if once:
            body = f"(2*MEDIAN({rng})*1000+{once}*{2 * scale})/({2 * scale * 1000})"
    elif method is Method.TRIMMED:
        body = _guarded(rng, trim, scale, once)
    else:
        body = _ratio(rng, 0, scale, once)
        for fewest, per_side in sorted(AUTO_TRIM_TABLE):
            if per_side:
                body = f"IF(COUNT({rng})>={fewest},{_ratio(rng, per_side, scale, once)},{body})"
    shown = f"ROUND({body},{places})"
    if adjust and each_stage:
        units = 10**places
        whole = f"ROUND({shown}*{units},0)"  # the published score in whole 10^-places
        shown = f"ROUND(({whole}*1000+{adjust}*{units})/{units * 1000},{places})"
    return Formula(f'=IF(COUNT({rng})=0,"",{shown})')


def per_side_formula(method: str, trim: int, rng: str) -> Formula | int:
    """How many sheets the formula drops at each end, as a number or a formula."""
    method = Method(method)
    if method in (Method.MEAN, Method.MEDIAN):
        return 0
    if method is Method.TRIMMED:
        return Formula(f"=IF(COUNT({rng})>={2 * trim + 1},{trim},0)")
    body = "0"
    for fewest, per_side in sorted(AUTO_TRIM_TABLE):
        if per_side:
            body = f"IF(COUNT({rng})>={fewest},{per_side},{body})"
    return Formula(f"={body}")
