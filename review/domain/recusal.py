"""回避: a judge does not score a contestant of their own unit, nor one they declared a conflict
with. Same-unit recusal is derived every time, so it follows any change of unit."""

from collections.abc import Iterable

from common.scoring.recusal import recused_pairs as pure_recused_pairs
from review.models import Appearance, Judge, Recusal


def declared_recusals(event_id: int) -> set[tuple[int, int]]:
    """``(judge_id, contestant_id)`` of the conflicts declared in an event."""
    return set(
        Recusal.objects.filter(judge__event_id=event_id).values_list("judge_id", "contestant_id")
    )


def recused_pairs(
    judges: Iterable[Judge],
    appearances: Iterable[Appearance],
    declared: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """``(judge_id, appearance_id)`` pairs where the judge must not score
    (``common.scoring.recusal``)."""
    return pure_recused_pairs(
        ((j.pk, j.unit_id) for j in judges),
        ((s.pk, s.contestant_id, s.contestant.unit_id) for s in appearances),
        declared,
    )


def is_recused(judge: Judge, appearance: Appearance) -> bool:
    if judge.unit_id is not None and judge.unit_id == appearance.contestant.unit_id:
        return True
    return Recusal.objects.filter(judge=judge, contestant_id=appearance.contestant_id).exists()
