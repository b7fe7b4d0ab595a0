"""The cross-inspection as a season indicator: each unit's accepted problems of a period —
those it found (for the inspecting unit: seed 002's "at least 100, +0.5 for each more, counted
up to 200", the season's shared count rule) or those found at it (a deduction, the same rule
with its sign turned) — entered as the indicator's values, like any values: all or none,
audited, a published period only by a correction with a reason."""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from inspection.models import Draw, Pair, Problem
from season.domain.values import Change, enter_values
from season.models import Indicator, Period, Subject

#: A problem counts once accepted (and still when rectified or closed).
COUNTED = (Problem.Status.ACCEPTED, Problem.Status.RECTIFIED, Problem.Status.CLOSED)
SIDES = {"found": "pair__inspector", "received": "pair__inspected"}


class CountsRefused(Refused):
    pass


def accepted_counts(period: Period, side: str) -> dict[int, int]:
    """``{subject id: accepted problems}`` of the period's live draw, 0 for a unit of the draw
    with none; ``side``: ``found`` (by the inspecting unit) or ``received`` (at the unit)."""
    draw = Draw.objects.filter(period=period, state=Draw.State.DRAWN).first()
    if draw is None:
        raise CountsRefused(_("%(period)s has no draw made: nothing to count yet.")
                            % {"period": period.name})  # fmt: skip
    column = "inspector" if side == "found" else "inspected"
    units = set(Pair.objects.filter(draw=draw).values_list(column, flat=True))
    counted = dict(Problem.objects.filter(pair__draw=draw, status__in=COUNTED)
                   .values_list(SIDES[side]).annotate(n=Count("pk")))  # fmt: skip
    return {unit: counted.get(unit, 0) for unit in units}


def take_counts(period: Period, indicator: Indicator, side: str, actor,
                reason: str = "") -> list[Change]:  # fmt: skip
    if side not in SIDES:
        raise CountsRefused(_("Count the problems a unit found, or those found at it."))
    if indicator.season_id != period.season_id or indicator.rule != Indicator.Rule.COUNT:
        message = _("%(name)s is not a count indicator of this season: give it the count rule "
                    "on the scorecard.")  # fmt: skip
        raise CountsRefused(message % {"name": indicator.name})
    counts = accepted_counts(period, side)
    subjects = Subject.objects.filter(pk__in=counts).order_by("order")
    rows = [(s.order, s, indicator, Decimal(counts[s.pk])) for s in subjects]
    said = _("accepted problems found") if side == "found" else _("accepted problems received")
    return enter_values(period, rows, actor, sheet=_("Cross-inspection"), reason=reason or said)
