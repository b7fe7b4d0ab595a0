"""The choices a recount has to make (docs/scoring.md, “Choices a recount has to make”, and the
workbook's 说明), each checked here on the pure rules, worked by hand."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from common.scoring import round_half_up
from common.scoring.adjust import AdjustmentKind, AdjustmentRule, count_points, overtime_points
from common.scoring.awards import (
    Entrant,
    Quota,
    SpecialRule,
    TiePolicy,
    TierRule,
    allocate_specials,
    allocate_tiers,
)
from common.scoring.tree import Aggregation, Fallback, PanelSpec, Rounding, State, panel_result
from review.domain.advancement import seats_for


def test_half_up_is_half_away_from_zero_as_excel_round():
    assert round_half_up(Fraction("-1.7875"), 3) == D("-1.788")
    assert round_half_up(Fraction("1.7875"), 3) == D("1.788")


def test_no_result_for_too_few_sheets_is_only_for_a_fixed_trim():
    two = {1: D(80), 2: D(90)}
    fixed = PanelSpec("p", Aggregation.TRIMMED, trim=1, fallback=Fallback.NONE)
    assert panel_result(fixed, two, 2).state is State.TOO_FEW
    for aggregation in (Aggregation.MEAN, Aggregation.MEDIAN, Aggregation.TRIMMED_AUTO):
        spec = PanelSpec("p", aggregation, trim=1, fallback=Fallback.NONE)
        assert panel_result(spec, two, 2).shown == D("85.00"), aggregation
    assert panel_result(PanelSpec("p", Aggregation.SUM), two, 2).shown == D("170.00")


def test_rounding_each_stage_rounds_the_panel_too():
    three = {1: D("80.5"), 2: D(80), 3: D(80)}  # mean 80.1666…
    mean = PanelSpec("p", Aggregation.MEAN)
    assert panel_result(mean, three, 1, Rounding.EACH_STAGE).value == Fraction("80.2")
    assert panel_result(mean, three, 1, Rounding.ONCE).value == Fraction(481, 6)


def ranked(*scores):
    return [Entrant(i, D(s), i) for i, s in enumerate(scores, start=1)]


def test_a_share_is_of_the_whole_ranked_field_and_a_minimum_is_at_least():
    gold = TierRule(1, Quota.COUNT, count=2)
    half = TierRule(2, Quota.PERCENT, percent=D(50))
    allocation = allocate_tiers([gold, half], ranked(99, 98, 97, 96, 95, 94, 93, 92, 91, 90))
    assert len(allocation.tiers[2]) == 5  # 50 % of 10, not of the 8 left
    floor = TierRule(1, Quota.THRESHOLD, threshold=D(95))
    assert allocate_tiers([floor], ranked(96, 95, 94.99)).tiers[1] == (1, 2)


def test_a_tie_at_the_last_place_by_shown_score_or_by_rank():
    tied = [Entrant(1, D(90), 1), Entrant(2, D(88), 2), Entrant(3, D(88), 3)]  # 3 lost a tie-break
    by_score = TierRule(1, Quota.COUNT, count=2, policy=TiePolicy.ALL_HIGHER)
    assert allocate_tiers([by_score], tied).tiers[1] == (1, 2, 3)
    by_rank = TierRule(1, Quota.COUNT, count=2, policy=TiePolicy.TIE_BREAK)
    assert allocate_tiers([by_rank], tied).tiers[1] == (1, 2)


def test_who_may_win_a_special_award():
    values = {1: {1: D(95), 2: D(90), 3: D(0)}, 2: {1: D(99), 2: D(80), 3: D(0)}}
    rules = [SpecialRule(1), SpecialRule(2)]
    one_each = allocate_specials(rules, values, exclusive=True)
    assert (one_each[1].winner, one_each[2].winner) == (1, 2)  # 1 has won already
    no_tier_winners = allocate_specials([SpecialRule(1, exclude_tier_winners=True)], values,
                                        tier_winners=[1, 2])  # fmt: skip
    assert no_tier_winners[1].winner is None  # 3's value is 0: no one


def test_advancing_by_percentage_rounds_half_up():
    assert seats_for(5, percent=D(50)) == 3  # 2.5 → 3
    assert seats_for(23, percent=D(15)) == 3  # 3.45 → 3


def test_a_count_rule_counts_whole_steps_and_over_time_started_steps():
    count = AdjustmentRule(AdjustmentKind.COUNT, 1, points=D("0.5"), step=D(2), base=100)
    assert count_points(count, 105) == D("1.0")  # 5 above the base: 2 whole steps
    late = AdjustmentRule(AdjustmentKind.OVERTIME, -1, points=D("0.5"), step=D(30))
    assert overtime_points(late, D("330.5"), 300) == D("-1.0")  # 30.5 s over: 2 started steps


@pytest.mark.django_db
def test_a_weighted_final_is_at_the_events_precision_over_the_last_rounds_field(organiser):
    """Finalists only (30 of 60), at the event's precision whatever a round's own, and a round
    nobody reached left out."""
    from review.models import Event, Round
    from review.queries.final_results import final_results
    from tests.factories import seed_004_contest

    event, *_ = seed_004_contest()
    Event.objects.filter(pk=event.pk).update(final_mode="weighted_rounds", precision=3)
    Round.objects.filter(event=event, order=1).update(weight=D("0.4"), precision=1)
    Round.objects.filter(event=event, order=2).update(weight=D("0.6"))
    Round.objects.create(event=event, order=3, name="总决赛", weight=D(1))
    event.refresh_from_db()
    final = final_results(event)
    assert [r.name for r in final.rounds] == ["复赛", "决赛"]
    assert len(final.rows) == 30
    scored = [r.stage.shown for r in final.rows if r.stage.shown is not None]
    assert scored and all(s.as_tuple().exponent == -3 for s in scored)
