"""签字确认 once nothing is left to score, recorded and shown in the control room."""

import pytest
from django.utils.timezone import localtime

from review.domain.show import close_scoring, open_scoring
from review.models import AuditEntry
from tests.factories import build_event, client_for, submit_sheet

pytestmark = pytest.mark.django_db


def test_sign_off_waits_for_everything_the_judge_can_score(organiser):
    event, criteria, subs, (judge, *others) = build_event(appearances=3, judges=2, live_show=True)
    judge.unit = subs[2].contestant.unit  # recused from report 3
    judge.save()
    client = client_for(judge.user)
    page = client.get(f"/events/{event.pk}/judge/sign-off/").content.decode()
    assert "签字确认前还需评分：" in page and "1. 述职人1、2. 述职人2" in page
    response = client.post(f"/events/{event.pk}/judge/sign-off/confirm/", follow=True)
    assert "还有述职尚未评分" in response.content.decode()
    judge.refresh_from_db()
    assert judge.signed_off_at is None

    open_scoring(event, subs[0], organiser)
    submit_sheet(judge, subs[0], [30, 15, 15, 15])
    open_scoring(event, subs[1], organiser)
    close_scoring(event, subs[1], organiser)  # closed before this judge scored: nothing left
    page = client.get(f"/events/{event.pk}/judge/sign-off/").content.decode()
    assert "确认全部评分" in page and "回避" in page and '<td class="num">75</td>' in page
    client.post(f"/events/{event.pk}/judge/sign-off/confirm/")
    judge.refresh_from_db()
    assert judge.signed_off_at is not None
    assert AuditEntry.objects.filter(kind="signed_off", judge=judge).count() == 1
    room = client_for(organiser).get(f"/events/{event.pk}/control/progress/").content.decode()
    assert f"<td>{localtime(judge.signed_off_at):%H:%M:%S}</td>" in room


def test_no_sheet_lands_after_the_sign_off(organiser):
    """The form, the live page and the sign-off share one rule: a report reopened for scoring
    after a judge signed off is not theirs to score until a sheet is reopened for them."""
    event, criteria, subs, (judge, *_) = build_event(appearances=2, judges=2, live_show=True)
    open_scoring(event, subs[0], organiser)
    submit_sheet(judge, subs[0], [30, 15, 15, 15])
    close_scoring(event, subs[0], organiser)
    open_scoring(event, subs[1], organiser)
    close_scoring(event, subs[1], organiser)
    client = client_for(judge.user)
    client.post(f"/events/{event.pk}/judge/sign-off/confirm/")
    judge.refresh_from_db()
    assert judge.signed_off_at is not None
    open_scoring(event, subs[1], organiser)  # opened again after the sign-off
    live = client.get(f"/events/{event.pk}/judge/live/")
    assert live.status_code == 200, "the phone is not sent to the form"
    assert "您已签字确认" in live.content.decode()
    values = {f"c{c.pk}": "10" for c in criteria}
    late = client.post(f"/events/{event.pk}/judge/{subs[1].pk}/", values | {"action": "submit"})
    assert late.status_code == 403 and "您已签字确认" in late.content.decode()
    assert not judge.sheets.filter(appearance=subs[1]).exists()
    judge.refresh_from_db()
    assert judge.signed_off_at is not None
