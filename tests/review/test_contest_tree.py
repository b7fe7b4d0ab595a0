"""Rounds, segments and weighted panels from the database: results, advancement, the demo."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from common.scoring import tree
from review.domain.advancement import (
    AdvancementRefused,
    Settle,
    advance,
    plan_cut,
    seats_for,
)
from review.models import (
    Appearance,
    AuditEntry,
    Event,
    Round,
    TieBreakRule,
)
from review.queries.round_results import round_results
from review.queries.standing import round_ranking
from tests.factories import build_event, client_for, give, make_user, two_segments_two_panels
from tests.pages import shows_number, visible_text

pytestmark = pytest.mark.django_db


def test_a_round_of_two_segments_and_two_panels_is_scored_by_hand():
    event, round_, subs, judges, criteria = two_segments_two_panels()
    (tell, told), (ask, asked) = criteria.items()
    for judge, value in zip(judges, ("90", "80", "70", "60", "65"), strict=True):
        give(judge, subs[0], tell, told, value)
    for judge, value in zip(judges, ("50", "100", "75", "70", "71"), strict=True):
        give(judge, subs[0], ask, asked, value)
    give(judges[0], subs[1], tell, told, "88")  # one sheet: no 问答 at all

    results = round_results(event, round_)
    first, second, third = results.rows
    # 讲述: 专家 drops 90 and 70 → 80; 大众 (60+65)/2 = 62.5; 0.7×80 + 0.3×62.5 = 74.75
    # 问答: 专家 drops 100 and 50 → 75; 大众 70.5; 0.7×75 + 0.3×70.5 = 73.65
    # round: 0.6×74.75 + 0.4×73.65 = 44.85 + 29.46 = 74.31
    assert first.segment(tell.pk).shown == Decimal("74.75")
    assert first.segment(ask.pk).shown == Decimal("73.65")
    assert first.stage.shown == Decimal("74.31")
    assert first.panel(tell.pk, judges[3].panels.get().pk).shown == Decimal("62.50")
    assert first.rank == 1
    # Report 2: 讲述 lacks 大众, 问答 has nothing: no value, and the reason says which.
    assert second.stage.value is None and second.rank is None
    assert second.stage.state is tree.State.INCOMPLETE
    assert second.segment(tell.pk).state is tree.State.INCOMPLETE
    assert second.segment(ask.pk).state is tree.State.NO_SHEETS
    assert third.stage.state is tree.State.NO_SHEETS


def test_rounding_each_stage_is_an_event_option():
    event, round_, subs, judges, criteria = two_segments_two_panels(precision=1)
    event.rounding = Event.Rounding.EACH_STAGE
    event.save()
    (tell, told), (ask, asked) = criteria.items()
    for judge, value in zip(judges, ("90", "80", "70", "60", "65"), strict=True):
        give(judge, subs[0], tell, told, value)
    for judge, value in zip(judges, ("50", "100", "75", "70", "71"), strict=True):
        give(judge, subs[0], ask, asked, value)
    (row, *_rest) = round_results(event, round_).rows
    # 讲述 74.75 → 74.8 and 问答 73.65 → 73.7 first; then 0.6×74.8 + 0.4×73.7 = 74.36 → 74.4
    # (exact throughout it would be 74.31 → 74.3).
    assert row.segment(tell.pk).value == Decimal("74.8")
    assert row.segment(ask.pk).value == Decimal("73.7")
    assert row.stage.shown == Decimal("74.4")
    event.rounding = Event.Rounding.ONCE
    event.save()
    assert round_results(event, round_).rows[0].stage.shown == Decimal("74.3")


def test_the_ranking_page_shows_segments_panels_and_whats_missing(organiser):
    event, round_, subs, judges, criteria = two_segments_two_panels()
    (tell, told), _second = criteria.items()
    give(judges[0], subs[0], tell, told, "88")
    html = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    assert "讲述 · 专家" in html and "问答 · 大众" in html
    assert shows_number(html, "88.00")  # 专家 alone: too few to trim, the plain mean
    # 讲述 lacks only its 大众 panel; 问答 has nothing yet.
    assert "尚无评分" in html and "还差：讲述·大众、问答" in visible_text(html)


def test_the_tree_ranking_reads_a_fixed_number_of_queries(organiser, django_assert_num_queries):
    event, round_, subs, judges, criteria = two_segments_two_panels()
    for sub in subs:
        for segment, criterion in criteria.items():
            for judge in judges:
                give(judge, sub, segment, criterion, "70")
    # The shape (3), judges, criteria, appearances, recusals, sheets, the tie-break chain,
    # whether any sheet is generated.
    with django_assert_num_queries(11):  # … and the adjustments
        round_results(event, round_)


def ranked(*ranks):
    return [(f"s{i}", rank) for i, rank in enumerate(ranks)]


def test_a_cut_shows_a_tie_across_it():
    cut = plan_cut(ranked(1, 2, 3, 3, 3, 6), 3)
    assert (cut.sure, cut.tied, cut.open_seats, cut.has_tie) == (
        ("s0", "s1"),
        ("s2", "s3", "s4"),
        1,
        True,
    )
    clean = plan_cut(ranked(1, 2, 3, 4, None), 3)
    assert (clean.sure, clean.tied, clean.has_tie) == (("s0", "s1"), ("s2",), False)
    assert plan_cut(ranked(1, None), 3).sure == ("s0",)  # nobody unscored advances
    assert seats_for(23, percent=Decimal(15)) == 3 and seats_for(10, percent=Decimal(25)) == 3
    assert seats_for(5, count=30) == 5


@pytest.fixture
def finished_round():
    event, criteria, subs, judges = build_event(appearances=5, judges=3, criteria=(("讲", "10"),))
    for sub, value in zip(subs, ("9", "8", "7", "7", "5"), strict=True):
        for judge in judges:
            give(judge, sub, sub.round.segments.get(), criteria[0], value)
    final = Round.objects.create(event=event, order=2, name="决赛")
    return event, event.rounds.get(order=1), final, subs


def test_a_tie_at_the_cut_is_settled_only_by_the_organiser(finished_round):
    event, semifinal, final, subs = finished_round
    boss = make_user("boss", superuser=True)
    cut = plan_cut(round_ranking(event, semifinal), 3)
    assert cut.has_tie and {s.pk for s in cut.tied} == {subs[2].pk, subs[3].pk}
    with pytest.raises(AdvancementRefused, match="请选择处理方式"):
        advance(event, final, cut, boss)
    with pytest.raises(AdvancementRefused, match="请说明"):
        advance(event, final, cut, boss, Settle.PICK, (cut.tied[1],))
    with pytest.raises(AdvancementRefused, match="选出 1 人"):
        advance(event, final, cut, boss, Settle.PICK, cut.tied, reason="现场抽签")
    assert not final.appearances.exists()
    made = advance(event, final, cut, boss, Settle.PICK, (subs[3],), reason="现场抽签")
    assert [m.contestant for m in made] == [s.contestant for s in (subs[0], subs[1], subs[3])]
    assert [m.order for m in made] == [1, 2, 3]
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ADVANCED)
    assert (
        entry.actor == boss
        and "现场抽签" in entry.reason
        and subs[3].contestant.name in (entry.reason)
    )
    with pytest.raises(AdvancementRefused, match="已有出场顺序"):
        advance(event, final, cut, boss, Settle.ALL_TIED)


def test_all_tied_may_go_through(finished_round):
    event, semifinal, final, subs = finished_round
    cut = plan_cut(round_ranking(event, semifinal), 3)
    made = advance(event, final, cut, None, Settle.ALL_TIED)
    assert len(made) == 4


def test_the_seed_004_demo_contest(organiser):
    call_command("demo_contest", seed=7, verbosity=0)
    event = Event.objects.get(code="shanghai-red-2022")
    semifinal, final = event.rounds.order_by("order")
    assert (semifinal.appearances.count(), final.appearances.count()) == (60, 30)
    assert [s.name for s in final.segments.all()] == ["红色故事讲述", "党史知识问答", "微党课演绎"]
    assert [(p.name, p.weight, p.seats.count()) for p in final.panels.all()] == [
        ("专家评委", Decimal("0.7"), 7),
        ("大众评审", Decimal("0.3"), 15),
    ]
    finalists = set(final.appearances.values_list("contestant__name", flat=True))
    assert {"梅艳", "王小丫", "刘一民"} <= finalists
    top30 = {s.contestant.name for s, rank in round_ranking(event, semifinal) if rank <= 30}
    assert finalists == top30
    results = round_results(event, final)
    states = [row.stage.state for row in results.rows]
    assert states == [tree.State.SCORED] * 27 + [tree.State.NO_SHEETS] * 3  # 3 to score live
    phases = [row.appearance.phase for row in results.rows]
    assert phases == [Appearance.Phase.REVEALED] * 27 + [Appearance.Phase.WAITING] * 3
    event.refresh_from_db()
    assert event.live_show and event.presenting.order == 28 and event.presenting.round == final
    assert "演示数据" in event.name and results.has_generated_scores
    page = client_for(organiser).get(f"/events/{event.pk}/results/?round=2").content.decode()
    assert "演示数据" in page and "决赛" in page and "微党课演绎 · 大众评审" in page


def test_the_organiser_advances_the_best_on_a_page(finished_round, organiser):
    event, semifinal, final, subs = finished_round
    client = client_for(organiser)
    url = f"/events/{event.pk}/control/advance/"
    assert client.get(url + "?count=abc").status_code == 400
    shown = client.get(url + "?count=3").content.decode()
    assert 'id="tie"' in shown and subs[2].contestant.name in shown
    refused = client.post(url, {"count": "3"})
    assert refused.status_code == 400 and "请选择处理方式" in refused.content.decode()
    no_reason = client.post(url, {"count": "3", "settle": "pick", "picked": [subs[2].pk]})
    assert no_reason.status_code == 400 and not final.appearances.exists()
    done = client.post(
        url, {"count": "3", "settle": "pick", "picked": [subs[2].pk], "reason": "抽签"}
    )
    assert done.status_code == 302 and done["Location"].endswith("?round=2")
    assert [a.contestant for a in final.appearances.order_by("order")] == [
        s.contestant for s in subs[:3]
    ]
    assert "抽签" in AuditEntry.objects.get(kind=AuditEntry.Kind.ADVANCED).reason
    assert "没有等待选手的轮次" in client.get(url).content.decode()  # advancement is done once


def test_a_round_may_show_its_own_precision(organiser):
    event, round_, subs, judges, criteria = two_segments_two_panels(precision=2)
    (tell, told), (ask, asked) = criteria.items()
    for segment, criterion in criteria.items():
        for judge, value in zip(judges, ("90", "80", "70", "60", "65"), strict=True):
            give(judge, subs[0], segment, criterion, value)
    assert round_results(event, round_).rows[0].stage.shown == Decimal("74.75")
    Round.objects.filter(pk=round_.pk).update(precision=1)
    round_.refresh_from_db()
    results = round_results(event, round_)
    assert results.places == 1 and results.rows[0].stage.shown == Decimal("74.8")
    page = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    assert shows_number(page, "74.8") and "保留 1 位小数" in page


def test_a_segment_breaks_a_tie_in_a_tree_round(organiser):
    event, round_, subs, judges, criteria = two_segments_two_panels()
    (tell, told), (ask, asked) = criteria.items()
    # Both reports: 0.6 × 讲述 + 0.4 × 问答 = 74; report 1 is better at 问答, report 2 at 讲述.
    for sub, (t, a) in zip(subs, (("70", "80"), ("76", "71")), strict=False):
        for judge in judges:
            give(judge, sub, tell, told, t)
            give(judge, sub, ask, asked, a)
    ranks = [r.rank for r in round_results(event, round_).rows]
    assert ranks == [1, 1, None]
    client = client_for(organiser)
    url = f"/events/{event.pk}/control/structure/"
    client.post(url, {"op": "save", "kind": "tiebreak", "tb-kind": "segment",
                      "tb-segment": ask.pk})  # fmt: skip
    rule = TieBreakRule.objects.get(event=event)
    assert (rule.kind, rule.segment) == ("segment", ask)
    assert [r.rank for r in round_results(event, round_).rows] == [1, 2, None]
    bad = client.post(url, {"op": "save", "kind": "tiebreak", "tb-kind": "segment"}, follow=True)
    assert "请选择" in bad.content.decode() and TieBreakRule.objects.count() == 1


def test_the_round_score_comes_right_after_the_name(organiser):
    """On a phone a leadership viewer scrolled sideways past 9 columns to reach 本轮得分."""
    from tests.pages import table_rows

    event, round_, subs, judges, criteria = two_segments_two_panels()
    (tell, told), (ask, asked) = criteria.items()
    for judge in judges:
        give(judge, subs[0], tell, told, "80")
        give(judge, subs[0], ask, asked, "80")
    html = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    (first, *_rest) = table_rows(html, "leaderboard")
    assert list(first)[:3] == ["名次", "述职人", "本轮得分"] and first["本轮得分"] == "80.00"
