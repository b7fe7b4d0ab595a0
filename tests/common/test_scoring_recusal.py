"""回避 on plain ids (common.scoring.recusal)."""

from hypothesis import given
from hypothesis import strategies as st

from common.scoring.recusal import recused_pairs


def test_same_unit_and_declared_conflicts_by_hand():
    judges = [(1, 10), (2, None), (3, 20)]
    appearances = [(100, 7, 10), (101, 8, 20), (102, 9, None), (103, 7, 10)]  # 7 appears twice
    declared = {(2, 9), (3, 7), (99, 8)}  # judge 99 is not among these judges
    assert recused_pairs(judges, appearances, declared) == {
        (1, 100),
        (1, 103),  # same unit 10, both of contestant 7's appearances
        (3, 101),  # same unit 20
        (2, 102),  # declared; a judge without a unit is recused only where declared
        (3, 100),
        (3, 103),  # declared against contestant 7: every appearance of it
    }


ids = st.integers(min_value=1, max_value=6)
units = st.one_of(st.none(), st.integers(min_value=1, max_value=3))


@given(
    judges=st.lists(st.tuples(ids, units), unique_by=lambda j: j[0]),
    appearances=st.lists(st.tuples(ids, ids, units), unique_by=lambda a: a[0]),
    declared=st.sets(st.tuples(ids, ids)),
)
def test_a_pair_is_recused_exactly_when_a_rule_says_so(judges, appearances, declared):
    pairs = recused_pairs(judges, appearances, declared)
    expected = {
        (judge, appearance)
        for judge, judge_unit in judges
        for appearance, contestant, unit in appearances
        if (judge_unit is not None and judge_unit == unit) or (judge, contestant) in declared
    }
    assert pairs == expected
