"""The results workbook of an event: the flat one for a single-round, single-panel event, the
contest tree's otherwise (every round that has appearances)."""

from review.exports.tree_workbook import tree_workbook_bytes
from review.exports.workbook import workbook_bytes
from review.models import Event
from review.queries.audit import audit_entries
from review.queries.awards import round_awards, rounds_with_awards
from review.queries.final_results import final_results, is_weighted
from review.queries.results import event_results
from review.queries.round_results import round_results
from review.queries.structure import round_shape, rounds_of


def event_workbook(event: Event) -> bytes:
    rounds = rounds_of(event)
    awards = [a for r in rounds_with_awards(event) if (a := round_awards(event, r)).lines]
    if len(rounds) == 1:
        shape = round_shape(rounds[0])
        if shape.is_flat:
            results = event_results(event, rounds[0], shape)
            return workbook_bytes(results, audit_entries(event), awards)
    scored = [round_results(event, r) for r in rounds if r.has_appearances]
    final = final_results(event) if is_weighted(event) and len(scored) > 1 else None
    return tree_workbook_bytes(scored, audit_entries(event), final, awards)
