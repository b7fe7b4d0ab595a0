import os
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from review.models import (
    Appearance,
    Contestant,
    Criterion,
    Event,
    Judge,
    Panel,
    Score,
    ScoreSheet,
    Unit,
)

PASSWORD = "test-pass-123"
#: Markers given by where a test lives (others are set on the test: libreoffice, migrations).
MARKED_BY_PATH = {"tests/browser/": "browser", "tests/test_load.py": "server"}


@pytest.fixture(autouse=True, scope="session")
def _moved_clock():
    """``SAIMA_TEST_CLOCK=<unix time>`` runs the suite with the clock moved there, ticking on: CI
    does, so that no test passes only at the time it happens to run."""
    moved = os.environ.get("SAIMA_TEST_CLOCK")
    if not moved:
        yield
        return
    import time_machine

    with time_machine.travel(datetime.fromtimestamp(float(moved), tz=UTC), tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_redis_cache(settings):
    """With REDIS_URL the cache outlives each test's rolled-back transaction, and a reused event
    id would meet its predecessor's cached screens: empty it around every test. (The database
    cache rolls back with the test by itself.)"""
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.replace("\\", "/")
        for prefix, marker in MARKED_BY_PATH.items():
            if path.startswith(prefix):
                item.add_marker(marker)


def make_user(username, *, staff=False, superuser=False):
    return get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=staff or superuser, is_superuser=superuser
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def build_event(
    *,
    appearances=3,
    judges=5,
    criteria=(("实绩成效", "40"), ("创新突破", "20"), ("数据支撑", "20"), ("作风与体会", "20")),
    status=Event.Status.SCORING,
    prefix="",
    aggregation=None,
    trim=None,
    **event_fields,
):
    """An event with contestants from their own units and judges from other units, in one
    round with one segment and one panel (``aggregation`` and ``trim`` set the panel's rule)."""
    event = Event.objects.create(name=f"{prefix}测试赛马会", status=status, **event_fields)
    rule = {"aggregation": aggregation, "trim": trim}
    Panel.objects.filter(round__event=event).update(
        **{k: v for k, v in rule.items() if v is not None}
    )
    made_criteria = [
        Criterion.objects.create(event=event, name=name, max_score=Decimal(m), order=i)
        for i, (name, m) in enumerate(criteria, start=1)
    ]
    made_appearances = []
    for i in range(1, appearances + 1):
        unit = Unit.objects.create(name=f"{prefix}{event.pk}单位{i}")
        contestant = Contestant.objects.create(name=f"{prefix}述职人{i}", post="处长", unit=unit)
        made_appearances.append(
            Appearance.objects.create(event=event, contestant=contestant, order=i, title=f"报告{i}")
        )
    made_judges = []
    for seat in range(1, judges + 1):
        user = make_user(f"{prefix}e{event.pk}j{seat}")
        unit = Unit.objects.create(name=f"{prefix}{event.pk}评委单位{seat}")
        made_judges.append(
            Judge.objects.create(
                event=event, user=user, display_name=f"评委{seat}", seat=seat, unit=unit
            )
        )
    return event, made_criteria, made_appearances, made_judges


def submit_sheet(judge, appearance, values, *, generated=False):
    """Store a submitted sheet directly (for tests that are not about the form)."""
    sheet = ScoreSheet.objects.create(
        judge=judge,
        appearance=appearance,
        status=ScoreSheet.Status.SUBMITTED,
        submitted_at=timezone.now(),
        is_generated=generated,
    )
    criteria = Criterion.objects.filter(segment=sheet.segment_id)
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c, value=Decimal(str(v)))
        for c, v in zip(criteria, values, strict=True)
    )
    return sheet


@pytest.fixture
def organiser(db):
    """Someone who may run every event: a superuser (per-event roles: ``test_access``)."""
    return make_user("staff-organiser", superuser=True)


@pytest.fixture
def demo_event(db):
    """The seed-001 event from the fixture, with the demo accounts but no generated scores."""
    call_command("loaddata", "ningbo_2022", verbosity=0)
    call_command("demo_data", seed=1, scored=0, verbosity=0)
    return Event.objects.get(code="ningbo-2022")
