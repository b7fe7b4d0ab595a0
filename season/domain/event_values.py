"""A 赛马会 event's result taken into a period as an indicator's values: the event's shown final
score or its rank for each subject it ranked (``common.domain.event_results``), written like
any values — all or none, audited, a published period only by a correction with a reason."""

from decimal import Decimal

from django.utils.translation import gettext as _

from common.domain import event_results
from common.domain.refusals import Refused
from season.domain.values import Change, enter_values
from season.models import Indicator, Period, Season, Subject


class EventRefused(Refused):
    pass


def event_of(indicator: Indicator) -> tuple[int, str] | None:
    wanted = indicator.params.get("event")
    return next(((pk, name) for pk, name in event_results.events() if pk == wanted), None)


def take_event_result(period: Period, indicator: Indicator, actor,
                      reason: str = "") -> list[Change]:  # fmt: skip
    if indicator.rule != Indicator.Rule.EVENT or indicator.season_id != period.season_id:
        raise EventRefused(_("%(name)s does not take an event's result.") % {"name": indicator})
    event = event_of(indicator)
    if event is None:
        raise EventRefused(_("%(name)s names no event: choose it on the scorecard.")
                           % {"name": indicator.name})  # fmt: skip
    results = event_results.outcome(event[0])
    if not results:
        raise EventRefused(_("%(event)s has no result yet.") % {"event": event[1]})
    if period.season.kind == Season.Kind.HOUSEHOLDS:
        raise EventRefused(_("A 赛马会 night ranks units and people, not households."))
    kind = "unit" if period.season.kind == Season.Kind.UNITS else "person"
    by_rank = indicator.params.get("mode") == "rank"
    rows = []
    for subject in Subject.objects.filter(season=period.season_id).select_related(
        "unit", "person", "household"
    ):
        score, rank = results.get((kind, subject.unit_id or subject.person_id), (None, None))
        value = (None if rank is None else Decimal(rank)) if by_rank else score
        rows.append((subject.order, subject, indicator, value))
    return enter_values(period, rows, actor, sheet=event[1],
                        reason=reason or _("from %(event)s") % {"event": event[1]})  # fmt: skip
