"""The pure scoring rules: worked examples people check by hand, and properties."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from common import scoring
from common.scoring import (
    CriterionSpec,
    Method,
    Rule,
    ScoreInputError,
    TieBreak,
    TieBreakKind,
    competition_ranks,
    parse_score,
    rank_results,
    round_half_up,
    score_appearance,
    select,
)


def totals(*values):
    """Judges 1…n with the given sheet totals."""
    return {seat: D(str(v)) for seat, v in enumerate(values, start=1)}


def final(values, method=Method.TRIMMED, trim=1, places=2):
    sheets = {j: {"x": v} for j, v in totals(*values).items()}
    return score_appearance(sheets, [CriterionSpec("x", D(100))], Rule(method, trim, places))


# --- worked examples -------------------------------------------------------------------------


def test_diving_example_drops_two_highest_and_two_lowest():
    scores = totals(7.5, 8.0, 7.0, 7.5, 8.5, 7.0, 8.0)
    chosen = select(scores, Method.TRIMMED, trim=2)
    assert sorted(scores[j] for j in chosen.kept) == [D("7.5"), D("7.5"), D("8.0")]
    assert sorted(scores[j] for j in chosen.dropped_low) == [D("7.0"), D("7.0")]
    assert sorted(scores[j] for j in chosen.dropped_high) == [D("8.0"), D("8.5")]
    # (7.5 + 7.5 + 8.0) / 3 = 7.666…
    assert final([7.5, 8.0, 7.0, 7.5, 8.5, 7.0, 8.0], trim=2).final == D("7.67")


def test_diving_example_by_panel_size_table():
    result = final([7.5, 8.0, 7.0, 7.5, 8.5, 7.0, 8.0], method=Method.TRIMMED_AUTO)
    assert result.selection.per_side == 2
    assert result.final == D("7.67")


@pytest.mark.parametrize(
    ("count", "per_side"), [(0, 0), (1, 0), (3, 0), (4, 1), (6, 1), (7, 2), (25, 2)]
)
def test_auto_trim_table(count, per_side):
    assert scoring.auto_trim_count(count) == per_side


def test_drop_one_highest_and_one_lowest():
    # 92, 88, 85, 90, 79 → drop 92 and 79 → (88 + 85 + 90) / 3 = 87.666… → 87.67
    result = final([92, 88, 85, 90, 79])
    assert result.final == D("87.67")
    assert result.exact == Fraction(263, 3)
    assert [result.totals[j] for j in result.selection.dropped_high] == [D(92)]
    assert [result.totals[j] for j in result.selection.dropped_low] == [D(79)]


def test_half_up_not_half_even():
    # (85.125 + 85.125) / 2 = 85.125: Python's round() gives 85.12, Excel's ROUND gives 85.13.
    assert round(85.125, 2) == 85.12  # the trap this rule avoids (float, half-even)
    assert final([85.125, 85.125], method=Method.MEAN).final == D("85.13")
    assert round_half_up(D("2.5"), 0) == D(3)
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert round_half_up(D("1.005"), 2) == D("1.01")  # float 1.005 would round to 1.00


def test_rounding_applied_once_at_the_end():
    # Rounding each kept total first would give 80.33 + … ; the exact mean is used instead.
    result = final([80.333, 80.333, 80.339], method=Method.MEAN)
    assert result.exact == Fraction(241005, 3000)
    assert result.final == D("80.34")  # 80.335 exactly → half up


def test_too_few_sheets_to_trim_falls_back_to_plain_mean():
    result = final([90, 80], trim=1)
    assert result.selection.fell_back
    assert result.selection.dropped_low == result.selection.dropped_high == ()
    assert result.final == D("85.00")
    enough = final([90, 80, 70], trim=1)
    assert not enough.selection.fell_back
    assert enough.final == D("80.00")


def test_no_sheets_gives_no_score_and_no_rank():
    result = final([])
    assert result.final is None and result.count == 0
    assert rank_results([result, final([80, 80, 80])]) == [None, 1]


def test_median_odd_and_even():
    assert final([70, 90, 80], method=Method.MEDIAN).final == D("80.00")
    even = final([70, 90, 80, 85], method=Method.MEDIAN)
    assert even.final == D("82.50")
    assert sorted(even.totals[j] for j in even.selection.kept) == [D(80), D(85)]


def test_weighted_sheet_total():
    criteria = [CriterionSpec("a", D(10), D(4)), CriterionSpec("b", D(10), D("0.5"))]
    assert scoring.sheet_total({"a": D("8.5"), "b": D(6)}, criteria) == D("37.0")
    assert scoring.max_total(criteria) == D(45)


def test_judge_who_did_not_score_is_left_out_not_zero():
    # Judge 3 is simply absent from the sheets: mean of 80 and 90, not of 80, 90 and 0.
    assert final([80, 90], method=Method.MEAN).final == D("85.00")


def test_criterion_means_over_kept_sheets_add_up_to_the_final():
    criteria = [CriterionSpec("a", D(40)), CriterionSpec("b", D(60))]
    sheets = {
        1: {"a": D(30), "b": D(50)},
        2: {"a": D(35), "b": D(55)},
        3: {"a": D(20), "b": D(40)},  # lowest total, dropped
        4: {"a": D(40), "b": D(60)},  # highest total, dropped
    }
    result = score_appearance(sheets, criteria, Rule(Method.TRIMMED, 1, 2))
    assert result.criterion_means == {"a": D("32.50"), "b": D("52.50")}
    assert result.final == D("85.00")


# --- ranking ---------------------------------------------------------------------------------


def test_standard_competition_ranking():
    assert competition_ranks([D(90), D(85), D(85), D(80)]) == [1, 2, 2, 4]
    assert competition_ranks([D(85), D(90), None, D(85)]) == [2, 1, None, 2]


def test_ranks_use_the_rounded_score():
    # 86.334 and 86.331 both show 86.33: people see a tie, so it is one.
    a, b = final([86.334], method=Method.MEAN), final([86.331], method=Method.MEAN)
    assert rank_results([a, b]) == [1, 1]


def test_tie_break_chain():
    criteria = [CriterionSpec("a", D(50)), CriterionSpec("b", D(50))]
    rule = Rule(Method.MEAN, 0, 2)
    first = score_appearance({1: {"a": D(40), "b": D(40)}}, criteria, rule)
    second = score_appearance({1: {"a": D(45), "b": D(35)}}, criteria, rule)
    third = score_appearance({1: {"a": D(45), "b": D(35)}}, criteria, rule)
    assert rank_results([first, second, third]) == [1, 1, 1]
    by_a = [TieBreak(TieBreakKind.CRITERION, "a")]
    assert rank_results([first, second, third], by_a) == [3, 1, 1]
    by_b = [TieBreak(TieBreakKind.CRITERION, "b")]
    assert rank_results([first, second, third], by_b) == [1, 2, 2]


def test_tie_break_on_untrimmed_mean():
    # Both trimmed means are 80; all-sheet means are 80 and 81.67.
    low = final([70, 80, 90])
    high = final([75, 80, 90])
    assert low.final == high.final == D("80.00")
    assert rank_results([low, high], [TieBreak(TieBreakKind.UNTRIMMED_MEAN)]) == [2, 1]


def test_equal_totals_drop_the_smaller_seat_first():
    """A rule a person applies from the workbook: seat order, not a database id."""
    # Judge keys 901…904 sit in seats 4, 3, 2, 1; 901 and 904 tie at the top, 902 and 903 at
    # the bottom.
    totals_ = {901: D(90), 902: D(70), 903: D(70), 904: D(90), 905: D(80)}
    seats = {901: 4, 902: 3, 903: 2, 904: 1, 905: 5}
    chosen = select(totals_, Method.TRIMMED, 1, seats)
    assert chosen.dropped_low == (903,) and chosen.dropped_high == (904,)
    assert set(chosen.kept) == {901, 902, 905}
    # All equal: the low end takes seat 1, the high end seat 2 among the rest.
    chosen = select({"a": D(5), "b": D(5), "c": D(5)}, Method.TRIMMED, 1, {"a": 2, "b": 1, "c": 3})
    assert (chosen.dropped_low, chosen.dropped_high, chosen.kept) == (("b",), ("a",), ("c",))


def test_which_equal_total_is_dropped_moves_the_criterion_means_not_the_final():
    criteria = [CriterionSpec("a", D(50)), CriterionSpec("b", D(50))]
    sheets = {1: {"a": D(40), "b": D(40)}, 2: {"a": D(30), "b": D(50)}, 3: {"a": D(35), "b": D(35)}}
    rule = Rule(Method.TRIMMED, 1, 2)
    seat_1_first = score_appearance(sheets, criteria, rule, {1: 1, 2: 2, 3: 3})
    seat_2_first = score_appearance(sheets, criteria, rule, {1: 2, 2: 1, 3: 3})
    assert seat_1_first.final == seat_2_first.final == D("80.00")
    assert seat_1_first.selection.dropped_high == (1,)  # 80 and 80 tie: seat 1 is dropped
    assert seat_1_first.criterion_means == {"a": D("30.00"), "b": D("50.00")}
    assert seat_2_first.criterion_means == {"a": D("40.00"), "b": D("40.00")}


def test_by_panel_size_counts_the_sheets_counted_not_the_judges_seated():
    # 7 judges seated, one absent: 6 sheets counted → 1 dropped at each end, not 2.
    result = final([60, 70, 80, 80, 90, 100], method=Method.TRIMMED_AUTO)
    assert result.selection.per_side == 1
    assert result.final == D("80.00")


def test_tie_breaks_compare_at_the_display_precision():
    criteria = [CriterionSpec("a", D(50)), CriterionSpec("b", D(50))]
    rule = Rule(Method.MEAN, 0, 1)
    # Criterion a means 40.04 and 40.01 both show 40.0: still tied, the next link decides.
    first = score_appearance({1: {"a": D("40.04"), "b": D(40)}}, criteria, rule)
    second = score_appearance({1: {"a": D("40.01"), "b": D("40.03")}}, criteria, rule)
    assert first.final == second.final == D("80.0")
    chain = [TieBreak(TieBreakKind.CRITERION, "a"), TieBreak(TieBreakKind.CRITERION, "b")]
    assert rank_results([first, second], chain) == [1, 1]


def test_criterion_tie_break_uses_the_kept_sheets_and_raw_scores():
    criteria = [CriterionSpec("a", D(10), D(4)), CriterionSpec("b", D(60))]
    rule = Rule(Method.TRIMMED, 1, 2)
    sheets = {1: {"a": D(10), "b": D(0)}, 2: {"a": D(5), "b": D(40)}, 3: {"a": D(1), "b": D(60)}}
    result = score_appearance(sheets, criteria, rule, {1: 1, 2: 2, 3: 3})
    # Totals 40, 60, 64: judge 1 and judge 3 dropped; the mean of a is judge 2's raw 5, not 20.
    assert result.criterion_means["a"] == D("5.00")
    assert TieBreak(TieBreakKind.CRITERION, "a").value(result) == D("5.00")


def test_median_lists_the_sheets_outside_the_middle_as_dropped():
    chosen = select(totals(50, 60, 70, 80), Method.MEDIAN, 0, {1: 1, 2: 2, 3: 3, 4: 4})
    assert (chosen.dropped_low, chosen.kept, chosen.dropped_high) == ((1,), (2, 3), (4,))


def test_a_sheet_missing_a_criterion_totals_what_it_has():
    criteria = [CriterionSpec("a", D(50)), CriterionSpec("b", D(50))]
    rule = Rule(Method.MEAN, 0, 2)
    result = score_appearance({1: {"a": D(40), "b": D(40)}, 2: {"a": D(30)}}, criteria, rule)
    assert result.totals == {1: D(80), 2: D(30)}
    assert result.criterion_means == {"a": D("35.00"), "b": D("40.00")}


# --- typed input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not_number"),
        ("1e1", "not_number"),
        ("NaN", "not_number"),
        ("8,5", "not_number"),
        ("-1", "negative"),
        ("8.25", "too_many_decimals"),
        ("40.5", "over_max"),
        ("41", "over_max"),
        ("8.3", "off_step"),
    ],
)
def test_parse_score_rejects(raw, code):
    with pytest.raises(ScoreInputError) as error:
        parse_score(raw, D(40), D("0.5"))
    assert error.value.code == code


@pytest.mark.parametrize(
    ("raw", "value"),
    [("8.5", D("8.5")), ("40", D(40)), ("0", D(0)), ("８．５", D("8.5")), (" 7.50 ", D("7.5"))],
)
def test_parse_score_accepts(raw, value):
    assert parse_score(raw, D(40), D("0.5")) == value


def test_whole_step_allows_no_decimals():
    with pytest.raises(ScoreInputError) as error:
        parse_score("7.5", D(10), D(1))
    assert error.value.code == "too_many_decimals" and error.value.params["places"] == 0


def test_step_divides_max():
    assert scoring.step_divides(D(40), D("0.5"))
    assert not scoring.step_divides(D(10), D(3))
    assert not scoring.step_divides(D(10), D(0))


# --- properties ------------------------------------------------------------------------------

score = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
panel = st.lists(score, min_size=0, max_size=15)
methods = st.sampled_from(list(Method))


@given(panel, methods, st.integers(0, 3), st.randoms())
def test_order_of_judges_never_changes_the_result(values, method, trim, rnd):
    scores = dict(enumerate(values))
    shuffled = list(scores.items())
    rnd.shuffle(shuffled)
    seats = {key: len(values) - key for key in scores}
    assert select(scores, method, trim) == select(dict(shuffled), method, trim)
    assert select(scores, method, trim, seats) == select(dict(shuffled), method, trim, seats)


@given(panel, methods, st.integers(0, 3), st.randoms())
def test_seat_order_never_changes_the_final_score(values, method, trim, rnd):
    scores = dict(enumerate(values))
    seats = list(range(len(values)))
    rnd.shuffle(seats)
    by_key = select(scores, method, trim)
    by_seat = select(scores, method, trim, dict(zip(scores, seats, strict=True)))
    assert sorted(scores[k] for k in by_key.kept) == sorted(scores[k] for k in by_seat.kept)


@given(panel, methods, st.integers(0, 3), st.randoms())
def test_selection_partitions_the_judges(values, method, trim, rnd):
    scores = dict(enumerate(values))
    seats = list(range(len(values)))
    rnd.shuffle(seats)
    chosen = select(scores, method, trim, dict(zip(scores, seats, strict=True)))
    everyone = chosen.kept + chosen.dropped_low + chosen.dropped_high
    assert sorted(everyone) == sorted(scores)
    if scores:
        assert chosen.kept, "at least one sheet always counts"
        kept = [scores[j] for j in chosen.kept]
        assert all(scores[j] <= min(kept) for j in chosen.dropped_low)
        assert all(scores[j] >= max(kept) for j in chosen.dropped_high)


@given(st.lists(score, min_size=1, max_size=15), st.integers(0, 3))
def test_trimmed_mean_lies_between_kept_min_and_max(values, trim):
    result = final(values, trim=trim)
    kept = [result.totals[j] for j in result.selection.kept]
    assert min(kept) <= result.exact <= max(kept)
    assert len(result.selection.dropped_low) == len(result.selection.dropped_high)


@given(st.lists(score, min_size=1, max_size=15))
def test_adding_a_judge_equal_to_the_mean_keeps_the_mean(values):
    before = final(values, method=Method.MEAN).exact
    assume(before.denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100))  # representable at 2 places
    after = final([*values, D(before.numerator) / D(before.denominator)], method=Method.MEAN)
    assert after.exact == before


@given(st.lists(score, min_size=1, max_size=15), st.integers(0, 3))
def test_trim_zero_equals_plain_mean(values, trim):
    assert final(values, trim=0).exact == final(values, method=Method.MEAN).exact


@given(st.fractions(min_value=-10_000, max_value=10_000), st.integers(0, 4))
def test_round_half_up_matches_the_definition(value, places):
    rounded = round_half_up(value, places)
    scale = 10**places
    # Definition: the nearest multiple of 10^-places, halves away from zero.
    assert abs(Fraction(rounded) - value) <= Fraction(1, 2 * scale)
    if abs(Fraction(rounded) - value) == Fraction(1, 2 * scale):
        assert abs(Fraction(rounded)) > abs(value)
    assert rounded.as_tuple().exponent == -places


@given(
    st.decimals(min_value=-100_000, max_value=100_000, places=4, allow_nan=False),
    st.integers(1, 60),
    st.integers(0, 4),
)
def test_round_mean_equals_rounding_the_exact_fraction(total, count, places):
    assert scoring.round_mean(total, count, places) == round_half_up(
        Fraction(total) / count, places
    )
    assert scoring.round_mean(total, count, places).as_tuple().exponent == -places


def test_round_mean_of_integral_and_scaled_totals():
    assert scoring.round_mean(D("1E+2"), 3, 2) == D("33.33")
    assert scoring.round_mean(D("255.375"), 3, 2) == D("85.13")  # 85.125 → 85.13
    assert scoring.round_mean(D("-0.5"), 2, 1) == D("-0.3")  # -0.25 → -0.3, away from zero
    assert scoring.round_mean(D("0"), 5, 2) == D("0.00")


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=20))
def test_competition_rank_is_one_plus_number_strictly_ahead(keys):
    ranks = competition_ranks(keys)
    for key, rank in zip(keys, ranks, strict=True):
        if key is None:
            assert rank is None
        else:
            assert rank == 1 + sum(1 for other in keys if other is not None and other > key)


@given(st.lists(score, min_size=1, max_size=12), st.integers(0, 3), st.integers(0, 4))
def test_final_is_the_rounded_exact_mean_of_kept_totals(values, trim, places):
    result = final(values, trim=trim, places=places)
    kept = [Fraction(result.totals[j]) for j in result.selection.kept]
    assert result.final == round_half_up(sum(kept) / len(kept), places)


@given(st.lists(score, min_size=1, max_size=40))
def test_exact_mean_equals_the_fraction_mean(values):
    assert scoring.exact_mean(values) == sum(Fraction(v) for v in values) / len(values)


def test_exact_sum_refuses_to_round():
    from decimal import Inexact

    with pytest.raises(Inexact):
        scoring.exact_sum([D("1e-40"), D("1e40")])
