"""QR-code login: valid, revoked, replaced, other event, closed event, organiser accounts."""

import io
import zipfile

import pytest
from django.test import Client

from review.domain.tokens import issue_token, revoke_token
from review.models import AuditEntry, Event, Judge
from tests.factories import build_event, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(organiser):
    event, criteria, subs, judges = build_event(live_show=True)
    judge = judges[0]
    token = issue_token(judge, organiser)
    return event, judge, token


def test_scanning_logs_the_judge_in_for_that_event(seat):
    event, judge, token = seat
    phone = Client()
    response = phone.get(f"/q/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/judge/live/"
    assert phone.get(f"/events/{event.pk}/judge/").status_code == 200
    assert int(phone.session["_auth_user_id"]) == judge.user_id


def test_the_login_is_for_that_event_only(seat):
    event, judge, token = seat
    other, _, _, _ = build_event(prefix="o")
    from review.models import Judge

    Judge.objects.create(event=other, user=judge.user, display_name="同一人", seat=9)
    phone = Client()
    phone.get(f"/q/{token}/")
    response = phone.get(f"/events/{other.pk}/judge/")
    assert response.status_code == 403
    assert "您的二维码登录仅限于另一个活动。" in response.content.decode()
    # The same user logging in with a password is not scoped.
    desktop = client_for(judge.user)
    assert desktop.get(f"/events/{other.pk}/judge/").status_code == 200


def test_revoked_code_gets_a_clear_page(seat, organiser):
    event, judge, token = seat
    revoke_token(judge, organiser)
    response = Client().get(f"/q/{token}/")
    assert response.status_code == 403
    assert "该二维码无效：已被重新生成或作废" in response.content.decode()
    assert AuditEntry.objects.filter(kind="token_revoked", judge=judge).count() == 1


def test_regenerating_replaces_the_old_code(seat, organiser):
    event, judge, old = seat
    new = issue_token(judge, organiser)
    assert new != old and len(new) >= 32
    assert Client().get(f"/q/{old}/").status_code == 403
    assert Client().get(f"/q/{new}/").status_code == 302


@pytest.mark.parametrize("status", ["closed", "published"])
def test_codes_stop_working_when_the_event_closes(seat, status):
    event, judge, token = seat
    Event.objects.filter(pk=event.pk).update(status=status)
    response = Client().get(f"/q/{token}/")
    assert response.status_code == 403
    assert "已结束，二维码已失效" in response.content.decode()


def test_garbage_code_is_a_clear_page_not_an_error():
    assert Client().get("/q/not-a-real-code/").status_code == 403


def test_organiser_accounts_get_no_code(organiser):
    event, _, _, _ = build_event()
    staff_judge = Judge.objects.create(
        event=event, user=make_user("boss", staff=True), display_name="领导", seat=99
    )
    client_for(organiser).post(f"/events/{event.pk}/control/qr/issue/")
    page = client_for(organiser).get(f"/events/{event.pk}/control/qr/").content.decode()
    staff_judge.refresh_from_db()
    assert staff_judge.login_token is None
    assert "无二维码" in page


def test_printable_page_png_and_zip(organiser):
    event, _, _, judges = build_event(judges=3)
    client = client_for(organiser)
    page = client.get(f"/events/{event.pk}/control/qr/").content.decode()
    assert page.count("<svg") == 0, "showing the page issues no code"
    assert not Judge.objects.filter(login_token__isnull=False).exists()
    assert "3 位评委还没有二维码" in page
    client.post(f"/events/{event.pk}/control/qr/issue/")
    page = client.get(f"/events/{event.pk}/control/qr/").content.decode()
    for judge in judges:
        judge.refresh_from_db()
        assert f"/q/{judge.login_token}/" in page
    assert page.count("<svg") == 3
    png = client.get(f"/events/{event.pk}/control/qr/{judges[0].pk}.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/events/{event.pk}/control/qr.zip").content))
    assert len(archive.namelist()) == 3
    # Loading the page again does not replace codes already handed out.
    tokens = {j.pk: j.login_token for j in judges}
    client.get(f"/events/{event.pk}/control/qr/")
    for judge in judges:
        judge.refresh_from_db()
        assert judge.login_token == tokens[judge.pk]


def test_withdrawn_code_stays_withdrawn_until_reissued(organiser):
    event, _, _, (judge, *_) = build_event()
    client = client_for(organiser)
    client.post(f"/events/{event.pk}/control/qr/issue/")
    client.post(f"/events/{event.pk}/control/qr/{judge.pk}/", {"action": "revoke"})
    client.post(f"/events/{event.pk}/control/qr/issue/")
    judge.refresh_from_db()
    assert judge.login_token is None
    client.post(f"/events/{event.pk}/control/qr/{judge.pk}/", {"action": "issue"})
    judge.refresh_from_db()
    assert judge.login_token


def test_qr_codes_use_the_public_address_when_set(organiser, settings):
    settings.PUBLIC_URL = "http://192.168.1.20:8000"
    event, _, _, (judge, *_) = build_event(judges=1)
    client_for(organiser).post(f"/events/{event.pk}/control/qr/issue/")
    page = client_for(organiser).get(f"/events/{event.pk}/control/qr/").content.decode()
    judge.refresh_from_db()
    assert f"http://192.168.1.20:8000/q/{judge.login_token}/" in page


def test_a_new_or_withdrawn_code_ends_the_sessions_it_opened(organiser):
    event, _, _, (judge, *_) = build_event(live_show=True)
    first = issue_token(judge, organiser)
    phone = Client()
    assert phone.get(f"/q/{first}/").status_code == 302
    assert phone.get(f"/events/{event.pk}/judge/").status_code == 200
    issue_token(judge, organiser)  # the card was lost: a new one is printed
    ended = phone.get(f"/events/{event.pk}/judge/")
    assert ended.status_code == 403 and "登录已结束" in ended.content.decode()
    assert phone.get(f"/events/{event.pk}/judge/").status_code == 302, "logged out for good"
    second = Client()
    assert second.get(f"/q/{judge.login_token}/").status_code == 302
    revoke_token(judge, organiser)
    assert second.get(f"/events/{event.pk}/judge/").status_code == 403


def test_a_code_opened_while_logged_in_as_someone_else_asks_first(organiser):
    event, _, _, (judge, other, *_) = build_event()
    token = issue_token(judge, organiser)
    browser = client_for(other.user)
    page = browser.get(f"/q/{token}/")
    assert page.status_code == 200 and "切换" in page.content.decode()
    assert browser.get("/").context["user"] == other.user, "nothing switched yet"
    assert browser.post(f"/q/{token}/").status_code == 302
    assert browser.get("/").context["user"] == judge.user
