"""Every page passes its Content-Security-Policy by construction (no inline script, style or
handler), and private pages and downloads are never stored."""

import re
import uuid

import pytest

from common.domain import jobs, roles
from inspection.domain.problems import record_problem
from review.domain.awards import save_part
from review.domain.roles import grant
from review.models import SpecialAward
from season.domain.roles import SEASON
from season.tasks import WORKBOOK, owner
from tests.factories import build_event, client_for, make_user
from tests.factories.inspection import drawn, inspector, photo, report
from tests.factories.season import fill_month, service_centre
from tests.routes import GET_ROUTES, url_of

pytestmark = pytest.mark.django_db

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.fixture
def people():
    event, _criteria, (sub, *_), (judge, *_) = build_event()
    boss = make_user("boss", staff=True)
    grant(event, boss, "organiser", None)
    audience = SpecialAward(round=sub.round, name="最高人气奖", source="audience")
    save_part(event, audience, None)
    season, _organiser, subjects, indicators = service_centre()
    roles.grant(SEASON, season, boss, "organiser", None)
    fill_month(season.periods.get(order=1), subjects, indicators)
    job = jobs.start(WORKBOOK, owner(season), boss, season=season.pk)
    jobs.finish(job, {}, b"PK", "centre.xlsx")
    pair = drawn(season.periods.get(order=3), boss, per_inspected=1).pairs.first()
    seat = inspector(season, pair.inspector, organiser=boss)
    problem, _created = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    seat.refresh_from_db()
    kwargs = {
        "pair_pk": pair.pk,
        "problem_pk": problem.pk,
        "photo_pk": problem.photos.get().pk,
        "inspector_token": seat.login_token,
        "season_pk": season.pk,
        "period_pk": season.periods.get(order=1).pk,
        "subject_pk": subjects[0].pk,
        "job_pk": job.pk,
        "event_pk": event.pk,
        "appearance_pk": sub.pk,
        "segment_pk": sub.round.segments.get().pk,
        "judge_pk": judge.pk,
        "token": audience.poll.token,
        "award_pk": audience.pk,
    }
    return kwargs, {"organiser": client_for(boss), "judge": client_for(judge.user),
                    "inspector": client_for(seat.user)}  # fmt: skip


OUR_GET_ROUTES = [(n, r) for n, r in GET_ROUTES if not n.startswith("admin:")]


@pytest.mark.parametrize(("name", "rule"), OUR_GET_ROUTES)
def test_pages_carry_a_strict_policy_and_nothing_inline(people, name, rule):
    kwargs, clients = people
    url = url_of(name, kwargs)
    for who, client in clients.items():
        response = client.get(url)
        policy = response.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, (who, url)
        assert "unsafe-inline" not in policy
        if "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            for pattern, what in INLINE:
                assert not pattern.search(html), f"{what} in {url} as {who}"


PRIVATE = [
    "control-room",
    "control-audit",
    "event-people",
    "event-settings",
    "qr-sheet",
    "qr-zip",
    "roster-template",
    "results-xlsx",
    "judge-running-order",
    "judge-sheet",
]


@pytest.mark.parametrize("name", PRIVATE)
def test_private_pages_and_downloads_are_never_stored(people, name):
    kwargs, clients = people
    client = clients["judge" if name.startswith("judge") else "organiser"]
    response = client.get(url_of(name, kwargs))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_unpublished_results_are_not_stored_but_the_public_ranking_may_be(people):
    kwargs, clients = people
    url = f"/events/{kwargs['event_pk']}/results/"
    assert "no-store" in clients["organiser"].get(url)["Cache-Control"]
