"""Each event's own people: organisers name them, roles limit them, logins lock and unlock."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from review.domain.roles import grant
from review.models import AuditEntry, EventRole
from tests.factories import PASSWORD, build_event, client_for, make_user
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_organiser():
    event, *_ = build_event()
    boss = make_user("boss", staff=True)
    grant(event, boss, EventRole.Role.ORGANISER, None)
    return event, boss


def test_an_organiser_names_the_events_people_on_the_site(event_with_organiser):
    event, boss = event_with_organiser
    make_user("leader")
    client = client_for(boss)
    url = f"/events/{event.pk}/control/people/"
    client.post(url, {"username": "leader", "role": "viewer"})
    role = EventRole.objects.get(event=event, user__username="leader")
    assert role.role == "viewer"
    page = client.get(url).content.decode()
    assert "leader" in page and "查看者" in page
    # The viewer reads results and the workbook, but cannot run the show.
    leader = client_for(role.user)
    assert leader.get(f"/events/{event.pk}/results/").status_code == 200
    assert leader.get(f"/events/{event.pk}/results.xlsx").status_code == 200
    assert leader.get(f"/events/{event.pk}/control/").status_code == 403
    client.post(url, {"username": "leader", "role": "operator"})
    assert client_for(role.user).get(f"/events/{event.pk}/control/").status_code == 200
    client.post(url, {"remove": role.user.pk})
    assert not EventRole.objects.filter(user=role.user).exists()
    kinds = list(AuditEntry.objects.filter(event=event).values_list("kind", flat=True))
    assert kinds.count("role_granted") == 3 and kinds.count("role_removed") == 1


def test_unknown_user_gets_a_message_and_the_last_organiser_stays(event_with_organiser):
    event, boss = event_with_organiser
    client = client_for(boss)
    url = f"/events/{event.pk}/control/people/"
    response = client.post(url, {"username": "nobody", "role": "viewer"})
    assert response.status_code == 400 and "没有名为“nobody”的有效用户" in response.content.decode()
    response = client.post(url, {"remove": boss.pk}, follow=True)
    assert "活动至少需要一位主办方" in response.content.decode()
    assert EventRole.objects.filter(user=boss, role="organiser").exists()


def test_roles_are_per_event(event_with_organiser):
    event, boss = event_with_organiser
    other, *_ = build_event(prefix="b")
    client = client_for(boss)
    assert client.get(f"/events/{event.pk}/control/").status_code == 200
    refused = client.get(f"/events/{other.pk}/control/")
    assert (
        refused.status_code == 403
        and "只有“b测试赛马会”的操作员和主办方" in refused.content.decode()
    )
    assert client.get(f"/events/{other.pk}/results/").status_code == 403
    home = client.get("/").content.decode()
    assert f"/events/{event.pk}/control/" in home and f"/events/{other.pk}/" not in home


def _fail_login(client, username, times):
    for _ in range(times):
        response = client.post("/login/", {"username": username, "password": "wrong"})
    return response


def test_repeated_wrong_passwords_lock_the_login_and_the_organiser_unlocks(
    event_with_organiser, settings
):
    event, boss = event_with_organiser
    judge_user = event.judges.first().user
    phone = Client(REMOTE_ADDR="10.0.0.7")
    assert _fail_login(phone, judge_user.username, 4).status_code == 200
    locked = _fail_login(phone, judge_user.username, 1)
    assert locked.status_code == 429
    assert "已被锁定" in locked.content.decode()
    # Even the right password is refused while locked, from that address.
    right = phone.post("/login/", {"username": judge_user.username, "password": PASSWORD})
    assert right.status_code == 429
    # Another phone in the hall (another address) is not locked out by it.
    other = Client(REMOTE_ADDR="10.0.0.8")
    response = other.post("/login/", {"username": judge_user.username, "password": PASSWORD})
    assert response.status_code == 302
    organiser = client_for(boss)
    page = organiser.get(f"/events/{event.pk}/control/logins/").content.decode()
    assert judge_user.username in page and "已锁定" in page
    organiser.post(f"/events/{event.pk}/control/logins/", {"unlock": judge_user.username})
    assert AuditEntry.objects.filter(kind="login_unlocked", reason=judge_user.username).exists()
    again = phone.post("/login/", {"username": judge_user.username, "password": PASSWORD})
    assert again.status_code == 302
    # Someone who is none of this event's people cannot be unlocked from it.
    response = organiser.post(
        f"/events/{event.pk}/control/logins/", {"unlock": "stranger"}, follow=True
    )
    assert "该用户不是本活动的人员" in response.content.decode()


def test_an_organiser_changes_the_events_settings_on_the_site(event_with_organiser):
    from review.domain.show import set_event_status
    from review.models import Event

    event, boss = event_with_organiser
    client = client_for(boss)
    url = f"/events/{event.pk}/control/settings/"
    page = client.get(url).context
    values = {
        k: v
        for form in (page["form"], page["panel_form"])
        for k, v in form.initial.items()
        if v is not None and k in form.fields
    }
    values.update(precision=1, venue="市民中心", live_show="on", aggregation="median")
    assert client.post(url, values).status_code == 302
    event.refresh_from_db()
    assert (event.precision, event.venue, event.live_show) == (1, "市民中心", True)
    assert event.rounds.get().panels.get().aggregation == "median"
    entry = AuditEntry.objects.get(kind="settings")
    assert entry.actor == boss and "市民中心" in entry.reason
    bad = client.post(url, {**values, "trim": 11})
    assert bad.status_code == 400 and "trim" in bad.context["panel_form"].errors
    set_event_status(event, Event.Status.CLOSED, None)
    set_event_status(event, Event.Status.PUBLISHED, None)
    refused = client.post(url, {**values, "precision": 0}, follow=True)
    assert "请先撤回公布" in refused.content.decode()
    event.refresh_from_db()
    assert event.precision == 1


def test_behind_the_proxy_a_lockout_is_of_the_real_client_not_of_everyone(
    event_with_organiser, settings
):
    """All logins came from nginx's address: anyone could lock the organiser out, again and
    again, during the show."""
    settings.TRUSTED_PROXIES = 1
    event, boss = event_with_organiser
    via_nginx = {"REMOTE_ADDR": "127.0.0.1"}
    attacker = Client(**via_nginx, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _fail_login(attacker, boss.username, 5).status_code == 429
    # The organiser's own laptop, through the same proxy, logs in.
    laptop = Client(**via_nginx, HTTP_X_FORWARDED_FOR="198.51.100.2")
    response = laptop.post("/login/", {"username": boss.username, "password": PASSWORD})
    assert response.status_code == 302
    # Writing another address in front of the real one changes nothing for the attacker.
    spoofing = Client(**via_nginx, HTTP_X_FORWARDED_FOR="198.51.100.2, 203.0.113.5")
    refused = spoofing.post("/login/", {"username": boss.username, "password": PASSWORD})
    assert refused.status_code == 429


def test_an_organiser_makes_an_account_for_a_leadership_viewer(event_with_organiser):
    """人员 granted roles only to existing accounts: a viewer needed the Django admin."""
    event, boss = event_with_organiser
    client = client_for(boss)
    url = f"/events/{event.pk}/control/people/"
    person = {"new_username": "leader", "full_name": "王局长", "password": "hand-over-123"}
    made = client.post(url, {**person, "new_role": "viewer"}, follow=True)
    assert "账号 leader 已创建" in visible_text(made.content.decode())
    assert EventRole.objects.get(event=event, user__username="leader").role == "viewer"
    leader = Client()
    assert (
        leader.post("/login/", {"username": "leader", "password": "hand-over-123"}).status_code
        == 302
    )
    assert leader.get(f"/events/{event.pk}/results/").status_code == 200
    assert leader.get(f"/events/{event.pk}/control/people/").status_code == 403
    again = client.post(url, {"new_username": "leader", "password": "another-123",
                              "new_role": "organiser"}, follow=True)  # fmt: skip
    assert "已存在" in visible_text(again.content.decode())
    short = client.post(url, {"new_username": "x2", "password": "short", "new_role": "viewer"},
                        follow=True)  # fmt: skip
    assert not get_user_model().objects.filter(username="x2").exists()
    assert "密码" in visible_text(short.content.decode())
    assert AuditEntry.objects.filter(event=event, kind="role_granted", reason__contains="leader")
