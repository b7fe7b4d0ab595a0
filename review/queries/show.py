"""What the big screen and the control room show, derived from one ``event_results`` call."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from common import scoring
from review.labels import judge_label
from review.models import Appearance, Event, scoring_open
from review.queries.results import EventResults, ResultRow, event_results
from review.queries.stage import ScreenScore, seconds_left, time_left
from review.queries.structure import round_shape, stage_round
from review.queries.tree_screen import tree_screen_state


@dataclass
class ScreenState:
    event: Event
    presenting: ResultRow | None
    revealed: bool
    seconds_left: int | None
    scores: list[ScreenScore]
    ranking: list[tuple[int | None, ResultRow]]
    has_generated_scores: bool
    #: nothing is shown yet: the event is not a live show and its results are not published
    withheld: bool = False
    places: int = 2  # the round's display precision


def is_revealed(event: Event, row: ResultRow) -> bool:
    """On a live show only revealed reports count so far; otherwise every scored one does."""
    if event.live_show:
        return row.appearance.phase == Appearance.Phase.REVEALED
    return row.result.final is not None


def ranking_so_far(results: EventResults) -> list[tuple[int | None, ResultRow]]:
    shown = [row for row in results.rows if is_revealed(results.event, row)]
    ranks = scoring.rank_results([row.result for row in shown], results.tie_break_specs)
    return sorted(
        zip(ranks, shown, strict=True),
        key=lambda p: scoring.ranking_order(p[0], p[1].appearance.order),
    )


def screen_state(event: Event) -> ScreenState:
    """What the hall sees: a live show's reveals as they happen; otherwise the results once
    published, never more than the public results page shows."""
    if not (event.live_show or event.is_published):
        return ScreenState(event, None, False, None, [], [], False, withheld=True)
    round_ = stage_round(event)
    shape = round_shape(round_)
    if not shape.is_flat:
        return tree_screen_state(event, round_, shape)
    results = event_results(event, round_, shape)
    row = next((r for r in results.rows if r.appearance.pk == event.presenting_id), None)
    revealed = row is not None and is_revealed(event, row)
    scores = []
    if revealed:
        selection = row.result.selection
        for judge in results.judges:
            if judge.pk not in row.result.totals:
                continue
            dropped = (
                "high"
                if judge.pk in selection.dropped_high
                else "low"
                if judge.pk in selection.dropped_low
                else ""
            )
            scores.append(
                ScreenScore(judge_label(event, judge), row.result.totals[judge.pk], dropped)
            )
    return ScreenState(
        event=event,
        presenting=row,
        revealed=revealed,
        seconds_left=seconds_left(row.appearance, timezone.now()) if row else None,
        scores=scores,
        ranking=ranking_so_far(results),
        has_generated_scores=results.has_generated_scores,
        places=results.places,
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
