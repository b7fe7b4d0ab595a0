"""The control room's progress: who has scored which report, and the report on stage.

It refreshes every two seconds, so it reads sheet states only and scores just the report on
stage — never the whole event."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, Event, Judge, Round, ScoreSheet, Segment
from review.queries.round_results import round_results
from review.queries.stage import seconds_left
from review.queries.structure import stage_round


@dataclass
class MatrixCell:
    appearance: Appearance
    state: str  # recused / submitted / reopened / draft / none


@dataclass
class MatrixRow:
    judge: Judge
    cells: list[MatrixCell]


@dataclass
class Progress:
    event: Event
    round: Round
    segments: list[Segment]
    appearances: list[Appearance]  # the round's, in running order
    judges: list[Judge]
    matrix: list[MatrixRow]
    on_stage: Appearance | None  # when it is of this round
    submitted: int  # judges with every sheet of the report on stage in (its open segment's)
    expected: int  # judges not recused from it
    seconds_left: int | None
    final: Decimal | None = None  # once revealed


def sheet_states(round_: Round, segments: int) -> dict[tuple[int, int], str]:
    """``{(judge_id, appearance_id): "submitted" | "draft" | "reopened"}``: submitted once the
    sheet of every segment is; reopened while any is."""
    rows = (
        ScoreSheet.objects.filter(appearance__round=round_)
        .order_by()
        .annotate(
            reopened=ExpressionWrapper(
                Q(reopened_values__isnull=False), output_field=BooleanField()
            )
        )
        .values_list("judge_id", "appearance_id", "status", "reopened")
    )
    seen: dict[tuple[int, int], list] = defaultdict(list)
    for judge_id, sub_id, status, reopened in rows:
        seen[(judge_id, sub_id)].append("reopened" if reopened else status)
    return {key: _combined(states, segments) for key, states in seen.items()}


def _combined(states: list[str], segments: int) -> str:
    if "reopened" in states:
        return "reopened"
    if states.count(ScoreSheet.Status.SUBMITTED) >= segments:
        return ScoreSheet.Status.SUBMITTED
    return ScoreSheet.Status.DRAFT


def progress_matrix(judges, appearances, recused, states) -> list[MatrixRow]:
    return [
        MatrixRow(
            judge,
            [
                MatrixCell(
                    sub,
                    "recused"
                    if (judge.pk, sub.pk) in recused
                    else states.get((judge.pk, sub.pk), "none"),
                )
                for sub in appearances
            ],
        )
        for judge in judges
    ]


def _submitted_now(on_stage: Appearance, judges, recused, segments: int) -> tuple[int, int]:
    """Judges not recused, and those with the report's open segment (or all of its segments,
    when scored together) submitted."""
    expected = {j.pk for j in judges if (j.pk, on_stage.pk) not in recused}
    sheets = ScoreSheet.objects.filter(
        appearance=on_stage, status=ScoreSheet.Status.SUBMITTED, judge_id__in=expected
    )
    if on_stage.live_segment_id is not None:
        sheets = sheets.filter(segment=on_stage.live_segment_id)
        return sheets.count(), len(expected)
    counts = Counter(sheets.values_list("judge_id", flat=True))
    return sum(1 for n in counts.values() if n >= segments), len(expected)


def _revealed_final(event, on_stage) -> Decimal | None:
    if on_stage.phase != Appearance.Phase.REVEALED:
        return None
    row = round_results(event, on_stage.round, only=on_stage).rows[0]
    return row.stage.shown


def event_progress(
    event: Event, round_: Round | None = None, rounds: list[Round] | None = None
) -> Progress:
    round_ = round_ or stage_round(event, rounds)
    judges = list(Judge.objects.filter(event=event))
    segments = list(Segment.objects.filter(round=round_))
    appearances = list(Appearance.objects.filter(round=round_).select_related("contestant__unit"))
    recused = recused_pairs(judges, appearances, declared_recusals(event.pk))
    on_stage = next((s for s in appearances if s.pk == event.presenting_id), None)
    submitted, expected = (
        _submitted_now(on_stage, judges, recused, len(segments)) if on_stage else (0, 0)
    )
    return Progress(
        event=event,
        round=round_,
        segments=segments,
        appearances=appearances,
        judges=judges,
        matrix=progress_matrix(judges, appearances, recused, sheet_states(round_, len(segments))),
        on_stage=on_stage,
        submitted=submitted,
        expected=expected,
        seconds_left=seconds_left(on_stage, timezone.now()) if on_stage else None,
        final=_revealed_final(event, on_stage) if on_stage else None,
    )
