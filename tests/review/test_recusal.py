"""The recusal pairs of a whole event, against their definition."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from review.domain.recusal import recused_pairs


def defined_pairs(judges, appearances, declared):
    return {
        (judge.pk, sub.pk)
        for judge in judges
        for sub in appearances
        if (judge.unit_id is not None and judge.unit_id == sub.contestant.unit_id)
        or (judge.pk, sub.contestant_id) in declared
    }


units = st.one_of(st.none(), st.integers(1, 4))


@given(
    st.lists(units, max_size=6),
    st.lists(st.tuples(st.integers(1, 5), st.integers(1, 4)), max_size=8),
    st.sets(st.tuples(st.integers(1, 8), st.integers(1, 5)), max_size=6),
)
def test_recused_pairs_follow_the_definition(judge_units, contestants, declared):
    judges = [SimpleNamespace(pk=i, unit_id=u) for i, u in enumerate(judge_units, start=1)]
    appearances = [
        SimpleNamespace(pk=100 + i, contestant_id=c, contestant=SimpleNamespace(unit_id=u))
        for i, (c, u) in enumerate(contestants)
    ]
    assert recused_pairs(judges, appearances, declared) == defined_pairs(
        judges, appearances, declared
    )


def test_a_declared_conflict_of_a_judge_not_listed_is_ignored():
    judge = SimpleNamespace(pk=1, unit_id=None)
    sub = SimpleNamespace(pk=10, contestant_id=5, contestant=SimpleNamespace(unit_id=2))
    assert recused_pairs([judge], [sub], {(1, 5), (2, 5)}) == {(1, 10)}
