"""The seed-004-shaped final run live: a finalist scored segment by segment on the judges'
phones (QR logins), revealed with panels on the big screen."""

import re

import pytest
from django.test import Client

from review.models import Appearance, Event, ScoreSheet
from tests.factories import client_for, seed_004_contest
from tests.pages import shows_number, visible_text

pytestmark = pytest.mark.django_db

VALUES = {"内容主题": "36", "语言表达": "27", "感染力": "26.5", "回答准确": "50", "表述清晰": "33",
          "主题立意": "35", "创意设计": "25", "现场表现": "26"}  # fmt: skip


@pytest.fixture
def final():
    event, *_ = seed_004_contest(final_scored=29, generated=True)
    event.live_show = True
    event.save()
    last = Appearance.objects.get(round__order=2, order=30)
    return event, last


def act(client, event, **data):
    return client.post(f"/events/{event.pk}/control/act/", data)


def phone(judge) -> Client:
    client = Client()
    assert client.get(f"/q/{judge.login_token}/").status_code == 302
    return client


def fill(client, event, sub, segment):
    url = f"/events/{event.pk}/judge/{sub.pk}/{segment.pk}/"
    form = client.get(url)
    assert form.status_code == 200, form.content.decode()[:500]
    assert segment.name in form.content.decode()
    data = {f"c{c.pk}": VALUES[c.name] for c in segment.criteria.all()}
    return client.post(url, {**data, "action": "submit"})


def test_a_finalist_is_scored_segment_by_segment_and_revealed_with_panels(final, organiser):
    event, last = final
    room = client_for(organiser)
    told, asked, lesson = last.round.segments.all()
    judges = list(event.judges.all())
    phones = [phone(j) for j in judges]

    act(room, event, action="open", appearance=last.pk, segment=told.pk)
    state = phones[0].get(f"/events/{event.pk}/show.json").json()
    assert (state["presenting"], state["segment_name"], state["open"]) == (
        last.pk,
        "红色故事讲述",
        True,
    )
    live = phones[0].get(f"/events/{event.pk}/judge/live/")
    assert live["Location"] == f"/events/{event.pk}/judge/{last.pk}/{told.pk}/"
    refused = phones[0].get(f"/events/{event.pk}/judge/{last.pk}/{asked.pk}/")
    assert refused.status_code == 403 and "党史知识问答" in refused.content.decode()
    for client in phones:
        assert fill(client, event, last, told).status_code == 302

    act(room, event, action="open", appearance=last.pk, segment=asked.pk)  # closes 讲述 first
    late = phones[1].post(f"/events/{event.pk}/judge/{last.pk}/{told.pk}/", {"action": "draft"})
    assert late.status_code in (403, 409)
    for client in phones:
        assert fill(client, event, last, asked).status_code == 302
    act(room, event, action="open", appearance=last.pk, segment=lesson.pk)
    for client in phones:
        assert fill(client, event, last, lesson).status_code == 302
    assert ScoreSheet.objects.filter(appearance=last, status="submitted").count() == 3 * len(judges)

    act(room, event, action="reveal", appearance=last.pk)
    last.refresh_from_db()
    assert last.phase == Appearance.Phase.REVEALED
    screen = Client().get(f"/events/{event.pk}/screen/state/").content.decode()
    assert "决赛" in screen and "专家评委" in screen and "大众评审" in screen
    assert "微党课演绎" in screen and screen.count('<s class="value">') == 3 * 2  # 1 high, 1 low
    # Every judge gave the same: each segment's experts and public agree, so the round score is
    # 0.5 × 89.5 + 0.2 × 83 + 0.3 × 86 = 44.75 + 16.6 + 25.8 = 87.15.
    assert re.search(r'id="final">87\.15<', screen)
    assert "演示数据" in screen
    progress = room.get(f"/events/{event.pk}/control/progress/").content.decode()
    assert shows_number(progress, "87.15")


