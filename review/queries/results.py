"""A flat-shaped round's results (one segment, one averaging panel) keyed as the flat readers
— the single-round workbook, the corpus — read them: ``{appearance: {judge: sheet}}`` rather
than the tree's ``{(appearance, segment): …}``. Scored by ``queries.round_results`` like every
other round: this module only re-keys."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from common import scoring
from review.models import Criterion, Event, Judge, Round
from review.queries.round_results import RoundResults, TreeRow, round_results
from review.queries.structure import RoundShape, current_round

#: a flat round's row: ``result`` (the panel's), ``counted``, ``expected``, ``note``, dropped
ResultRow = TreeRow


@dataclass
class EventResults:
    tree: RoundResults

    @cached_property
    def sheets(self) -> dict[int, dict[int, dict[int, Decimal]]]:
        """``{appearance_id: {judge_id: {criterion_id: value}}}`` of every counted sheet."""
        sheets = {}
        for (appearance_id, _segment), by_judge in self.tree.sheets.items():
            sheets.setdefault(appearance_id, {}).update(by_judge)
        return sheets

    @cached_property
    def sheet_status(self) -> dict[tuple[int, int], str]:
        """``{(judge_id, appearance_id): status}`` of every sheet not submitted."""
        return {(j, a): state for (j, a, _segment), state in self.tree.sheet_status.items()}

    @property
    def event(self) -> Event:
        return self.tree.event

    @property
    def round(self) -> Round:
        return self.tree.round

    @property
    def criteria(self) -> list[Criterion]:
        return self.tree.criteria

    @property
    def judges(self) -> list[Judge]:
        return self.tree.judges

    @property
    def rows(self) -> list[TreeRow]:
        return self.tree.rows

    @property
    def ranked(self) -> list[TreeRow]:
        return self.tree.ranked

    @property
    def has_generated_scores(self) -> bool:
        return self.tree.has_generated_scores

    @property
    def tie_break_specs(self) -> list[scoring.TieBreak]:
        return self.tree.tie_break_specs

    @property
    def rule(self) -> scoring.Rule:
        return self.tree.rule

    @property
    def places(self) -> int:
        return self.tree.places


def event_results(
    event: Event, round_: Round | None = None, shape: RoundShape | None = None
) -> EventResults:
    """One flat round's results (by default the round being contested)."""
    round_ = round_ or current_round(event)
    return EventResults(round_results(event, round_, shape=shape))
