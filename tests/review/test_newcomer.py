"""The path a first-time organiser takes, and a control room whose buttons follow the show."""

import re

import pytest
from django.core.management import call_command

from review.domain.roles import grant
from review.domain.show import open_scoring, reveal, set_presenting
from review.models import Event, Judge
from tests.factories import build_event, client_for, make_user, submit_sheet

pytestmark = pytest.mark.django_db


def primary_buttons(html: str) -> list[str]:
    return re.findall(r'<button[^>]*class="[^"]*primary[^"]*"[^>]*id="([a-z-]+)"', html) + [
        m for m in re.findall(r'<button[^>]*id="([a-z-]+)"[^>]*class="[^"]*primary', html)
    ]


def test_home_leads_organisers_to_each_events_control_room_and_results():
    event, *_ = build_event()
    boss = make_user("boss")
    grant(event, boss, "organiser", None)
    home = client_for(boss).get("/").content.decode()
    assert f'href="/events/{event.pk}/control/"' in home
    assert f'href="/events/{event.pk}/results/"' in home
    results = client_for(boss).get(f"/events/{event.pk}/results/").content.decode()
    assert 'href="/"' in results and f'href="/events/{event.pk}/control/"' in results


def test_an_empty_event_says_what_to_do_next():
    event = Event.objects.create(name="新活动")
    boss = make_user("boss")
    grant(event, boss, "organiser", None)
    room = client_for(boss).get(f"/events/{event.pk}/control/").content.decode()
    assert 'id="next-steps"' in room
    assert f'href="/events/{event.pk}/control/roster/"' in room
    assert f'href="/events/{event.pk}/control/qr/"' in room


def test_the_primary_button_follows_the_phase(organiser):
    event, _, (sub, *_), judges = build_event(live_show=True)
    client = client_for(organiser)
    room = lambda: client.get(f"/events/{event.pk}/control/").content.decode()  # noqa: E731
    assert primary_buttons(room()) == ["next-button"]
    set_presenting(event, sub, organiser)
    assert primary_buttons(room()) == ["open-button"]
    open_scoring(event, sub, organiser)
    assert primary_buttons(room()) == ["close-button"]
    for judge in judges:
        submit_sheet(judge, sub, [30, 15, 15, 15])
    reveal(event, sub, organiser)
    assert primary_buttons(room()) == ["next-button"]


def test_a_refused_reveal_is_a_warning_not_a_success(organiser):
    event, _, (sub, *_), _ = build_event(live_show=True)
    response = client_for(organiser).post(
        f"/events/{event.pk}/control/act/", {"action": "reveal", "appearance": sub.pk}, follow=True
    )
    (message,) = response.context["messages"]
    assert message.level_tag == "warning" and str(message).startswith("未执行：")
    assert 'class="warning"' in response.content.decode()


def test_make_demo_prints_every_judges_qr_link(capsys):
    call_command("loaddata", "ningbo_2022", verbosity=0)
    call_command("demo_data", seed=1, scored=2, base_url="http://hall:8000")
    out = capsys.readouterr().out
    for judge in Judge.objects.filter(event__code="ningbo-2022"):
        assert f"http://hall:8000/q/{judge.login_token}/" in out
