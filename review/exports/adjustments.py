"""The 加减分 sheet: every bonus and penalty of a round with what it came from (a count, the
seconds on stage, the points entered), a formula that recomputes its points from that input
and the rule, the tool's points, and whether they agree. The 核算 sheets add each appearance's
formula points (``adjustment_cell``) into its score, exactly."""

from django.utils.translation import gettext as _

from common.exports.layout import FIRST_DATA_ROW
from common.exports.numbers import same_formula
from common.exports.safe import Formula
from review.models import Adjustment, AdjustmentRule, Round

#: The column of the recomputed points, which the 核算 sums per appearance.
POINTS_COLUMN = "G"
ORDER_COLUMN = "A"


ADJUSTMENTS = "加减分"


def sheet_title(ctx, round_: Round) -> str:
    """加减分 in an event of one round; the round's name before it otherwise."""
    return ctx.named(ADJUSTMENTS, _("%(round)s bonus and penalty") % {"round": round_.name})


def _points_formula(rule: AdjustmentRule, line: int, time_limit: int | None) -> Formula:
    """The rule as a formula over the input in column F of this line."""
    given = f"F{line}"
    if rule.kind == AdjustmentRule.Kind.COUNT:
        counted = f"MIN({given},{rule.count_cap})" if rule.count_cap is not None else given
        steps = f"INT(MAX(0,{counted}-{rule.base})/{rule.step})"
    elif rule.kind == AdjustmentRule.Kind.OVERTIME:
        limit = time_limit if time_limit is not None else 10**9
        steps = f"IF({given}<={limit},0,CEILING(({given}-{limit})/{rule.step},1))"
    else:
        steps = None
    magnitude = given if steps is None else f"{rule.points}*{steps}"
    if rule.limit is not None:
        magnitude = f"MIN({rule.limit},{magnitude})"
    return Formula(f"={rule.sign}*{magnitude}")


def adjustments_sheet(wb, ctx, round_: Round) -> str | None:
    """The round's 加减分 sheet (none when the round has no rules); returns its title."""
    rules = list(AdjustmentRule.objects.filter(round=round_).select_related("segment"))
    if not rules:
        return None
    lines = list(
        Adjustment.objects.filter(rule__round=round_)
        .select_related("rule__segment", "appearance__contestant")
        .order_by("appearance__order", "rule__order")
    )
    header = [
        _("Order"), _("Contestant"), _("Rule"), _("Kind"), _("Time limit (s)"),
        _("Count, seconds or points entered"), _("Points by formula"), _("Points by the tool"),
        _("Same?"), _("Reason"),
    ]  # fmt: skip
    same, different = _("same"), _("DIFFERENT")
    rows = []
    for offset, line in enumerate(lines):
        here = FIRST_DATA_ROW + offset
        rule = line.rule
        limit = rule.segment.time_limit_seconds if rule.segment_id else None
        given = line.count if line.count is not None else line.seconds
        if given is None:
            given = abs(line.points)
        rows.append(
            [
                line.appearance.order,
                line.appearance.contestant.name,
                rule.name,
                rule.get_kind_display(),
                limit if rule.kind == AdjustmentRule.Kind.OVERTIME else "",
                given,
                _points_formula(rule, here, limit),
                line.points,
                Formula(same_formula(f"G{here}", f"H{here}", 3, same, different)),
                line.reason,
            ]
        )
    widths = [[v if not isinstance(v, Formula) else "" for v in r] for r in rows]
    sheet = ctx.sheet(wb, sheet_title(ctx, round_), header, widths, autofilter=None)
    for values in rows:
        sheet.append(values)
    return sheet.ws.title


def adjustment_cell(title: str, order_cell: str) -> Formula:
    """An appearance's recomputed points in whole thousandths (exact: at most 3 decimals)."""
    points = (
        f"SUMIF('{title}'!${ORDER_COLUMN}:${ORDER_COLUMN},{order_cell},"
        f"'{title}'!${POINTS_COLUMN}:${POINTS_COLUMN})"
    )
    return Formula(f"=ROUND({points}*1000,0)")