def test_a_segment_sheet_is_reopened_from_the_sheet_page_and_sign_off_waits_for_it(
    final, organiser
):
    event, last = final
    room = client_for(organiser)
    told, asked, lesson = last.round.segments.all()
    judge = event.judges.get(seat=1)
    client = phone(judge)
    act(room, event, action="open", appearance=last.pk, segment=told.pk)
    assert fill(client, event, last, told).status_code == 302
    sign_off = client.get(f"/events/{event.pk}/judge/sign-off/").content.decode()
    assert "红色故事讲述" in sign_off and "党史知识问答" in sign_off
    assert "30." in sign_off.split("还需评分")[-1]  # two segments of the finalist are still to come

    page = room.get(f"/events/{event.pk}/control/sheets/{judge.pk}/{last.pk}/").content.decode()
    action = re.search(r'<form method="post" class="reopen" action="([^"]+)"', page).group(1)
    assert page.count('class="reopen"') == 1 and "党史知识问答" in page
    room.post(action, {"segment": told.pk, "reason": "评委笔误"})
    sheet = ScoreSheet.objects.get(judge=judge, appearance=last, segment=told)
    assert sheet.is_reopened and sheet.reopen_reason == "评委笔误"


def test_next_stays_in_the_round_and_the_stage_stops_once_published(final, organiser):
    """From 决赛's last appearance, “next” presented 复赛's next one; after publication it moved."""
    from review.domain.show import ShowRefused, advance

    event, last = final
    before_last = Appearance.objects.get(round=last.round, order=29)
    event.presenting = before_last
    event.save()
    assert advance(event, organiser) == last
    with pytest.raises(ShowRefused, match="本轮最后一位"):
        advance(event, organiser)
    event.refresh_from_db()
    assert event.presenting == last
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)  # awards aside
    with pytest.raises(ShowRefused, match="成绩已公布"):
        advance(event, organiser)


def test_all_segments_at_once_after_the_first_was_scored_leads_each_phone_onward(final, organiser):
    """Judges who had submitted 讲述 were stuck on “该评分表已提交”, the room counted 0, and the
    reveal was refused saying nobody had submitted."""
    event, last = final
    room = client_for(organiser)
    told, asked, lesson = last.round.segments.all()
    judges = list(event.judges.all())
    phones = [phone(j) for j in judges]
    act(room, event, action="open", appearance=last.pk, segment=told.pk)
    for client in phones:
        assert fill(client, event, last, told).status_code == 302
    act(room, event, action="open", appearance=last.pk)  # 所有环节一并开始评分
    live = phones[0].get(f"/events/{event.pk}/judge/live/")
    assert live["Location"] == f"/events/{event.pk}/judge/{last.pk}/{asked.pk}/"
    plain = phones[0].get(f"/events/{event.pk}/judge/{last.pk}/")
    assert plain.status_code == 200 and 'name="action"' in plain.content.decode()
    assert "党史知识问答" in visible_text(plain.content.decode())
    for client in phones:
        assert fill(client, event, last, asked).status_code == 302
    live = phones[0].get(f"/events/{event.pk}/judge/live/")
    assert live["Location"] == f"/events/{event.pk}/judge/{last.pk}/{lesson.pk}/"
    for client in phones:
        assert fill(client, event, last, lesson).status_code == 302
    progress = visible_text(room.get(f"/events/{event.pk}/control/progress/").content.decode())
    assert f"已提交 {len(judges)} / {len(judges)}" in progress
    act(room, event, action="reveal", appearance=last.pk)
    last.refresh_from_db()
    assert last.phase == Appearance.Phase.REVEALED


def test_a_forced_reveal_says_what_the_round_score_waits_for(final, organiser):
    from review.queries.structure import round_shape

    event, last = final
    room = client_for(organiser)
    told, asked, lesson = last.round.segments.all()
    shape = round_shape(last.round)
    experts = [j for j in event.judges.all() if shape.panel_of(j.pk) == shape.panels[0].pk]
    act(room, event, action="open", appearance=last.pk, segment=told.pk)
    for judge in experts:
        assert fill(phone(judge), event, last, told).status_code == 302
    act(room, event, action="reveal", appearance=last.pk, override="1")
    screen = visible_text(Client().get(f"/events/{event.pk}/screen/state/").content.decode())
    assert "本轮得分 待定" in screen
    public = shape.panels[1].name
    assert f"还差：红色故事讲述·{public}、党史知识问答、微党课演绎" in screen
