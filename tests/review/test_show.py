"""The live show's state machine, driven through the control room as an organiser would."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from review.models import Appearance, AuditEntry, Event, ScoreSheet
from tests.factories import build_event, client_for, submit_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(organiser):
    event, criteria, subs, judges = build_event(appearances=3, judges=3, live_show=True)
    return event, criteria, subs, judges, client_for(organiser)


def act(client, event, **data):
    return client.post(f"/events/{event.pk}/control/act/", data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def phase(sub):
    return Appearance.objects.get(pk=sub.pk).phase


def test_present_next_and_idempotent_clicks(show):
    event, _, subs, _, client = show
    response = act(client, event, action="present", appearance=subs[0].pk)
    assert messages_of(response) == ["当前述职：述职人1。"]
    act(client, event, action="present", appearance=subs[0].pk)  # double click
    assert AuditEntry.objects.filter(kind="presenting").count() == 1
    act(client, event, action="next")
    event.refresh_from_db()
    assert event.presenting_id == subs[1].pk
    act(client, event, action="next")
    response = act(client, event, action="next")
    assert messages_of(response) == ["未执行：这已是本轮最后一位。"]
    event.refresh_from_db()
    assert event.presenting_id == subs[2].pk


def test_open_close_reveal_cycle(show):
    event, _, (sub, *_), judges, client = show
    assert phase(sub) == "waiting"
    act(client, event, action="open", appearance=sub.pk)
    assert phase(sub) == "open"
    opened = Appearance.objects.get(pk=sub.pk)
    assert (opened.closes_at - opened.opened_at) == timedelta(seconds=event.scoring_seconds)
    second = act(client, event, action="open", appearance=sub.pk)
    assert messages_of(second) == ["无需操作：述职人1已处于该状态。"]
    assert AuditEntry.objects.filter(kind="opened").count() == 1
    for judge in judges:
        submit_sheet(judge, sub, [30, 15, 15, 15])
    act(client, event, action="close", appearance=sub.pk)
    assert phase(sub) == "closed"
    act(client, event, action="close", appearance=sub.pk)
    assert AuditEntry.objects.filter(kind="closed").count() == 1
    response = act(client, event, action="reveal", appearance=sub.pk)
    assert messages_of(response) == ["述职人1的成绩已在大屏揭晓。"]
    assert phase(sub) == "revealed"
    act(client, event, action="reveal", appearance=sub.pk)
    assert AuditEntry.objects.filter(kind="revealed").count() == 1
    # A revealed report cannot simply be reopened for scoring.
    refused = act(client, event, action="open", appearance=sub.pk)
    assert "成绩已揭晓" in messages_of(refused)[0]
    assert phase(sub) == "revealed"


def test_reveal_with_missing_sheets_needs_the_override(show):
    event, _, (sub, *_), judges, client = show
    act(client, event, action="open", appearance=sub.pk)
    submit_sheet(judges[0], sub, [30, 15, 15, 15])
    submit_sheet(judges[1], sub, [31, 15, 15, 15])
    response = act(client, event, action="reveal", appearance=sub.pk)
    assert messages_of(response) == [
        "未执行：3 位评委中有 1 位尚未提交。 如需仍然揭晓，请勾选“即使有评委未提交也揭晓”。"
    ]
    assert phase(sub) == "open", "nothing changed"
    act(client, event, action="reveal", appearance=sub.pk, override="1")
    assert phase(sub) == "revealed"
    entry = AuditEntry.objects.get(kind="revealed")
    assert entry.reason == "揭晓时有 1 份评分表未提交"
    # Revealing closed scoring: the late judge can no longer submit.
    late = client_for(judges[2].user).post(
        f"/events/{event.pk}/judge/{sub.pk}/",
        {f"c{c.pk}": "10" for c in event.criteria.all()} | {"action": "submit"},
    )
    assert late.status_code == 403
    assert "述职人1的评分已结束。" in late.content.decode()
    assert not ScoreSheet.objects.filter(judge=judges[2]).exists()


def test_reveal_with_no_sheet_at_all_is_refused(show):
    event, _, (sub, *_), _, client = show
    response = act(client, event, action="reveal", appearance=sub.pk, override="1")
    assert messages_of(response) == ["未执行：述职人1还没有任何评委提交评分。"]
    assert phase(sub) == "waiting"


def test_open_needs_the_event_in_scoring(organiser):
    event, _, (sub, *_), _ = build_event(status=Event.Status.DRAFT, live_show=True)
    response = act(client_for(organiser), event, action="open", appearance=sub.pk)
    assert messages_of(response) == ["未执行：请先将活动设为“评分中”，再开始评分。"]
    assert phase(sub) == "waiting"


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        ("draft", "scoring", True),
        ("scoring", "closed", True),
        ("closed", "published", True),
        ("published", "closed", True),
        ("closed", "scoring", True),
        ("draft", "published", False),
        ("scoring", "published", False),
        ("published", "draft", False),
    ],
)
def test_event_status_steps(organiser, start, target, allowed):
    event, *_ = build_event(status=start)
    response = act(client_for(organiser), event, action="status", status=target, confirmed="1")
    event.refresh_from_db()
    assert (event.status == target) is allowed
    if not allowed:
        assert "活动不能从" in messages_of(response)[0]
        assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    else:
        entry = AuditEntry.objects.get(kind="status")
        assert entry.actor == organiser and entry.event == event


def test_a_step_that_changes_nothing_says_so(organiser):
    event, *_ = build_event(status="published")
    response = act(client_for(organiser), event, action="status", status="published", confirmed="1")
    assert messages_of(response) == ["没有变化：活动已是“已公布”。"]
    assert [m.level_tag for m in response.context["messages"]] == ["info"]
    assert not AuditEntry.objects.filter(kind="status").exists()


@pytest.mark.parametrize(
    ("start", "target", "words"),
    [
        ("scoring", "draft", "所有评委立即无法评分"),
        ("scoring", "closed", "评委不能再提交"),
        ("closed", "published", "所有人都能看到排名"),
        ("published", "closed", "排名从公开页面撤下"),
    ],
)
def test_steps_that_interrupt_judges_or_the_audience_ask_first(organiser, start, target, words):
    event, *_ = build_event(status=start)
    client = client_for(organiser)
    page = act(client, event, action="status", status=target)
    event.refresh_from_db()
    assert event.status == start, "nothing changes before the confirmation"
    html = page.content.decode()
    assert words in html and 'name="confirmed" value="1"' in html
    act(client, event, action="status", status=target, confirmed="1")
    event.refresh_from_db()
    assert event.status == target


@pytest.mark.django_db(transaction=True)  # the caches refresh when the step commits
def test_back_to_draft_closes_the_open_report_for_room_screen_and_phones(organiser):
    event, _, (sub, *_), _ = build_event(live_show=True)
    client = client_for(organiser)
    act(client, event, action="open", appearance=sub.pk)
    assert client.get(f"/events/{event.pk}/show.json").json()["open"] is True
    act(client, event, action="status", status="draft", confirmed="1")
    assert phase(sub) == "closed"
    assert client.get(f"/events/{event.pk}/show.json").json()["open"] is False
    screen = client.get(f"/events/{event.pk}/screen/state/").content.decode()
    room = client.get(f"/events/{event.pk}/control/progress/").content.decode()
    assert "phase-closed" in room and "评分中" not in screen


def test_publishing_is_refused_while_a_sheet_is_reopened(organiser):
    from review.domain.corrections import reopen_sheet

    event, _, (sub, *_), (judge, *_) = build_event(status=Event.Status.CLOSED)
    sheet = submit_sheet(judge, sub, [30, 15, 15, 15])
    reopen_sheet(sheet, organiser, "录入有误")
    response = act(client_for(organiser), event, action="status", status="published", confirmed="1")
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED
    assert "1 份已重新开放的评分表尚未重新提交" in messages_of(response)[0]


def test_judges_score_only_the_open_report(show):
    event, criteria, subs, (judge, *_), client = show
    judge_client = client_for(judge.user)
    data = {f"c{c.pk}": "10" for c in criteria} | {"action": "submit"}
    waiting = judge_client.post(f"/events/{event.pk}/judge/{subs[1].pk}/", data)
    assert waiting.status_code == 403
    assert "述职人2的评分尚未开始。" in waiting.content.decode()
    act(client, event, action="open", appearance=subs[1].pk)
    assert judge_client.post(f"/events/{event.pk}/judge/{subs[1].pk}/", data).status_code == 302


def test_scoring_closes_by_itself_when_time_is_up(show):
    event, criteria, (sub, *_), (judge, *_), client = show
    act(client, event, action="open", appearance=sub.pk)
    Appearance.objects.filter(pk=sub.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    judge_client = client_for(judge.user)
    response = judge_client.post(
        f"/events/{event.pk}/judge/{sub.pk}/",
        {f"c{c.pk}": "10" for c in criteria} | {"action": "submit"},
    )
    assert response.status_code == 403
    assert not ScoreSheet.objects.exists()


@pytest.mark.django_db(transaction=True)  # real commits: the show state is cached
def test_judges_follow_the_show(show):
    event, criteria, subs, (judge, *_), client = show

    judge_client = client_for(judge.user)
    state_url = f"/events/{event.pk}/show.json"
    live_url = f"/events/{event.pk}/judge/live/"
    now = judge_client.get(state_url).json()
    assert now == {
        "presenting": None,
        "name": "",
        "segment": None,
        "segment_name": "",
        "open": False,
        "seconds_left": None,
        "live_url": live_url,
    }
    act(client, event, action="present", appearance=subs[1].pk)
    act(client, event, action="open", appearance=subs[1].pk)
    now = judge_client.get(state_url).json()
    assert now["presenting"] == subs[1].pk and now["open"] is True
    assert now["name"] == "述职人2"
    assert 0 < now["seconds_left"] <= event.scoring_seconds
    form_url = f"/events/{event.pk}/judge/{subs[1].pk}/"
    live = judge_client.get(now["live_url"])
    assert live.status_code == 302 and live["Location"] == form_url
    form = judge_client.get(form_url).content.decode()
    assert 'id="countdown"' in form and "review/js/follow.js" in form
    assert f'data-follow="{state_url}"' in form
    act(client, event, action="close", appearance=subs[1].pk)
    assert judge_client.get(state_url).json()["open"] is False
    waiting = judge_client.get(live_url)
    assert waiting.status_code == 200 and "当前述职：述职人2" in waiting.content.decode()


@pytest.mark.django_db(transaction=True)  # real commits: the show state is cached
def test_the_show_state_is_one_cached_answer_for_every_phone(
    show, django_assert_max_num_queries, monkeypatch
):
    """No login, no session, no judge: the same as the big screen shows, from the cache."""
    event, _, subs, _, client = show
    act(client, event, action="present", appearance=subs[0].pk)
    act(client, event, action="open", appearance=subs[0].pk)
    phone = Client()
    first = phone.get(f"/events/{event.pk}/show.json").json()
    with django_assert_max_num_queries(2):  # the event's cache version, the cached state
        again = phone.get(f"/events/{event.pk}/show.json").json()
    assert again["presenting"] == first["presenting"] == subs[0].pk and again["open"] is True
    # The clock runs outside the cache: time up closes it for every phone at once.
    later = timezone.now() + timedelta(seconds=event.scoring_seconds + 1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    after = phone.get(f"/events/{event.pk}/show.json").json()
    assert after["open"] is False and after["seconds_left"] is None
    assert phone.get("/events/999999/show.json").status_code == 404


def test_control_room_is_for_organisers_only(show):
    event, _, (sub, *_), (judge, *_), _ = show
    judge_client = client_for(judge.user)
    for url in ("control/", "control/progress/", "control/audit/", "control/qr/"):
        assert judge_client.get(f"/events/{event.pk}/{url}").status_code == 403
    response = judge_client.post(
        f"/events/{event.pk}/control/act/", {"action": "open", "appearance": sub.pk}
    )
    assert response.status_code == 403
    assert phase(sub) == "waiting"


def test_progress_matrix_shows_every_state(show):
    event, criteria, subs, judges, client = show
    judges[0].unit = subs[0].contestant.unit
    judges[0].save()
    act(client, event, action="open", appearance=subs[0].pk)
    submit_sheet(judges[1], subs[0], [30, 15, 15, 15])
    ScoreSheet.objects.create(judge=judges[2], appearance=subs[0])
    html = client.get(f"/events/{event.pk}/control/progress/").content.decode()
    first_column = [
        cell.split('"')[0]
        for cell in html.split('class="cell cell-')[1:]
        if f'data-appearance="{subs[0].pk}"' in cell.split(">")[0]
    ]
    assert first_column == ["recused", "submitted", "draft"]
    assert "已提交 1 / 2 位评委" in html
