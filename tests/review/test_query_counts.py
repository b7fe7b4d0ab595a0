"""The number of SQL queries per page stays the same however large the event."""

import itertools

import pytest

from review.models import Event
from tests.factories import build_event, client_for, submit_sheet

pytestmark = pytest.mark.django_db

# Session + user (2), event, the round being contested, its segments, panels and seats (4),
# criteria, judges, appearances, tie-breaks, declared recusals, sheets, whether any is
# generated, the adjustments (9) — plus, on a cold page, the shared cache's own reads
# and writes (each in a savepoint here, inside the test's transaction).
LEADERBOARD_QUERIES = 28
# A warm page: session, user, event, its rounds, the event's cache version, the cached table.
LEADERBOARD_CACHED_QUERIES = 6


def scored_event(appearances, judges, prefix):
    event, criteria, subs, seats = build_event(
        appearances=appearances, judges=judges, prefix=prefix, status=Event.Status.PUBLISHED
    )
    values = itertools.cycle([[30, 15, 15, 15], [35.5, 17, 18, 16.5], [28, 14, 16, 12]])
    for sub, judge in itertools.product(subs, seats):
        submit_sheet(judge, sub, next(values))
    return event


@pytest.mark.parametrize(("appearances", "judges"), [(2, 3), (12, 9)])
def test_leaderboard_queries_do_not_grow(
    appearances, judges, organiser, django_assert_max_num_queries
):
    event = scored_event(appearances, judges, prefix=f"{appearances}-")
    client = client_for(organiser)
    with django_assert_max_num_queries(LEADERBOARD_QUERIES):
        response = client.get(f"/events/{event.pk}/results/?sort=-final")
    assert response.status_code == 200
    assert response.content.decode().count('<td class="rank">') == appearances
    with django_assert_max_num_queries(LEADERBOARD_CACHED_QUERIES):
        again = client.get(f"/events/{event.pk}/results/?sort=-final")
    table = response.content.decode().split('<div class="table-wrap">')[1]
    assert again.content.decode().split('<div class="table-wrap">')[1] == table


@pytest.mark.parametrize(("appearances", "judges"), [(2, 3), (12, 9)])
def test_export_queries_do_not_grow(appearances, judges, organiser, django_assert_max_num_queries):
    event = scored_event(appearances, judges, prefix=f"{appearances}-")
    client = client_for(organiser)
    # The 15 above, uncached, the audit log, the rounds with awards, the 加减分 rules.
    with django_assert_max_num_queries(18):
        response = client.get(f"/events/{event.pk}/results.xlsx")
    assert response.status_code == 200


@pytest.mark.parametrize("appearances", [2, 15])
def test_running_order_queries_do_not_grow(appearances, django_assert_max_num_queries):
    event, _, _, (judge, *_) = build_event(appearances=appearances, judges=2)
    client = client_for(judge.user)
    # Session, user, judge seat with its event, the round (when nothing is on stage), its
    # segments, appearances, declared recusals, sheet states, open ballots for 单项奖.
    with django_assert_max_num_queries(9):
        response = client.get(f"/events/{event.pk}/judge/")
    assert response.content.decode().count("row-link") == appearances


@pytest.mark.parametrize(("appearances", "judges"), [(2, 3), (12, 9)])
def test_control_room_progress_queries_do_not_grow(
    appearances, judges, organiser, django_assert_max_num_queries
):
    event = scored_event(appearances, judges, prefix=f"{appearances}-")
    event.presenting = event.appearances.order_by("order").last()
    event.save()
    client = client_for(organiser)
    # Session, user, event; the rounds, the round on stage; judges, segments, appearances,
    # declared recusals, sheet states; and for the report on stage only: its submitted sheets.
    with django_assert_max_num_queries(11):
        response = client.get(f"/events/{event.pk}/control/progress/")
    html = response.content.decode()
    assert html.count("cell-submitted") == appearances * judges
    assert f"已提交 {judges} / {judges} 位评委" in html
