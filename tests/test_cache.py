"""The big screen is served from the shared cache, and any change to the event invalidates it —
including a change made by another process (another gunicorn worker or app server)."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection, transaction

from review.domain.show import open_scoring, reveal
from review.models import Event
from tests.conftest import build_event, client_for, submit_sheet

CRITERIA = ["30", "15", "15", "15"]


def screen(client, event):
    return client.get(f"/events/{event.pk}/screen/state/").content.decode()


def test_the_cache_is_shared_not_per_process():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    )


@pytest.mark.django_db
def test_the_first_render_of_the_big_screen_already_shows_the_state(organiser):
    event, _, (sub, *_), _ = build_event(live_show=True)
    open_scoring(event, sub, organiser)
    page = client_for(organiser).get(f"/events/{event.pk}/screen/").content.decode()
    assert 'id="progress"' in page and "评委已评分 0 / 5" in page
    assert "&lt;" not in page


@pytest.mark.django_db(transaction=True)
def test_pollers_share_one_computation_until_something_changes(
    organiser, django_assert_max_num_queries
):
    event, criteria, (sub, *_), judges = build_event(judges=3, live_show=True)
    open_scoring(event, sub, organiser)
    audience = client_for(organiser)
    first = screen(audience, event)
    assert "评委已评分 0 / 3" in first
    with django_assert_max_num_queries(4):  # session, user, event, cache read: no scoring
        assert screen(audience, event) == first

    # A submit invalidates: the count moves at once, not when the cache expires.
    judge_client = client_for(judges[0].user)
    data = {f"c{c.pk}": v for c, v in zip(criteria, CRITERIA, strict=True)}
    judge_client.post(f"/events/{event.pk}/judge/{sub.pk}/", {**data, "action": "submit"})
    assert "评委已评分 1 / 3" in screen(audience, event)

    for judge in judges[1:]:
        submit_sheet(judge, sub, [31, 15, 15, 15])
    reveal(event, sub, organiser)
    after = screen(audience, event)
    assert 'id="final">76.00<' in after  # 75, 76, 76: drop one of each end


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_is_seen(organiser):
    event, criteria, (sub, *_), (judge, *_) = build_event(judges=2, live_show=True)
    open_scoring(event, sub, organiser)
    audience = client_for(organiser)
    assert "评委已评分 0 / 2" in screen(audience, event)

    db = connection.settings_dict
    env = {"DJANGO_SETTINGS_MODULE": "review.settings_test"}
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(db["NAME"])
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        )
    code = (
        "import django; django.setup()\n"
        "from decimal import Decimal\n"
        "from review.domain.sheets import save_sheet\n"
        "from review.models import Judge, Submission, Criterion\n"
        f"judge = Judge.objects.get(pk={judge.pk}); sub = Submission.objects.get(pk={sub.pk})\n"
        "values = {c.pk: Decimal(10) for c in Criterion.objects.filter(event=sub.event)}\n"
        "save_sheet(judge, sub, values, submit=True)\n"
    )
    import os

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "评委已评分 1 / 2" in screen(audience, event)


@pytest.mark.django_db(transaction=True)
def test_admin_edits_invalidate_too(organiser):
    event, _, (sub, *_), _ = build_event(live_show=True)
    audience = client_for(organiser)
    assert "比拼即将开始" in screen(audience, event)
    event.presenting = sub
    event.save()
    assert "述职人1" in screen(audience, event)


@pytest.mark.django_db(transaction=True)
def test_the_ranking_page_is_shared_and_refreshed_by_a_submit(organiser):
    event, criteria, (sub, *_), judges = build_event(judges=3, status=Event.Status.SCORING)
    for judge in judges[:2]:
        submit_sheet(judge, sub, [30, 15, 15, 15])
    page = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    assert "2/3" in page
    submit_sheet(judges[2], sub, [35, 15, 15, 15])
    page = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    assert "3/3" in page and ">75.00<" in page  # 75, 75, 80: dropping one each end keeps 75


@pytest.fixture
def bumps(monkeypatch) -> list[int]:
    """The events bumped, in order, as their transactions commit."""
    done: list[int] = []
    monkeypatch.setattr("review.signals.bump", done.append)
    return done


@pytest.mark.django_db(transaction=True)
def test_one_bump_per_event_and_transaction(bumps):
    event, criteria, (sub, *_), (judge, *_) = build_event(submissions=1, judges=1)
    other, *_ = build_event(submissions=1, judges=1, prefix="o")
    bumps.clear()
    with transaction.atomic():
        submit_sheet(judge, sub, CRITERIA)  # a sheet, then its scores
        criteria[0].name = "改名"
        criteria[0].save()
        other.name = "另一场"
        other.save()
        assert bumps == []  # nothing before the commit
    assert sorted(bumps) == sorted([event.pk, other.pk])


@pytest.mark.django_db(transaction=True)
def test_a_bump_dropped_with_a_rolled_back_savepoint_is_registered_again(bumps):
    event, criteria, *_ = build_event(submissions=1, judges=1)
    bumps.clear()
    with transaction.atomic():
        try:
            with transaction.atomic():
                event.name = "回滚"
                event.save()
                raise RuntimeError("roll this savepoint back")
        except RuntimeError:
            pass
        criteria[0].name = "保留"
        criteria[0].save()
    assert bumps == [event.pk]


@pytest.mark.django_db
def test_a_version_evicted_from_the_cache_never_brings_old_entries_back():
    from django.core.cache import cache

    from review.queries.cache import cached, version_key

    assert cached(42, "page", lambda: "old", 60) == "old"
    cache.delete(version_key(42))  # evicted, e.g. by Redis under memory pressure
    assert cached(42, "page", lambda: "new", 60) == "new"
