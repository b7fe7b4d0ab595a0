"""Who may open and post what. Every refusal says why and changes nothing."""

import pytest

from review.models import Event, Recusal, Score, ScoreSheet
from tests.factories import build_event, client_for, make_user, submit_sheet
from tests.pages import shows_number

pytestmark = pytest.mark.django_db

GOOD = {"action": "submit"}


def good_values(criteria):
    return {f"c{c.pk}": "10" for c in criteria}


def sheet_url(event, appearance):
    return f"/events/{event.pk}/judge/{appearance.pk}/"


def test_a_judge_only_ever_touches_their_own_sheet():
    event, criteria, (sub, *_), (judge_a, judge_b, *_) = build_event()
    sheet_b = submit_sheet(judge_b, sub, [33.5, 17.5, 16.5, 19.5])
    client_a = client_for(judge_a.user)
    # B's scores are never shown to A, before or after A scores.
    assert not shows_number(client_a.get(sheet_url(event, sub)).content.decode(), "33.5")
    # A's post lands on A's own sheet, never on B's.
    client_a.post(sheet_url(event, sub), {**good_values(criteria), **GOOD})
    assert sorted(sheet_b.scores.values_list("value", flat=True)) == [16.5, 17.5, 19.5, 33.5]
    assert sorted(ScoreSheet.objects.get(judge=judge_a).scores.values_list("value", flat=True)) == [
        10,
        10,
        10,
        10,
    ]
    page = client_a.get(sheet_url(event, sub)).content.decode()
    assert "已于" in page and not shows_number(page, "33.5")


def test_a_judge_of_another_event_is_refused():
    event, criteria, (sub, *_), _ = build_event()
    _, _, _, (outsider, *_) = build_event(prefix="x")
    response = client_for(outsider.user).post(
        sheet_url(event, sub), {**good_values(criteria), **GOOD}
    )
    assert response.status_code == 403
    assert "您不是“测试赛马会”的评委。" in response.content.decode()
    assert not ScoreSheet.objects.exists()


def test_a_user_who_is_no_judge_is_refused_and_anonymous_must_log_in():
    event, criteria, (sub, *_), _ = build_event()
    stranger = make_user("stranger")
    assert client_for(stranger).get(sheet_url(event, sub)).status_code == 403
    from django.test import Client

    response = Client().get(sheet_url(event, sub))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_appearance_of_another_event_is_not_found():
    event, criteria, _, (judge, *_) = build_event()
    _, _, (foreign, *_), _ = build_event(prefix="y")
    response = client_for(judge.user).get(sheet_url(event, foreign))
    assert response.status_code == 404


def test_same_unit_recusal_is_automatic():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    judge.unit = sub.contestant.unit
    judge.save()
    client = client_for(judge.user)
    response = client.post(sheet_url(event, sub), {**good_values(criteria), **GOOD})
    assert response.status_code == 403
    assert "您需回避述职人1，不能为该述职评分。" in response.content.decode()
    assert not ScoreSheet.objects.exists()
    order = client.get(f"/events/{event.pk}/judge/").content.decode()
    assert "state-recused" in order


def test_declared_recusal_is_refused():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    Recusal.objects.create(judge=judge, contestant=sub.contestant, reason="曾为同一处室")
    response = client_for(judge.user).get(sheet_url(event, sub))
    assert response.status_code == 403
    assert not ScoreSheet.objects.exists()


@pytest.mark.parametrize("status", ["draft", "closed", "published"])
def test_no_scoring_outside_the_scoring_status(status):
    event, criteria, (sub, *_), (judge, *_) = build_event(status=status)
    client = client_for(judge.user)
    for method in (client.get, client.post):
        response = method(sheet_url(event, sub), {**good_values(criteria), **GOOD})
        assert response.status_code == 403
        assert "当前未开放评分" in response.content.decode()
    assert not ScoreSheet.objects.exists() and not Score.objects.exists()


def test_a_draft_cannot_be_finished_after_scoring_closed():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    client = client_for(judge.user)
    client.post(sheet_url(event, sub), {f"c{criteria[0].pk}": "30", "action": "draft"})
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    response = client.post(sheet_url(event, sub), {**good_values(criteria), **GOOD})
    assert response.status_code == 403
    sheet = ScoreSheet.objects.get()
    assert sheet.status == "draft" and sheet.scores.count() == 1


def test_leaderboard_is_for_organisers_until_published(organiser):
    event, *_ = build_event(status=Event.Status.CLOSED)
    url = f"/events/{event.pk}/results/"
    from django.test import Client

    anonymous = Client()
    response = anonymous.get(url)
    assert response.status_code == 403
    assert "成绩尚未公布" in response.content.decode()
    judge_user = event.judges.first().user
    assert client_for(judge_user).get(url).status_code == 403
    assert client_for(organiser).get(url).status_code == 200
    event.status = Event.Status.PUBLISHED
    event.save()
    assert anonymous.get(url).status_code == 200
    # The workbook stays with the organisers.
    refused = anonymous.get(f"/events/{event.pk}/results.xlsx")
    assert refused.status_code == 302 and refused["Location"].startswith("/login/")
    assert client_for(organiser).get(f"/events/{event.pk}/results.xlsx").status_code == 200
