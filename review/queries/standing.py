"""A round's standing, whatever its shape: the one read that awards, advancement and the final
ranking take a round's results from. Each appearance's rank, its round stage (exact value and
shown score, as ``common.scoring.tree`` carries it), its segments' shown scores and its counted
sheets, as ``queries.round_results`` scores every shape."""

from dataclasses import dataclass
from decimal import Decimal

from common import scoring
from common.scoring import tree
from review.models import Appearance, Event, Round
from review.queries.round_results import round_results
from review.queries.structure import RoundShape, round_shape


@dataclass(frozen=True)
class Placing:
    appearance: Appearance
    rank: int | None
    stage: tree.Stage  # the round's: ``value`` exact (or carried), ``shown`` as published
    segments: dict[int, Decimal | None]  # segment id → shown segment score
    sheets: list[dict[int, Decimal]]  # every counted sheet: criterion id → value

    @property
    def shown(self) -> Decimal | None:
        return self.stage.shown


@dataclass(frozen=True)
class RoundStanding:
    round: Round
    shape: RoundShape
    rows: list[Placing]  # in running order
    has_generated_scores: bool

    @property
    def ranked(self) -> list[Placing]:
        return sorted(self.rows, key=lambda p: scoring.ranking_order(p.rank, p.appearance.order))


def round_standing(event: Event, round_: Round, shape: RoundShape | None = None) -> RoundStanding:
    shape = shape or round_shape(round_)
    results = round_results(event, round_, shape=shape)
    sheets: dict[int, list] = {}
    for (appearance_id, _segment), by_judge in results.sheets.items():
        sheets.setdefault(appearance_id, []).extend(by_judge.values())
    rows = [
        Placing(
            row.appearance,
            row.rank,
            row.stage,
            {s.pk: row.segment(s.pk).shown for s in shape.segments},
            sheets.get(row.appearance.pk, []),
        )
        for row in results.rows
    ]
    return RoundStanding(round_, shape, rows, results.has_generated_scores)


def round_ranking(event: Event, round_: Round) -> list[tuple[Appearance, int | None]]:
    """The round's appearances with their ranks, in rank order (then running order)."""
    return [(p.appearance, p.rank) for p in round_standing(event, round_).ranked]
