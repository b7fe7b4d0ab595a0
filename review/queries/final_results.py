"""The final ranking of an event scored by a weighted sum of its rounds (``final_mode``
``weighted_rounds``): each finalist's round scores, weighted, exactly as ``scoring.tree``
combines them. With ``last_round`` the last round's ranking is the final one."""

from dataclasses import dataclass

from common import scoring
from common.scoring import tree
from review.models import Appearance, Event, Round
from review.queries.standing import round_standing
from review.queries.structure import rounds_of


@dataclass
class FinalRow:
    appearance: Appearance  # in the last round
    rounds: dict[int, tree.Stage]  # round id → its stage for this contestant
    stage: tree.Stage
    lines: dict[int, int]  # round id → the appearance's row index in that round's results
    rank: int | None = None

    @property
    def shown_final(self):
        return self.stage.shown


@dataclass
class FinalResults:
    event: Event
    rounds: list[Round]
    rows: list[FinalRow]
    has_generated_scores: bool

    @property
    def ranked(self) -> list[FinalRow]:
        return sorted(self.rows, key=lambda r: scoring.ranking_order(r.rank, r.appearance.order))


def is_weighted(event: Event) -> bool:
    return event.final_mode == Event.Final.WEIGHTED_ROUNDS


def _round_stages(event: Event, round_: Round) -> tuple[list, bool]:
    """``[(appearance, stage)]`` of a round in running order, flat or tree alike."""
    standing = round_standing(event, round_)
    return [(p.appearance, p.stage) for p in standing.rows], standing.has_generated_scores


def final_results(event: Event) -> FinalResults:
    rounds = [r for r in rounds_of(event) if r.has_appearances]
    per_round, generated = {}, False
    for round_ in rounds:
        stages, made_up = _round_stages(event, round_)
        generated = generated or made_up
        per_round[round_.pk] = {
            sub.contestant_id: (index, stage) for index, (sub, stage) in enumerate(stages)
        }
        if round_ is rounds[-1]:
            finalists = [sub for sub, _stage in stages]
    rows = []
    for appearance in finalists if rounds else []:
        found = {r.pk: per_round[r.pk].get(appearance.contestant_id) for r in rounds}
        stages = {
            r.pk: found[r.pk][1]
            if found[r.pk]
            else tree.Stage(r.pk, None, None, tree.State.NO_SHEETS)
            for r in rounds
        }
        final = tree.weighted(
            "final",
            [(r.weight, stages[r.pk]) for r in rounds],
            event.precision,
            tree.Rounding(event.rounding),
        )
        lines = {r.pk: found[r.pk][0] for r in rounds if found[r.pk]}
        rows.append(FinalRow(appearance, stages, final, lines))
    for row, rank in zip(
        rows, scoring.competition_ranks([r.stage.shown for r in rows]), strict=True
    ):
        row.rank = rank
    return FinalResults(event, rounds, rows, generated)
