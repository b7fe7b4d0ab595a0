"""Excel formulas that recompute a final score from the judges' sheet totals in a range, so the
核算 sheet lets anyone re-check the tool in Excel or LibreOffice.

Each formula mirrors ``review.scoring``: the same sheets dropped, the same fallback to the plain
average when too few remain, ROUND (half away from zero) at the display precision. Cells that are
empty or hold text (回避, 未评分) are ignored by SUM, COUNT, LARGE and SMALL, as the tool ignores
those judges.
"""

from review.scoring import AUTO_TRIM_TABLE, Method


def _trimmed(rng: str, per_side: int) -> str:
    if per_side == 0:
        return f"AVERAGE({rng})"
    if per_side == 1:
        return f"(SUM({rng})-MAX({rng})-MIN({rng}))/(COUNT({rng})-2)"
    ks = ",".join(str(k) for k in range(1, per_side + 1))
    return (
        f"(SUM({rng})-SUMPRODUCT(LARGE({rng},{{{ks}}}))-SUMPRODUCT(SMALL({rng},{{{ks}}})))"
        f"/(COUNT({rng})-{2 * per_side})"
    )


def _guarded(rng: str, per_side: int) -> str:
    """Trim ``per_side`` at each end when enough sheets remain, else the plain average."""
    if per_side == 0:
        return f"AVERAGE({rng})"
    return f"IF(COUNT({rng})>={2 * per_side + 1},{_trimmed(rng, per_side)},AVERAGE({rng}))"


def final_formula(method: str, trim: int, places: int, rng: str) -> str:
    method = Method(method)
    if method is Method.MEAN:
        body = f"AVERAGE({rng})"
    elif method is Method.MEDIAN:
        body = f"MEDIAN({rng})"
    elif method is Method.TRIMMED:
        body = _guarded(rng, trim)
    else:
        body = f"AVERAGE({rng})"
        for fewest, per_side in sorted(AUTO_TRIM_TABLE):
            if per_side:
                body = f"IF(COUNT({rng})>={fewest},{_trimmed(rng, per_side)},{body})"
    return f'=IF(COUNT({rng})=0,"",ROUND({body},{places}))'


def per_side_formula(method: str, trim: int, rng: str) -> str | int:
    """How many sheets the formula drops at each end, as a number or a formula."""
    method = Method(method)
    if method in (Method.MEAN, Method.MEDIAN):
        return 0
    if method is Method.TRIMMED:
        return f"=IF(COUNT({rng})>={2 * trim + 1},{trim},0)"
    body = "0"
    for fewest, per_side in sorted(AUTO_TRIM_TABLE):
        if per_side:
            body = f"IF(COUNT({rng})>={fewest},{per_side},{body})"
    return f"={body}"
