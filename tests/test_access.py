"""Every route × every kind of visitor, derived from the URLconf: a route without an access rule
fails here, and each rule is checked by GET and POST for every role."""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client

from common.domain import jobs, roles
from inspection.domain.problems import record_problem, review
from inspection.models import Pair
from review.domain.awards import save_part
from review.domain.roles import grant
from review.domain.tokens import issue_token
from review.models import EventRole, Recusal, SpecialAward
from review.views.access import RULES
from season.domain.periods import publish
from season.domain.roles import SEASON
from season.tasks import WORKBOOK, owner
from tests.factories import build_event, make_user
from tests.factories.inspection import drawn, inspector, photo, report
from tests.factories.season import service_centre
from tests.routes import (  # noqa: F401
    ALLOWED,
    ANONYMOUS,
    EVENT_ROLES,
    GET_ROUTES,
    ROUTES,
    VISITORS,
    url_of,
)

pytestmark = pytest.mark.django_db


def test_every_rule_is_covered_here():
    assert set(ALLOWED) == set(RULES)


@pytest.mark.parametrize(("name", "rule"), ROUTES)
def test_every_route_declares_an_access_rule(name, rule):
    assert rule in RULES, f"route {name!r} has no access rule (review.views.access.rule)"


@dataclass
class World:
    event: object
    kwargs: dict
    users: dict


@pytest.fixture
def world():
    event, _criteria, (sub, *_), judges = build_event(judges=3)
    other, _c, _s, (other_judge, *_) = build_event(prefix="o")
    judge, recused = judges[0], judges[1]
    Recusal.objects.create(judge=recused, contestant=sub.contestant, reason="同事")
    token = issue_token(judges[2], None)
    audience = SpecialAward(round=sub.round, name="最高人气奖", source="audience")
    save_part(event, audience, None)
    users = {
        ANONYMOUS: None,
        "ordinary user": make_user("ordinary"),
        "staff without a role": make_user("staff", staff=True),
        "judge": judge.user,
        "recused judge": recused.user,
        "judge of another event": other_judge.user,
        "organiser of another event": make_user("other-organiser", staff=True),
        "superuser": make_user("root", superuser=True),
    }
    for role in EVENT_ROLES:
        users[role] = make_user(role, staff=role != "viewer")
        grant(event, users[role], role, None)
    grant(other, users["organiser of another event"], EventRole.Role.ORGANISER, None)
    season, subjects, job = _season(users)
    seat, problem = _inspection(season, subjects, users)
    kwargs = {
        "pair_pk": problem.pair_id,
        "problem_pk": problem.pk,
        "photo_pk": problem.photos.get().pk,
        "inspector_token": seat.login_token,
        "season_pk": season.pk,
        "period_pk": season.periods.get(order=1).pk,
        "subject_pk": subjects[0].pk,
        "job_pk": job.pk,
        "event_pk": event.pk,
        "appearance_pk": sub.pk,
        "judge_pk": judge.pk,
        "segment_pk": sub.round.segments.get().pk,
        "token": token,
        "award_pk": audience.pk,
    }
    return World(event, kwargs, users)


def _season(users):
    """The world's season: the event's people hold the same roles in it, two units with a
    contact each, the first month published (so a contact may read it)."""
    season, organiser, subjects, _indicators = service_centre(size=2)
    for role in EVENT_ROLES:
        roles.grant(SEASON, season, users[role], role, None)
    other, *_rest = service_centre(size=1, code="other-centre", prefix="o")
    roles.grant(SEASON, other, users["organiser of another event"], "organiser", None)
    users["subject contact"] = make_user("contact")
    users["contact of another subject"] = make_user("other-contact")
    for subject, who in zip(subjects, ("subject contact", "contact of another subject"),
                            strict=True):  # fmt: skip
        subject.contact = users[who]
        subject.save(update_fields=["contact"])
    publish(season.periods.get(order=1), organiser)
    job = jobs.start(WORKBOOK, owner(season), organiser, season=season.pk)
    jobs.finish(job, {}, b"PK", "centre.xlsx")
    return season, subjects, job


def _inspection(season, subjects, users):
    """March drawn (each unit inspects the other); the inspector of the second unit recorded a
    problem at the first — the subject contact's unit — and it was accepted."""
    organiser = season.roles.get(role="organiser", user__username="season-organiser").user
    march = season.periods.get(order=3)
    drawn(march, organiser, per_inspected=1, no_reciprocal=False)
    pair = Pair.objects.get(draw__period=march, inspected=subjects[0])
    seat = inspector(season, subjects[1], organiser=organiser)
    users["inspector"] = seat.user
    problem, _created = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    review(problem, organiser, accept=True)
    seat.refresh_from_db()
    return seat, problem


def client_as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def refused(response) -> bool:
    if response.status_code == 403:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.startswith("/login/") or location.startswith("/admin/login/")
    )


