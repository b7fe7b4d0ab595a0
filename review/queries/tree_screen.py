"""What the big screen shows of a round scored as a tree: round and segment, each panel's
judges' totals with the dropped ones struck, the panel results, the segment and round scores,
and the round's ranking so far."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from common import scoring
from common.scoring import tree
from review.labels import judge_label
from review.models import Appearance, Event, Round
from review.queries.round_results import RoundResults, TreeRow, round_results, waiting_for
from review.queries.stage import ScreenScore, seconds_left


@dataclass
class PanelView:
    name: str
    weight: Decimal
    scores: list[ScreenScore]
    result: tree.Stage


@dataclass
class SegmentView:
    name: str
    weight: Decimal
    panels: list[PanelView]
    stage: tree.Stage


@dataclass
class TreeScreenState:
    event: Event
    round: Round
    presenting: TreeRow | None
    revealed: bool
    seconds_left: int | None
    segments: list[SegmentView]
    ranking: list[tuple[int | None, TreeRow]]
    has_generated_scores: bool
    withheld: bool = False
    tree: bool = True
    places: int = 2
    #: a revealed round score without a value: what it still waits for (还差：讲述·大众)
    waiting: str = ""


def is_revealed(event: Event, row: TreeRow) -> bool:
    if event.live_show:
        return row.appearance.phase == Appearance.Phase.REVEALED
    return row.stage.value is not None


def _dropped(selection, judge_id) -> str:
    if selection is None:
        return ""
    if judge_id in selection.dropped_high:
        return "high"
    return "low" if judge_id in selection.dropped_low else ""


def segment_views(results: RoundResults, row: TreeRow) -> list[SegmentView]:
    event, shape = results.event, results.shape
    views = []
    for segment in shape.segments:
        stage = row.segment(segment.pk)
        panels = []
        for panel in shape.panels:
            result = row.panel(segment.pk, panel.pk)
            totals = row.totals.get(segment.pk, {}).get(panel.pk, {})
            scores = [
                ScreenScore(judge_label(event, j), totals[j.pk], _dropped(result.selection, j.pk))
                for j in results.members(panel.pk)
                if j.pk in totals
            ]
            panels.append(PanelView(panel.name, panel.weight, scores, result))
        views.append(SegmentView(segment.name, segment.weight, panels, stage))
    return views


def tree_screen_state(event: Event, round_: Round, shape=None) -> TreeScreenState:
    results = round_results(event, round_, shape=shape)
    row = next((r for r in results.rows if r.appearance.pk == event.presenting_id), None)
    revealed = row is not None and is_revealed(event, row)
    shown = [r for r in results.rows if is_revealed(event, r)]
    ranks = scoring.competition_ranks([r.stage.shown for r in shown])
    ranking = sorted(
        zip(ranks, shown, strict=True),
        key=lambda p: scoring.ranking_order(p[0], p[1].appearance.order),
    )
    return TreeScreenState(
        event=event,
        round=round_,
        presenting=row,
        revealed=revealed,
        seconds_left=seconds_left(row.appearance, timezone.now()) if row else None,
        segments=segment_views(results, row) if revealed else [],
        ranking=ranking,
        has_generated_scores=results.has_generated_scores,
        places=results.places,
        waiting=waiting_for(row.stage, results.shape.segments, results.shape.panels)
        if revealed
        else "",
    )
