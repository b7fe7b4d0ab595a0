"""What the public sees: no more on the big screen than on the results page, nothing of a
draft, and a shared ranking cache that no visitor's query parameters can bend."""

import pytest
from django.test import Client

from review.domain.show import open_scoring, reveal, set_event_status, set_presenting
from review.models import Event
from tests.factories import build_event, submit_sheet
from tests.pages import numbers_shown, table_rows, visible_text

SHEETS = ([30, 15, 15, 15], [35, 18, 18, 18], [25, 12, 12, 12])


def scored(status, **fields):
    event, criteria, subs, judges = build_event(status=status, judges=3, **fields)
    for sub in subs:
        for judge, values in zip(judges, SHEETS, strict=True):
            submit_sheet(judge, sub, values)
    return event, subs


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_event_that_is_no_live_show_shows_nothing_on_the_big_screen():
    event, subs = scored(Event.Status.CLOSED)
    anonymous = Client()
    assert anonymous.get(f"/events/{event.pk}/results/").status_code == 403
    screen = anonymous.get(f"/events/{event.pk}/screen/").content.decode()
    assert "成绩公布后将在此显示" in screen
    # No name and no score of any kind: the page's only numbers would be a score's.
    assert "述职人1" not in visible_text(screen) and numbers_shown(screen) == []
    set_event_status(event, Event.Status.PUBLISHED, None)
    screen = anonymous.get(f"/events/{event.pk}/screen/state/").content.decode()
    assert "述职人1" in screen and "成绩公布后将在此显示" not in screen


@pytest.mark.django_db(transaction=True)
def test_a_live_show_reveals_one_report_at_a_time(organiser):
    event, subs = scored(Event.Status.SCORING, live_show=True)
    set_presenting(event, subs[0], organiser)
    anonymous = Client()
    screen = anonymous.get(f"/events/{event.pk}/screen/state/").content.decode()
    assert "述职人1" in screen and "最终得分" not in screen and "述职人2" not in screen
    open_scoring(event, subs[0], organiser)
    reveal(event, subs[0], organiser)
    screen = anonymous.get(f"/events/{event.pk}/screen/state/").content.decode()
    assert "最终得分" in screen and "述职人2" not in screen


@pytest.mark.django_db
def test_a_draft_is_invisible_to_anonymous_visitors(organiser):
    event, subs = scored(Event.Status.DRAFT, live_show=True)
    Event.objects.filter(pk=event.pk).update(presenting=subs[0])
    anonymous = Client()
    for url in ("screen/", "screen/state/", "results/"):
        assert anonymous.get(f"/events/{event.pk}/{url}").status_code == 404, url
    state = anonymous.get(f"/events/{event.pk}/show.json").json()
    assert state["presenting"] is None and state["name"] == ""
    assert str(event.name) not in anonymous.get("/").content.decode()
    from tests.factories import client_for

    assert client_for(organiser).get(f"/events/{event.pk}/screen/").status_code == 200


def ranking_names(client, url):
    return [r["述职人"] for r in table_rows(client.get(url).content.decode(), "leaderboard")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "query", ["?per_page=1", "?sort=name,final", "?sort=-final&sort=name", "?page=1&per_page=-1"]
)
def test_no_query_parameter_changes_the_ranking_others_see(query):
    event, subs = scored(Event.Status.PUBLISHED)
    url = f"/events/{event.pk}/results/"
    plain = ranking_names(Client(), url)
    assert len(plain) == 3
    Client().get(url + query)  # a visitor's odd request fills the cache first
    Client().get(url + query)
    assert ranking_names(Client(), url) == plain
    assert ranking_names(Client(), url + "?sort=name") == sorted(plain)
    # A doubled sort means its last value, and only that is cached under it.
    assert ranking_names(Client(), url + "?sort=name&sort=-name") == sorted(plain, reverse=True)
