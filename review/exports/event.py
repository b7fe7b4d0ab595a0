"""The results workbook of an event: every round that has appearances, the weighted final
where there is one, the awards and the log — one builder for every shape."""

from review.exports.results_workbook import results_workbook_bytes
from review.models import Event
from review.queries.audit import audit_entries
from review.queries.awards import round_awards, rounds_with_awards
from review.queries.final_results import final_results, is_weighted
from review.queries.round_results import round_results
from review.queries.structure import rounds_of


def event_workbook(event: Event) -> bytes:
    rounds = rounds_of(event)
    awards = [a for r in rounds_with_awards(event) if (a := round_awards(event, r)).lines]
    # Every round with appearances; an event with none yet: its first round's empty sheets.
    scored = [round_results(event, r) for r in rounds if r.has_appearances]
    scored = scored or [round_results(event, rounds[0])]
    final = final_results(event) if is_weighted(event) and len(scored) > 1 else None
    only = len(rounds) == 1
    return results_workbook_bytes(scored, audit_entries(event), final, awards, only)