@pytest.mark.parametrize(("name", "rule"), ROUTES)
def test_route_admits_exactly_its_rule(world, name, rule):
    url = url_of(name, world.kwargs)
    wrong = []
    for visitor in VISITORS:
        client = client_as(world.users[visitor])
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code < 500, (visitor, method, url)
            if response.status_code == 405:  # the other method of a GET- or POST-only route
                continue
            expected_allowed = visitor in ALLOWED[rule]
            if refused(response) == expected_allowed:
                wrong.append(f"{method.upper()} {url} as {visitor}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_staff_user_without_a_role_is_told_why(world):
    response = client_as(world.users["staff without a role"]).get(
        f"/events/{world.event.pk}/control/"
    )
    assert response.status_code == 403
    assert "只有“测试赛马会”的操作员和主办方可以这样做。" in response.content.decode()


def test_an_operator_cannot_publish_or_go_back_to_draft(world):
    from review.domain.show import set_event_status
    from review.models import Event

    client = client_as(world.users["operator"])
    act = f"/events/{world.event.pk}/control/act/"
    client.post(act, {"action": "status", "status": "closed", "confirmed": "1"})
    world.event.refresh_from_db()
    assert world.event.status == Event.Status.CLOSED
    response = client.post(act, {"action": "status", "status": "published", "confirmed": "1"})
    assert response.status_code == 403
    world.event.refresh_from_db()
    assert world.event.status == Event.Status.CLOSED
    set_event_status(world.event, Event.Status.SCORING, None)
    assert client.post(act, {"action": "status", "status": "draft"}).status_code == 403
    room = client.get(f"/events/{world.event.pk}/control/").content.decode()
    assert 'value="draft"' not in room and 'value="closed"' in room


ODD_PARAMETERS = (
    "?page=abc",
    "?page=-1",
    "?page=0",
    "?page=99999999999999999999",
    "?per_page=-1",
    "?per_page=1",
    "?per_page=abc",
    "?sort=final&sort=-final",
    "?sort=%3Cscript%3E",
    "?sort=c999999",
    "?next=//evil.example",
    "?page=1%00",
    "?round=abc",
    "?round=99999",
    "?round=²",
    "?page=²",
    "?page=１",
    "?round=99999999999999999999",
)


@pytest.mark.parametrize(("name", "rule"), GET_ROUTES)
def test_no_query_parameter_gives_a_server_error(world, name, rule):
    url = url_of(name, world.kwargs)
    for visitor in (ANONYMOUS, "superuser", "judge"):
        client = client_as(world.users[visitor])
        for query in ODD_PARAMETERS:
            response = client.get(url + query)
            assert response.status_code < 500, (visitor, url + query)


#: Every name a view reads from a form, and the values of the ones that choose a branch.
FIELDS = tuple(
    [
        "appearance",
        "segment",
        "picked",
        "settle",
        "reason",
        "seconds",
        "value",
        "rule",
        "pk",
        "parent",
        "judges",
        "award",
        "count",
        "percent",
        "code",
        "device",
        "per_minute",
        "strict",
        "step",
        "state",
        "status",
        "kind",
        "name",
        "weight",
        "order",
        "user",
        "role",
        "unlock",
        "remove",
        "exclusive",
        "open",
        "override",
        "confirmed",
        "grade",
        "subject",
        "contact",
        "indicator",
        "name-0",
        "quota-0",
        "percent-0",
        "count-0",
        "rounding-0",
        "threshold-0",
        "policy-0",
        "coefficient-0",
    ]
)
BRANCHES = {
    "op": ["add", "remove", "pick", "ballot", "seat", "save", "set", "start", "stop", "correct",
           "exclusive"],
    "action": ["next", "status", "present", "open", "close", "reveal", "review"],
    "kind": ["round", "segment", "criterion", "panel", "tiebreak", "special", "tier", "manual",
             "count", "overtime"],
}  # fmt: skip
ODD_VALUES = ("²", "99999999999999999999", "NaN")


@pytest.mark.parametrize(("name", "rule"), ROUTES)
def test_no_form_value_gives_a_server_error(world, name, rule):
    """The hostile probe: every field a view reads, odd, with every branch chosen."""
    url = url_of(name, world.kwargs)
    client = client_as(world.users["superuser"])
    real_ids = {
        "appearance": world.kwargs["appearance_pk"],
        "segment": world.kwargs["segment_pk"],
        "judges": world.kwargs["judge_pk"],
        "award": world.kwargs["award_pk"],
    }
    for odd in ODD_VALUES:
        for ids in ({}, real_ids):  # odd ids, then real ids that let the odd values through
            for branch, choices in BRANCHES.items():
                for choice in choices:
                    data = {field: odd for field in FIELDS} | ids | {branch: choice}
                    response = client.post(url, data)
                    if response.status_code == 405:
                        return
                    assert response.status_code < 500, (url, data)


@pytest.mark.parametrize("odd", ["99999999999999999999", "²", "9223372036854775808"])
def test_no_id_in_a_path_gives_a_server_error(world, odd):
    for name, _rule in ROUTES:
        url = url_of(name, world.kwargs)
        for value in (world.event.pk, *world.kwargs.values()):
            if f"/{value}/" in url:
                odd_url = url.replace(f"/{value}/", f"/{odd}/", 1)
                response = client_as(world.users["superuser"]).get(odd_url)
                assert response.status_code < 500, odd_url


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != "superuser"])
def test_no_form_value_gives_a_server_error_as_any_visitor(world, visitor):
    """The same probe as each other kind of person: every route, the odd values with real ids,
    every step the views branch on."""
    client = client_as(world.users[visitor])
    real_ids = {"appearance": world.kwargs["appearance_pk"], "segment": world.kwargs["segment_pk"],
                "judges": world.kwargs["judge_pk"], "award": world.kwargs["award_pk"]}  # fmt: skip
    for name, _rule in ROUTES:
        url = url_of(name, world.kwargs)
        for branch, choice in [("op", c) for c in BRANCHES["op"]] + [("action", "status")]:
            data = {field: "²" for field in FIELDS} | real_ids | {branch: choice}
            response = client.post(url, data)
            if response.status_code == 405:
                break
            assert response.status_code < 500, (visitor, url, data)
