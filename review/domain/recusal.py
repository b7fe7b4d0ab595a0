"""回避: a judge does not score a contestant of their own unit, nor one they declared a conflict
with. Same-unit recusal is derived every time, so it follows any change of unit."""

from collections import defaultdict
from collections.abc import Iterable

from review.models import Judge, Recusal, Submission


def declared_recusals(event_id: int) -> set[tuple[int, int]]:
    """``(judge_id, contestant_id)`` of the conflicts declared in an event."""
    return set(
        Recusal.objects.filter(judge__event_id=event_id).values_list("judge_id", "contestant_id")
    )


def recused_pairs(
    judges: Iterable[Judge],
    submissions: Iterable[Submission],
    declared: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """``(judge_id, submission_id)`` pairs where the judge must not score."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    by_contestant: dict[int, list[int]] = defaultdict(list)
    for sub in submissions:
        by_unit[sub.contestant.unit_id].append(sub.pk)
        by_contestant[sub.contestant_id].append(sub.pk)
    judge_ids = set()
    pairs = set()
    for judge in judges:
        judge_ids.add(judge.pk)
        if judge.unit_id is not None:
            pairs.update((judge.pk, sub_id) for sub_id in by_unit.get(judge.unit_id, ()))
    for judge_id, contestant_id in declared:
        if judge_id in judge_ids:
            pairs.update((judge_id, sub_id) for sub_id in by_contestant.get(contestant_id, ()))
    return pairs


def is_recused(judge: Judge, submission: Submission) -> bool:
    if judge.unit_id is not None and judge.unit_id == submission.contestant.unit_id:
        return True
    return Recusal.objects.filter(judge=judge, contestant_id=submission.contestant_id).exists()
