"""加分/扣分 in the workbook: the 加减分 sheet recomputes every adjustment from its input by
formula, and LibreOffice recounts each 核算 — flat and tree, both rounding options — equal to
the tool, with adjustments that land a score exactly on a half."""

from decimal import Decimal

import pytest

from common.scoring import round_half_up
from review.domain import stage
from review.models import AdjustmentRule, Event, Segment
from review.queries.results import event_results
from review.queries.round_results import round_results
from tests.factories import (
    HALVES,
    build_event,
    client_for,
    give,
    seed_004_contest,
    submit_sheet,
    two_segments_two_panels,
)
from tests.recount import engines, recalculated

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


def rules_for(event, round_, segment, organiser):
    """The three kinds: seed 002's count, over-time, and entered points."""
    made = [
        AdjustmentRule(round=round_, name="发现问题", kind="count", sign=1, points=Decimal("0.5"),
                       base=100, count_cap=200),
        AdjustmentRule(round=round_, segment=segment, name="超时扣分", kind="overtime", sign=-1,
                       points=Decimal("0.5"), step=Decimal(30), limit=Decimal(2)),
        AdjustmentRule(round=round_, name="酌情扣分", kind="manual", sign=-1, limit=Decimal(5)),
    ]  # fmt: skip
    for rule in made:
        stage.save_rule(event, rule, organiser)
    segment.time_limit_seconds = 300
    segment.save()
    return made


@engines
@pytest.mark.parametrize("rounding", ["once", "each_stage"])
def test_a_flat_round_with_adjustments_recounts_equal(organiser, tmp_path, rounding, engine):
    # Five judges give totals 90, 85, 80, 70, 66: trimmed mean 78.333… ; +0.5 −0.5 −0.005
    # makes 78.328333…; a second appearance 80.0 − 0.005 = 79.995: a half at two places.
    event, criteria, subs, judges = build_event(
        appearances=3, judges=5, criteria=(("实绩", "100"),), rounding=rounding
    )
    for sub, totals in zip(subs, [(90, 85, 80, 70, 66), (85, 80, 80, 75, 80), (60,) * 5],
                           strict=True):  # fmt: skip
        for judge, total in zip(judges, totals, strict=True):
            submit_sheet(judge, sub, [total])
    segment = subs[0].round.segments.get()
    count, overtime, manual = rules_for(event, subs[0].round, segment, organiser)
    stage.set_adjustment(event, count, subs[0], organiser, value="101", reason="检查")
    stage.correct_clock(event, subs[0], segment, "300.1", "计时", organiser)
    stage.set_adjustment(event, manual, subs[0], organiser, value="0.005", reason="迟到")
    stage.set_adjustment(event, manual, subs[1], organiser, value="0.005", reason="迟到")
    stage.correct_clock(event, subs[2], segment, "400", "计时", organiser)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    event.refresh_from_db()
    tool = {r.appearance.order: r.shown_final for r in event_results(event).rows}
    assert tool[2] == Decimal("80.00")  # 79.995 half up, either way
    assert tool[3] == Decimal("58.00")  # 60 − 2 (the limit of the over-time rule)
    sheets = recalculated(client_for(organiser).get(f"/events/{event.pk}/results.xlsx").content,
                         tmp_path, engine)  # fmt: skip
    adjustments = (
        sheets["初赛 加减分"]
        if "初赛 加减分" in sheets
        else next(rows for name, rows in sheets.items() if name.endswith("加减分"))
    )
    assert len(adjustments) == 5 and {row[8] for row in adjustments} == {"一致"}
    recount = sheets["核算"]
    assert [row[4] for row in recount] == ["一致"] * 3
    assert [Decimal(row[2]) for row in recount] == [tool[1], tool[2], tool[3]]


