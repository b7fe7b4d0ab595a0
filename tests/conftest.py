import os
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from review.models import (
    Event,
)
from tests.factories import PASSWORD, build_event, client_for, make_user, submit_sheet  # noqa: F401

#: Markers given by where a test lives (others are set on the test: libreoffice, migrations).
MARKED_BY_PATH = {
    "tests/review/browser/": "browser",
    "tests/review/test_load.py": "server",
    "tests/test_access.py": "routes",
    "tests/test_headers.py": "routes",
}


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
