"""回避 as a rule on plain ids: which judge must not score which appearance."""

from collections import defaultdict
from collections.abc import Iterable


def recused_pairs(
    judges: Iterable[tuple[int, int | None]],
    appearances: Iterable[tuple[int, int, int | None]],
    declared: set[tuple[int, int]],
) -> set[tuple[int, int]]:
    """``(judge_id, appearance_id)`` pairs where the judge must not score.

    ``judges`` are ``(judge_id, unit_id)``, ``appearances`` ``(appearance_id, contestant_id,
    unit_id)`` and ``declared`` the ``(judge_id, contestant_id)`` conflicts declared. A judge with
    a unit never scores a contestant of that unit; a declared conflict covers every appearance of
    that contestant."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    by_contestant: dict[int, list[int]] = defaultdict(list)
    for appearance_id, contestant_id, unit_id in appearances:
        by_unit[unit_id].append(appearance_id)
        by_contestant[contestant_id].append(appearance_id)
    judge_ids = set()
    pairs = set()
    for judge_id, unit_id in judges:
        judge_ids.add(judge_id)
        if unit_id is not None:
            pairs.update((judge_id, a) for a in by_unit.get(unit_id, ()))
    for judge_id, contestant_id in declared:
        if judge_id in judge_ids:
            pairs.update((judge_id, a) for a in by_contestant.get(contestant_id, ()))
    return pairs