@engines
@pytest.mark.parametrize("rounding", ["once", "each_stage"])
def test_a_tree_round_with_adjustments_recounts_equal(organiser, tmp_path, rounding, engine):
    event, round_, subs, judges, criteria = two_segments_two_panels(precision=1)
    Event.objects.filter(pk=event.pk).update(rounding=rounding)
    for segment, criterion in criteria.items():
        for judge, value in zip(judges, HALVES, strict=True):
            give(judge, subs[0], segment, criterion, value)
        for judge, value in zip(judges, ("33.3", "12.25", "99", "0.5", "41"), strict=True):
            give(judge, subs[1], segment, criterion, value)
    event.refresh_from_db()
    first = Segment.objects.get(round=round_, order=1)
    count, _overtime, manual = rules_for(event, round_, first, organiser)
    # 74.75 exactly, −0.5 over time, +1 for two more problems found: 75.25, a half at one place
    stage.correct_clock(event, subs[0], first, "330", "计时", organiser)
    stage.set_adjustment(event, count, subs[0], organiser, value="102", reason="检查")
    stage.set_adjustment(event, manual, subs[1], organiser, value="0.25", reason="着装")
    tool = {r.appearance.order: r.stage.shown for r in round_results(event, round_).rows}
    if rounding == "once":
        assert tool[1] == Decimal("75.3")
    sheets = recalculated(client_for(organiser).get(f"/events/{event.pk}/results.xlsx").content,
                         tmp_path, engine)  # fmt: skip
    (adjustments,) = [rows for name, rows in sheets.items() if name.endswith("加减分")]
    assert len(adjustments) == 3 and {row[8] for row in adjustments} == {"一致"}
    (recount,) = [rows for name, rows in sheets.items() if name.endswith("核算")]
    assert [row[4] for row in recount] == ["一致"] * 3
    assert [row[2] for row in recount] == [f"{tool[1]}", f"{tool[2]}", ""]


@engines
def test_an_each_stage_weighted_final_carries_the_adjusted_round_as_published(
    organiser, tmp_path, engine
):
    """−0.005 puts a 复赛 score on a half: the final weighs the published (rounded) round score,
    and so do the 核算's N and D that 最终排名 recombines."""
    from fractions import Fraction

    from review.models import Appearance, Round
    from review.queries.final_results import final_results

    event, *_ = seed_004_contest()
    Event.objects.filter(pk=event.pk).update(final_mode="weighted_rounds", rounding="each_stage")
    Round.objects.filter(event=event, order=1).update(weight=Decimal("0.4"))
    Round.objects.filter(event=event, order=2).update(weight=Decimal("0.6"))
    event.refresh_from_db()
    semi, last = final_results(event).rounds
    rule = AdjustmentRule(round=semi, name="酌情扣分", kind="manual", sign=-1, limit=Decimal(5))
    stage.save_rule(event, rule, organiser)
    finalists = [r.appearance.contestant for r in final_results(event).rows if r.stage.value]
    for contestant in finalists:
        appearance = Appearance.objects.get(round=semi, contestant=contestant)
        stage.set_adjustment(event, rule, appearance, organiser, value="0.005", reason="迟到")
    final = final_results(event)
    for row in final.rows:
        if row.appearance.contestant in finalists[:5]:
            semi_stage = row.rounds[semi.pk]
            assert semi_stage.value == Fraction(semi_stage.shown)
            expected = (
                Fraction(2, 5) * semi_stage.value + Fraction(3, 5) * row.rounds[last.pk].value
            )
            assert row.stage.shown == round_half_up(expected, 2)
    sheets = recalculated(client_for(organiser).get(f"/events/{event.pk}/results.xlsx").content,
                         tmp_path, engine)  # fmt: skip
    ranking = sheets["最终排名"]
    assert {r[8] for r in ranking} == {"一致"} and sum(1 for r in ranking if r[6]) == 27
    (recount,) = [rows for name, rows in sheets.items() if name.startswith("复赛") and
                  name.endswith("核算")]  # fmt: skip
    assert {row[4] for row in recount} == {"一致"}
