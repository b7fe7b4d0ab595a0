"""What the big screen and the control room show, from one ``round_results`` call whatever the
round's shape: the report on stage with each panel's judges' totals (the dropped ones struck),
its panel, segment and round scores, and the round's ranking so far. A round of one segment and
one panel is shown as the flat contest always was: the judges' totals and the final score."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from common import scoring
from common.scoring import tree
from review.labels import judge_label
from review.models import Appearance, Event, Round, scoring_open
from review.queries.round_results import (
    RoundResults,
    TreeRow,
    rank_rows,
    round_results,
    waiting_for,
)
from review.queries.stage import ScreenScore, seconds_left, time_left
from review.queries.structure import rounds_of, stage_round


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
class ScreenState:
    event: Event
    round: Round | None
    presenting: TreeRow | None
    revealed: bool
    seconds_left: int | None
    segments: list[SegmentView]
    ranking: list[tuple[int | None, TreeRow]]
    has_generated_scores: bool
    #: nothing is shown yet: the event is not a live show and its results are not published
    withheld: bool = False
    places: int = 2  # the round's display precision
    #: one segment, one averaging panel: shown as the judges' totals and the final score
    flat: bool = True
    #: the round is one of several: its name heads the screen
    named: bool = False
    #: a revealed round score without a value: what it still waits for (还差：讲述·大众)
    waiting: str = ""
    scores: list[ScreenScore] = field(default_factory=list)  # a flat round's judges' totals


def is_revealed(event: Event, row: TreeRow) -> bool:
    """On a live show only revealed reports count so far; otherwise every scored one does."""
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


def ranking_so_far(results: RoundResults) -> list[tuple[int | None, TreeRow]]:
    shown = [row for row in results.rows if is_revealed(results.event, row)]
    return sorted(
        zip(rank_rows(results, shown), shown, strict=True),
        key=lambda p: scoring.ranking_order(p[0], p[1].appearance.order),
    )


def screen_state(event: Event) -> ScreenState:
    """What the hall sees: a live show's reveals as they happen; otherwise the results once
    published, never more than the public results page shows."""
    if not (event.live_show or event.is_published):
        return ScreenState(event, None, None, False, None, [], [], False, withheld=True)
    rounds = rounds_of(event)
    results = round_results(event, stage_round(event, rounds))
    row = next((r for r in results.rows if r.appearance.pk == event.presenting_id), None)
    revealed = row is not None and is_revealed(event, row)
    segments = segment_views(results, row) if revealed else []
    flat = results.shape.is_flat
    return ScreenState(
        event=event,
        round=results.round,
        presenting=row,
        revealed=revealed,
        seconds_left=seconds_left(row.appearance, timezone.now()) if row else None,
        segments=segments,
        ranking=ranking_so_far(results),
        has_generated_scores=results.has_generated_scores,
        places=results.places,
        flat=flat,
        named=len(rounds) > 1 or not flat,
        waiting=waiting_for(row.stage, results.shape.segments, results.shape.panels)
        if revealed
        else "",
        scores=segments[0].panels[0].scores if flat and segments else [],
    )


@dataclass(frozen=True)
class ShowState:
    """Where the show is: the same for every phone, so computed once per event version."""

    event_id: int
    live_show: bool
    scoring: bool  # the event's status is "scoring"
    presenting: int | None
    name: str = ""
    phase: str = ""
    closes_at: datetime | None = None
    segment: int | None = None  # the one segment open for scoring; None: all at once
    segment_name: str = ""

    def is_open(self, now) -> bool:
        return self.scoring and scoring_open(self.phase, self.closes_at, now)

    def seconds_left(self, now) -> int | None:
        return time_left(self.phase, self.closes_at, now) if self.scoring else None


def show_state(event_id: int) -> ShowState | None:
    """``None`` when there is no such event."""
    event = (
        Event.objects.filter(pk=event_id)
        .select_related("presenting__contestant", "presenting__live_segment")
        .only(
            "live_show",
            "status",
            "presenting__phase",
            "presenting__closes_at",
            "presenting__contestant__name",
            "presenting__live_segment__name",
        )
        .first()
    )
    return None if event is None else show_state_of(event)


def show_state_of(event: Event) -> ShowState:
    """From an event loaded with its report on stage, that report's contestant and segment."""
    # A draft is nobody's business yet: its phones and screen say only that it has not begun.
    shown = event.live_show and event.status != Event.Status.DRAFT
    sub = event.presenting if shown else None
    return ShowState(
        event_id=event.pk,
        live_show=event.live_show,
        scoring=event.status == Event.Status.SCORING,
        presenting=sub.pk if sub else None,
        name=sub.contestant.name if sub else "",
        phase=sub.phase if sub else "",
        closes_at=sub.closes_at if sub else None,
        segment=sub.live_segment_id if sub else None,
        segment_name=sub.live_segment.name if sub and sub.live_segment_id else "",
    )
