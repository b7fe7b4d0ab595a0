"""An event's result for other apps (``common.domain.event_results``): the weighted final's
score and rank, or the last round's, for each contestant and their unit (a unit with several
contestants: its best placed)."""

from decimal import Decimal

from common import scoring
from review.models import Event
from review.queries.final_results import final_results, is_weighted
from review.queries.round_results import round_results
from review.queries.structure import rounds_of


def event_outcome(event_id: int) -> dict[tuple[str, int], tuple[Decimal | None, int | None]]:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return {}
    rounds = [r for r in rounds_of(event) if r.has_appearances]
    if not rounds:
        return {}
    if is_weighted(event) and len(rounds) > 1:
        rows = [(r.appearance, r.shown_final, r.rank) for r in final_results(event).rows]
    else:
        rows = [(r.appearance, r.shown_final, r.rank)
                for r in round_results(event, rounds[-1]).rows]  # fmt: skip
    found: dict[tuple[str, int], tuple[Decimal | None, int | None]] = {}
    order = sorted(rows, key=lambda row: scoring.ranking_order(row[2], row[0].order))
    for appearance, shown, rank in order:
        found[("person", appearance.contestant_id)] = (shown, rank)
        unit = appearance.contestant.unit_id
        if unit is not None:
            found.setdefault(("unit", unit), (shown, rank))
    return found


def events_with_results() -> list[tuple[int, str, str]]:
    return list(Event.objects.order_by("-pk").values_list("pk", "name", "code"))
