"""The stage clock and 加分/扣分: the pure rules by hand, and on a real event — the over-time
deduction from the clock, corrections audited, points in the ranking."""

from datetime import timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from django.test import Client
from django.utils import timezone, translation

from common.scoring.adjust import (
    AdjustmentKind,
    adjusted,
    count_points,
    manual_points,
    overtime_points,
)
from common.scoring.adjust import (
    AdjustmentRule as Rule,
)
from common.scoring.tree import Rounding
from review.domain import stage
from review.models import AdjustmentRule, AuditEntry, Event, StageClock
from review.queries.results import event_results
from tests.factories import build_event, client_for, submit_sheet
from tests.pages import shows_number, visible_text

SEED_002 = Rule(AdjustmentKind.COUNT, +1, D("0.5"), D(1), base=100, count_cap=200)
OVERTIME = Rule(AdjustmentKind.OVERTIME, -1, D("0.5"), D(30), limit=D(2))


@pytest.mark.parametrize(
    ("found", "points"), [(80, "0"), (100, "0"), (101, "0.5"), (150, "25"), (300, "50")]
)
def test_seed_002_count_rule(found, points):
    """At least 100 problems; +0.5 for each one more, counted up to 200."""
    assert count_points(SEED_002, found) == D(points)


@pytest.mark.parametrize(
    ("seconds", "points"),
    [
        ("300", "0"),
        ("300.1", "-0.5"),
        ("330", "-0.5"),
        ("330.5", "-1"),
        ("400", "-2"),
        ("900", "-2"),
    ],
)
def test_over_time_deduction_per_started_half_minute(seconds, points):
    assert overtime_points(OVERTIME, D(seconds), 300) == D(points)
    assert overtime_points(OVERTIME, D(seconds), None) == 0


def test_manual_points_keep_their_sign_and_limit():
    penalty = Rule(AdjustmentKind.MANUAL, -1, limit=D(3))
    assert manual_points(penalty, D("1.5")) == D("-1.5")
    assert manual_points(penalty, D(5)) == D(-3)


def test_adjusted_rounds_once_or_after_the_published_score():
    # exact 85.125 − 0.005: once → 85.12; each stage: 85.13 (published) − 0.005 = 85.125 → 85.13
    value = Fraction(85125, 1000)
    assert adjusted(value, D("85.13"), D("-0.005"), 2, Rounding.ONCE)[1] == D("85.12")
    assert adjusted(value, D("85.13"), D("-0.005"), 2, Rounding.EACH_STAGE)[1] == D("85.13")


@pytest.fixture
def on_stage(organiser):
    event, _criteria, subs, judges = build_event(appearances=2, judges=3)
    for sub, values in zip(subs, [(36, 18, 18, 18), (35, 18, 18, 18)], strict=True):
        for judge in judges:
            submit_sheet(judge, sub, values)
    segment = subs[0].round.segments.get()
    segment.time_limit_seconds = 300
    segment.save()
    rule = AdjustmentRule(
        round=subs[0].round, segment=segment, name="超时扣分", kind="overtime", sign=-1,
        points=D("0.5"), step=D(30), limit=D(2),
    )  # fmt: skip
    stage.save_rule(event, rule, organiser)
    return event, subs, segment, rule, organiser


@pytest.mark.django_db
def test_the_clock_feeds_the_over_time_deduction_and_the_ranking(on_stage):
    event, subs, segment, rule, organiser = on_stage
    assert [r.appearance for r in event_results(event).ranked] == subs  # 90 ahead of 89
    assert stage.start_clock(event, subs[0], segment, organiser)
    assert not stage.start_clock(event, subs[0], segment, organiser)  # idempotent
    StageClock.objects.update(started_at=timezone.now() - timedelta(seconds=340))
    assert stage.stop_clock(event, subs[0], segment, organiser)
    clock = StageClock.objects.get()
    assert D(340) <= clock.elapsed_seconds < D(342) and not clock.running
    ranked = event_results(event).ranked
    first = next(r for r in ranked if r.appearance == subs[0])
    assert (first.adjustment, first.unadjusted, first.shown_final) == (
        D("-1"),
        D("90.00"),
        D("89.00"),
    )
    assert [r.rank for r in ranked] == [1, 1]  # 89 and 89 now tie

    with pytest.raises(stage.StageRefused):
        stage.correct_clock(event, subs[0], segment, "290", "", organiser)  # no reason
    stage.correct_clock(event, subs[0], segment, "290", "计时员晚按了停止", organiser)
    assert event_results(event).ranked[0].shown_final == D("90.00")
    entries = AuditEntry.objects.filter(kind__in=["clock", "adjusted"]).values_list(
        "reason", flat=True
    )
    assert any("计时员晚按了停止" in e and "5:40" in e for e in entries)
    assert any("超时扣分" in e and "-1" in e for e in entries)


