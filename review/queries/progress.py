"""The control room's progress: who has scored which report, and the report on stage.

It refreshes every two seconds, so it reads sheet states only and scores just the report on
stage — never the whole event."""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Event, Judge, ScoreSheet, Submission
from review.queries.results import ResultRow, submission_row
from review.queries.show import seconds_left


@dataclass
class MatrixCell:
    submission: Submission
    state: str  # recused / submitted / reopened / draft / none


@dataclass
class MatrixRow:
    judge: Judge
    cells: list[MatrixCell]


@dataclass
class Progress:
    event: Event
    submissions: list[Submission]
    judges: list[Judge]
    matrix: list[MatrixRow]
    presenting: ResultRow | None
    seconds_left: int | None


def sheet_states(event: Event) -> dict[tuple[int, int], str]:
    """``{(judge_id, submission_id): "submitted" | "draft" | "reopened"}`` of every sheet."""
    rows = (
        ScoreSheet.objects.filter(submission__event=event)
        .order_by()
        .annotate(
            reopened=ExpressionWrapper(
                Q(reopened_values__isnull=False), output_field=BooleanField()
            )
        )
        .values_list("judge_id", "submission_id", "status", "reopened")
    )
    return {
        (judge_id, sub_id): "reopened" if reopened else status
        for judge_id, sub_id, status, reopened in rows
    }


def progress_matrix(judges, submissions, recused, states) -> list[MatrixRow]:
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
                for sub in submissions
            ],
        )
        for judge in judges
    ]


def event_progress(event: Event) -> Progress:
    judges = list(Judge.objects.filter(event=event))
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs(judges, submissions, declared_recusals(event.pk))
    on_stage = next((s for s in submissions if s.pk == event.presenting_id), None)
    presenting = submission_row(event, on_stage, judges, recused) if on_stage else None
    return Progress(
        event=event,
        submissions=submissions,
        judges=judges,
        matrix=progress_matrix(judges, submissions, recused, sheet_states(event)),
        presenting=presenting,
        seconds_left=seconds_left(on_stage, timezone.now()) if on_stage else None,
    )
