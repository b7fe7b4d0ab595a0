"""A season's scorecard (``common.scoring.indicators``): hand-worked examples of every rule, the
card, the periods, 红黑榜 and 等次, and properties that hold for any input."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.scoring import exact_cards, round_half_up
from common.scoring.adjust import AdjustmentKind, AdjustmentRule, count_points
from common.scoring.awards import Entrant, Quota, QuotaRounding, TiePolicy, TierRule, allocate_tiers
from common.scoring.indicators import (
    Band,
    Bands,
    Count,
    Cumulation,
    Dimension,
    EventMode,
    EventResult,
    Indicator,
    Linear,
    Manual,
    Problem,
    RankPoints,
    card,
    cumulative,
    event_points,
    period_points,
    red_and_black,
    standing_ranks,
)
from common.scoring.tree import Rounding, State

decimals = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


# --- each rule, worked by hand -------------------------------------------------------------


def test_linear_is_straight_between_floor_and_target_and_capped():
    rule = Linear(floor=D(60), target=D(100), points=D(20))
    assert [rule.earn(D(v)) for v in ("50", "60", "75", "100", "120")] == [0, 0, F(15, 2), 20, 20]
    # lower is better: a processing time of 3 days earns all 10, of 8 days none
    quick = Linear(floor=D(8), target=D(3), points=D(10), higher=False)
    assert [quick.earn(D(v)) for v in ("2", "3", "5.5", "8", "9")] == [10, 10, 5, 0, 0]


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (Linear(D(100), D(60), D(20)), "floor"),
        (Linear(D(60), D(60), D(20)), "target"),
        (Linear(D(3), D(8), D(10), higher=False), "floor"),
        (Bands((Band(D(0), D(60), D(1)), Band(D(50), None, D(2)))), "bands[1]"),
        (Bands((Band(D(60), D(60), D(1)),)), "bands[0]"),
        (Count(base=100, step=D(0), points=D("0.5")), "step"),
        (Count(base=100, step=D(1), points=D("0.5"), cap=50), "cap"),
        (RankPoints(()), "table"),
        (Manual(D(10), D(0)), "low"),
        (EventResult(EventMode.RANK), "table"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_naming_the_parameter(rule, field):
    with pytest.raises(Problem) as refused:
        rule.check()
    assert refused.value.field == field


def test_bands_hold_their_lower_edge_and_not_their_upper_one():
    rule = Bands((Band(None, D(60), D(0)), Band(D(60), D(80), D(3)), Band(D(80), None, D(5))))
    rule.check()
    assert [rule.earn(D(v)) for v in ("59.99", "60", "79.99", "80", "1000")] == [0, 3, 3, 5, 5]
    gap = Bands((Band(D(90), None, D(5)),))
    assert gap.earn(D(10)) == 0  # in no band: 0 points, as stated


def test_the_count_rule_is_the_contests_and_seed_002s():
    """At least 100 problems, +0.5 per extra one, counted up to 200."""
    rule = Count(base=100, step=D(1), points=D("0.5"), cap=200)
    assert [rule.earn(D(n)) for n in (0, 100, 101, 150, 200, 260)] == [0, 0, F(1, 2), 25, 50, 50]
    with pytest.raises(Problem):
        rule.earn(D("1.5"))


@given(st.integers(0, 400), st.integers(0, 150), st.integers(1, 5), st.integers(100, 300))
def test_the_count_rule_equals_the_contests_adjustment(count, base, step, cap):
    rule = Count(base=base, step=D(step), points=D("0.5"), cap=cap)
    contest = AdjustmentRule(AdjustmentKind.COUNT, 1, D("0.5"), D(step), base, cap)
    assert rule.earn(D(count)) == F(count_points(contest, count))


def test_rank_points_share_the_rank_of_a_tie():
    rule = RankPoints((D(10), D(9), D(8)), rest=D(1))
    values = {"a": D(95), "b": D(90), "c": D(90), "d": D(70), "e": None}
    assert period_points(rule, values) == {"a": 10, "b": 9, "c": 9, "d": 1, "e": None}
    fewer_days = RankPoints((D(10), D(9)), higher=False)
    assert period_points(fewer_days, {"x": D(3), "y": D(5)}) == {"x": 10, "y": 9}


def test_an_events_result_counts_for_the_subjects_it_ranked():
    by_score = EventResult(EventMode.SCORE, factor=D("0.2"))
    assert event_points(by_score, {"a": (D("88.35"), 1), "b": (None, None)}) == {
        "a": F(1767, 100),
        "b": None,
    }
    by_rank = EventResult(EventMode.RANK, table=RankPoints((D(10), D(8), D(6))))
    assert event_points(by_rank, {"a": (D(88), 1), "b": (D(80), 3)}) == {"a": 10, "b": 6}
    # a period keeps the event's rank (or score); points follow from it, a gap stays a gap
    assert period_points(by_rank, {"a": D(1), "b": D(3), "c": None}) == {"a": 10, "b": 6,
                                                                         "c": None}  # fmt: skip
    assert period_points(by_score, {"a": D("88.35")}) == {"a": D("17.67")}
    with pytest.raises(Problem):
        period_points(by_rank, {"a": D("1.5")})


def test_manual_points_stay_within_their_bounds():
    rule = Manual(D(-5), D(5))
    assert rule.earn(D("-2.5")) == F(-5, 2)
    with pytest.raises(Problem, match="outside -5–5"):
        rule.earn(D(6))


# --- the card ------------------------------------------------------------------------------

WEIGHTS = (("数量", "0.3"), ("效率", "0.2"), ("价值量", "0.2"), ("服务", "0.15"), ("质量", "0.15"))
FIVE = [Dimension(name, D(w)) for name, w in WEIGHTS]
ONE_EACH = [Indicator(f"{d.key}指标", d.key) for d in FIVE]


def test_the_five_dimension_card_worked_by_hand():
    """0.3 × 90 + 0.2 × 80 + 0.2 × 85.5 + 0.15 × 70 + 0.15 × 100 = 27 + 16 + 17.1 + 10.5 + 15."""
    points = dict(zip([i.key for i in ONE_EACH], map(F, ("90", "80", "85.5", "70", "100")),
                      strict=True))  # fmt: skip
    total = card(FIVE, ONE_EACH, points, 2)
    assert total.state is State.SCORED and total.shown == D("85.60")
    assert [d.shown for d in total.parts] == [D("90.00"), D(80), D("85.50"), D(70), D(100)]


def test_a_missing_value_is_never_a_zero():
    points = {"数量指标": F(90), "效率指标": None, "价值量指标": F(80), "服务指标": F(70),
              "质量指标": F(60)}  # fmt: skip
    total = card(FIVE, ONE_EACH, points, 2)
    assert total.value is None and total.state is State.INCOMPLETE
    assert total.missing == ("效率",)


def test_each_stage_rounding_rounds_every_published_step():
    """Two indicators of 1/3 and 1/3 weighted 1: exact 0.67 once, 0.66 when each is rounded."""
    dims = [Dimension("d")]
    pair = [Indicator("x", "d"), Indicator("y", "d")]
    points = {"x": F(1, 3), "y": F(1, 3)}
    assert card(dims, pair, points, 2).shown == D("0.67")
    assert card(dims, pair, points, 2, Rounding.EACH_STAGE).shown == D("0.66")


@given(st.lists(st.decimals(0, 100, places=2), min_size=5, max_size=5))
def test_a_complete_card_is_the_weighted_sum_rounded_once(values):
    points = {i.key: F(v) for i, v in zip(ONE_EACH, values, strict=True)}
    exact = sum((F(d.weight) * F(v) for d, v in zip(FIVE, values, strict=True)), F(0))
    total = card(FIVE, ONE_EACH, points, 2)
    assert total.value == exact and total.shown == round_half_up(exact, 2)


@given(decimals, decimals, st.decimals(0, 100, places=1), decimals)
def test_linear_points_are_bounded_and_monotone(floor, target, points, value):
    if floor == target:
        return
    rule = Linear(min(floor, target), max(floor, target), points)
    earned, more = rule.earn(value), rule.earn(value + 1)
    assert 0 <= earned <= points and earned <= more


# --- across periods, standings, 红黑榜, 等次 -----------------------------------------------


def test_the_cumulative_standing_three_ways():
    months = [(D(1), F(80)), (D(1), F(90)), (D(1), None)]
    assert cumulative(months, Cumulation.MEAN, 2) == (F(85), D(85))
    assert cumulative(months, Cumulation.SUM, 2) == (None, None)  # a month is missing
    quarters = [(D("0.2"), F(80)), (D("0.3"), F(90)), (D("0.5"), F("70.5"))]
    # 0.2 × 80 + 0.3 × 90 + 0.5 × 70.5 = 16 + 27 + 35.25 = 78.25, half up at one place
    assert cumulative(quarters, Cumulation.WEIGHTED, 1) == (F(313, 4), D("78.3"))
    assert cumulative(quarters[:2], Cumulation.SUM, 0) == (F(170), D(170))


def test_ranks_are_1_2_2_4_with_the_stated_tie_break():
    shown = {"a": D(90), "b": D(88), "c": D(88), "d": D(88), "e": None}
    assert standing_ranks(shown) == {"a": 1, "b": 2, "c": 2, "d": 2, "e": None}
    chain = {"b": [D(30)], "c": [D(31)], "d": [D(30)]}  # the first dimension breaks it
    assert standing_ranks(shown, chain) == {"a": 1, "b": 3, "c": 2, "d": 3, "e": None}


def test_red_and_black_boards_keep_a_tie_at_their_edge_whole():
    ranks = {"a": 1, "b": 2, "c": 2, "d": 4, "e": 5, "f": 5, "g": None}
    shown = {"a": D(95), "b": D(90), "c": D(90), "d": D(80), "e": D(60), "f": D(60), "g": None}
    board = red_and_black(ranks, shown, top=2, bottom=1)
    assert board.red == ("a", "b", "c") and board.black == ("e", "f")
    by_score = red_and_black(ranks, shown, red_at=D(90), black_at=D(80))
    assert by_score.red == ("a", "b", "c") and by_score.black == ("e", "f", "d")
    small = red_and_black({"a": 1, "b": 2}, {"a": D(1), "b": D(0)}, top=3, bottom=3)
    assert small.red == ("a", "b") and small.black == ()  # never on both


def test_year_end_grades_are_award_tiers_and_a_tie_at_the_quota_waits_for_a_pick():
    """40 staff, 优秀 ≤ 15 % rounded down (6), 称职 down to 60, the rest 基本称职; the 6th and
    7th tie on 90: the organiser picks one, as for an award."""
    scores = [D(99 - i) for i in range(5)] + [D(90), D(90)] + [D(80 - i) for i in range(33)]
    ranks = standing_ranks(dict(enumerate(scores, start=1)))
    entrants = [Entrant(k, scores[k - 1], ranks[k]) for k in range(1, 41)]
    tiers = [
        TierRule(1, Quota.PERCENT, percent=D(15), rounding=QuotaRounding.DOWN,
                 policy=TiePolicy.PICK),
        TierRule(2, Quota.THRESHOLD, threshold=D(60)),
        TierRule(3, Quota.REST),
    ]  # fmt: skip
    waiting = allocate_tiers(tiers, entrants)
    assert not waiting.complete and waiting.boundaries[0].tied == (6, 7)
    decided = allocate_tiers(tiers, entrants, {1: [7]})
    grade = decided.tier_of()
    assert [k for k, g in grade.items() if g == 1] == [1, 2, 3, 4, 5, 7]
    assert grade[6] == 2 and grade[40] == 3 and sum(g == 2 for g in grade.values()) == 22


# --- the whole-number path the season scores by (rounding once) ------------------------------

RULES = [
    Linear(D(0), D(300), D(100)),
    Linear(D(5), D(1), D(100), higher=False),
    Bands((Band(None, D(90), D(60)), Band(D(90), D(95), D(80)), Band(D(95), None, D(100)))),
    Bands((Band(D(30), None, D(7)), Band(D(10), D("20.5"), D(5)))),  # a gap, nothing below
    Count(100, D(1), D("0.5"), 200),
    Count(0, D(2), D(1), None, -1),
    RankPoints((D(100), D(95), D(90)), D(75)),
    Manual(D(0), D(100)),
    EventResult(EventMode.SCORE, D("0.35")),
]
values_st = st.one_of(st.none(), st.integers(0, 3_000_000).map(lambda n: D(n).scaleb(-4)))


@given(
    table=st.lists(st.lists(values_st, min_size=len(RULES), max_size=len(RULES)), min_size=1,
                   max_size=6),
    weights=st.lists(st.integers(0, 1000).map(lambda n: D(n).scaleb(-3)), min_size=3,
                     max_size=3),
    places=st.integers(0, 4),
)  # fmt: skip
def test_the_whole_number_cards_equal_the_fraction_cards(table, weights, places):
    dims = [Dimension("a", weights[0]), Dimension("b", weights[1]), Dimension("c", weights[2])]
    inds = [Indicator(k, "abc"[k % 3], D(1) + D(k) / 10) for k in range(len(RULES))]
    subjects = list(range(len(table)))
    fractions, numerators, denominators = {s: {} for s in subjects}, {}, {}
    for k, rule in enumerate(RULES):
        column = {s: table[s][k] for s in subjects}
        if isinstance(rule, Count):  # counts are whole numbers
            column = {s: None if v is None else D(int(v)) for s, v in column.items()}
        if isinstance(rule, Manual):  # within its bounds (entry refuses the rest)
            column = {s: None if v is None else min(v, D(100)) for s, v in column.items()}
        for s, p in period_points(rule, column).items():
            fractions[s][k] = p
        in_units = [None if column[s] is None else exact_cards.units(column[s]) for s in subjects]
        numerators[k] = exact_cards.numerators(rule, in_units)
        denominators[k] = exact_cards.denominator(rule)
    fast = exact_cards.exact_cards(dims, inds, numerators, denominators, subjects, places)
    for s in subjects:
        slow = card(dims, inds, fractions[s], places)
        assert (fast[s].value, fast[s].shown, fast[s].state, fast[s].missing) == (
            slow.value,
            slow.shown,
            slow.state,
            slow.missing,
        )
        for a, b in zip(fast[s].parts, slow.parts, strict=True):
            assert (a.value, a.shown, a.state, a.missing) == (b.value, b.shown, b.state, b.missing)


totals_st = st.one_of(
    st.none(), st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6)
)


@given(
    table=st.lists(st.lists(totals_st, min_size=1, max_size=5), min_size=1, max_size=6).filter(
        lambda t: len({len(row) for row in t}) == 1
    ),
    weights=st.lists(st.integers(0, 1000).map(lambda n: D(n).scaleb(-2)), min_size=6, max_size=6),
    how=st.sampled_from(list(Cumulation)),
    places=st.integers(0, 4),
)
def test_the_cumulation_of_columns_equals_one_subject_at_a_time(table, weights, how, places):
    """``table``: a row per period, a total per subject; each period's totals as numerators
    over their own common denominator, as the whole-number cards give them."""
    size = len(table[0])
    periods = [(w, *exact_cards.as_column(row)) for w, row in zip(weights, table, strict=False)]
    values, shown = exact_cards.cumulative(periods, how, places, size)
    for n in range(size):
        series = [(w, row[n]) for w, row in zip(weights, table, strict=False)]
        assert (values[n], shown[n]) == cumulative(series, how, places)