@pytest.mark.django_db
def test_starting_one_clock_stops_the_other(on_stage):
    event, subs, segment, _rule, organiser = on_stage
    stage.start_clock(event, subs[0], segment, organiser)
    stage.start_clock(event, subs[1], segment, organiser)
    assert list(StageClock.objects.filter(started_at__isnull=False).values_list(
        "appearance", flat=True
    )) == [subs[1].pk]  # fmt: skip


@pytest.mark.django_db
def test_entered_points_need_a_reason_and_are_refused_once_published(on_stage):
    event, subs, _segment, _rule, organiser = on_stage
    count = AdjustmentRule(
        round=subs[0].round, name="发现问题", kind="count", sign=1, points=D("0.5"), base=100,
        count_cap=200,
    )  # fmt: skip
    stage.save_rule(event, count, organiser)
    with translation.override("en"):
        with pytest.raises(stage.StageRefused, match="reason"):
            stage.set_adjustment(event, count, subs[1], organiser, value="150", reason="")
        with pytest.raises(stage.StageRefused, match="whole"):
            stage.set_adjustment(event, count, subs[1], organiser, value="150.5", reason="x")
    assert stage.set_adjustment(event, count, subs[1], organiser, value="104", reason="检查表") == 2
    assert event_results(event).ranked[0].appearance == subs[1]  # 89 + 2 = 91
    from review.domain.show import set_event_status

    set_event_status(event, Event.Status.CLOSED, organiser)
    set_event_status(event, Event.Status.PUBLISHED, organiser)
    with pytest.raises(stage.StageRefused):
        stage.set_adjustment(event, count, subs[1], organiser, value="120", reason="改")


@pytest.mark.django_db
def test_the_pages_start_the_clock_and_enter_points(on_stage):
    event, subs, segment, rule, organiser = on_stage
    client = client_for(organiser)
    event.presenting = subs[0]
    event.live_show = True
    event.save()
    room = client.get(f"/events/{event.pk}/control/").content.decode()
    assert 'id="stage-clocks"' in room and 'name="server-now"' in room
    client.post(
        f"/events/{event.pk}/control/clock/",
        {"op": "start", "appearance": subs[0].pk, "segment": segment.pk},
    )
    assert StageClock.objects.get().running
    screen = client.get(f"/events/{event.pk}/screen/clock/").content.decode()
    assert "data-countdown" in screen and 'data-limit="300"' in screen
    page = f"/events/{event.pk}/control/adjustments/"
    client.post(page, {"op": "add", "name": "加分", "kind": "manual", "sign": "1", "points": "0",
                       "step": "1", "base": "0"})  # fmt: skip
    manual = AdjustmentRule.objects.get(kind="manual")
    client.post(page, {"op": "set", "rule": manual.pk, "appearance": subs[1].pk,
                       "value": "1.5", "reason": "获市级表彰"})  # fmt: skip
    body = client.get(page).content.decode()
    assert "获市级表彰" in body and shows_number(body, "1.5")


@pytest.mark.django_db
def test_a_correction_keeps_a_running_clock_running(on_stage):
    """更正 stopped a running clock, and the big screen froze."""
    import time_machine

    event, subs, segment, rule, organiser = on_stage
    with time_machine.travel("2026-12-05 20:00:00+08:00", tick=False) as clock_time:
        stage.start_clock(event, subs[0], segment, organiser)
        clock_time.shift(100)
        stage.correct_clock(event, subs[0], segment, "40", "晚按了开始", organiser)
        clock = StageClock.objects.get()
        assert clock.running and clock.elapsed_at(timezone.now()) == D(40)
        clock_time.shift(20)
        assert clock.elapsed_at(timezone.now()) == D(60)


@pytest.mark.django_db
def test_the_big_screen_clock_shows_minutes_and_leaves_with_the_reveal(on_stage):
    """It showed raw seconds (“309”) and stayed up through the reveal, the vote and the
    ceremony."""
    import time_machine

    from review.domain.show import open_scoring, reveal

    event, subs, segment, rule, organiser = on_stage
    event.live_show, event.presenting = True, subs[0]
    event.save()
    screen = f"/events/{event.pk}/screen/clock/"
    with time_machine.travel("2026-12-05 20:00:00+08:00", tick=False) as clock_time:
        assert stage.start_clock(event, subs[0], segment, organiser)
        clock_time.shift(309)
        assert visible_text(Client().get(screen).content.decode()).endswith("+0:09")
        stage.stop_clock(event, subs[0], segment, organiser)
        assert visible_text(Client().get(screen).content.decode()).endswith("+0:09")
        open_scoring(event, subs[0], organiser)
        reveal(event, subs[0], organiser)
        assert visible_text(Client().get(screen).content.decode()) == ""
