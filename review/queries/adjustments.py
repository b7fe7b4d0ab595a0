"""The 加分/扣分 of a round's appearances, and a round score with them added."""

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from django.db.models import Sum

from common.scoring import adjust
from common.scoring.tree import Rounding
from review.models import Adjustment, Round


def adjustment_totals(
    round_: Round | int, only_appearance: int | None = None
) -> dict[int, Decimal]:
    """``{appearance id: points}`` of every appearance of the round with adjustments."""
    rows = Adjustment.objects.filter(rule__round=round_)
    if only_appearance is not None:
        rows = rows.filter(appearance=only_appearance)
    totals = rows.order_by().values_list("appearance_id").annotate(points=Sum("points"))
    return {sub_id: points for sub_id, points in totals if points}


def adjustment_lines(round_: Round) -> dict[int, list[Adjustment]]:
    lines = defaultdict(list)
    for line in Adjustment.objects.filter(rule__round=round_).select_related("rule"):
        lines[line.appearance_id].append(line)
    return dict(lines)


def with_adjustment(
    value: Fraction | None, shown: Decimal | None, total: Decimal, places: int, rounding: str
) -> tuple[Fraction | None, Decimal | None]:
    if value is None or not total:
        return value, shown
    return adjust.adjusted(value, shown, total, places, Rounding(rounding))
