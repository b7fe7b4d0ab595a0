"""The big screen is served from the shared cache, and any change to the event invalidates it —
including a change made by another process (another gunicorn worker or app server)."""

import subprocess
import sys
import time

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings

from common.models import Contestant
from review.domain.show import open_scoring, reveal
from review.migrations._triggers import installed
from review.models import Criterion, Event, EventVersion, PanelSeat, ScoreSheet
from tests.factories import build_event, client_for, submit_sheet
from tests.pages import shows_number

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
    env = {"DJANGO_SETTINGS_MODULE": "saima.settings_test"}
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(db["NAME"])
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        )
    code = (
        # The other process shares this one's clock (moved or not: SAIMA_TEST_CLOCK).
        f"import time_machine; time_machine.travel({time.time()!r}, tick=True).start()\n"
        "import django; django.setup()\n"
        "from decimal import Decimal\n"
        "from review.domain.sheets import save_sheet\n"
        "from review.models import Judge, Appearance, Criterion\n"
        f"judge = Judge.objects.get(pk={judge.pk}); sub = Appearance.objects.get(pk={sub.pk})\n"
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
    assert "3/3" in page and shows_number(
        page, "75.00"
    )  # 75, 75, 80: dropping one each end keeps 75


def version(event) -> str:
    return EventVersion.objects.get(pk=event.pk).token


@pytest.mark.django_db(transaction=True)
def test_every_write_path_renews_the_version_and_a_rollback_none():
    event, criteria, (sub, *_), (judge, *_) = build_event(appearances=1, judges=2)
    other, *_ = build_event(appearances=1, judges=1, prefix="o")
    panel = event.rounds.get().panels.get()
    writes = {
        "save": lambda: criteria[0].save(),
        "update()": lambda: Criterion.objects.filter(pk=criteria[0].pk).update(name="改名"),
        "bulk_create": lambda: PanelSeat.objects.bulk_create([PanelSeat(panel=panel, judge=judge)]),
        "delete": lambda: PanelSeat.objects.filter(judge=judge).delete(),
        "a sheet and its scores": lambda: submit_sheet(judge, sub, CRITERIA),
        "raw SQL": lambda: connection.cursor().execute(
            "UPDATE review_score SET value = 14 WHERE value = 15"
        ),
        "a shared contestant renamed": lambda: Contestant.objects.filter(
            pk=sub.contestant_id
        ).update(name="改名的述职人"),
    }
    for what, write in writes.items():
        before, untouched = version(event), version(other)
        write()
        assert version(event) != before, what
        assert version(other) == untouched, what
    before = version(event)
    with pytest.raises(RuntimeError), transaction.atomic():
        Criterion.objects.filter(pk=criteria[0].pk).update(name="回滚")
        raise RuntimeError
    assert version(event) == before


#: Tables that reach an event but whose rows no cached page shows: the log, access, and the
#: audience's votes (a thousand phones a minute must not invalidate the ranking).
NOT_VERSIONED = {
    "AuditEntry",
    "EventRole",
    "AudienceVote",
    "VoteTicket",
    "TicketMiss",
    "EventVersion",
}


def reaches_event(model, seen=()) -> bool:
    if model is Event:
        return True
    return any(
        (field.many_to_one or field.one_to_one)
        and field.related_model not in seen
        and reaches_event(field.related_model, (*seen, model))
        for field in model._meta.concrete_fields
        if field.is_relation and field.name not in ("actor", "user")
    )


@pytest.mark.django_db
def test_every_table_an_event_shows_renews_its_version_by_trigger():
    """Closes the kind: a new model reaching an event fails here until the triggers cover it."""
    triggered = set(installed(connection).values())
    models = [m for m in apps.get_app_config("review").get_models() if reaches_event(m)]
    assert {m.__name__ for m in models} >= {"ScoreSheet", "PanelSeat", "Score", "AudiencePoll"}
    for model in models:
        if model.__name__ not in NOT_VERSIONED:
            assert model._meta.db_table in triggered, model.__name__


@pytest.mark.django_db(transaction=True)
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_cache_restored_with_its_old_entries_serves_no_stale_page(organiser):
    """Redis back from its own snapshot after an outage holds every entry it had then."""
    from django.core.cache import cache

    event, criteria, (sub, *_), judges = build_event(judges=3, live_show=True)
    open_scoring(event, sub, organiser)
    audience = client_for(organiser)
    assert "评委已评分 0 / 3" in screen(audience, event)
    snapshot = dict(cache._cache), dict(cache._expire_info)
    submit_sheet(judges[0], sub, CRITERIA)
    cache._cache.clear()
    cache._cache.update(snapshot[0])
    cache._expire_info.update(snapshot[1])
    assert "评委已评分 1 / 3" in screen(audience, event)


@pytest.mark.django_db(transaction=True)
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_a_cache_outage_fails_no_request(organiser):
    event, criteria, (sub, *_), judges = build_event(judges=3, live_show=True)
    room = client_for(organiser)
    open_scoring(event, sub, organiser)
    phone = client_for(judges[0].user)
    values = {f"c{c.pk}": v for c, v in zip(criteria, CRITERIA, strict=True)}
    answer = phone.post(f"/events/{event.pk}/judge/{sub.pk}/", {**values, "action": "submit"})
    assert answer.status_code == 302
    assert ScoreSheet.objects.get(judge=judges[0]).status == ScoreSheet.Status.SUBMITTED
    assert "评委已评分 1 / 3" in screen(room, event)
    assert room.get(f"/events/{event.pk}/show.json").status_code == 200
    assert room.get(f"/events/{event.pk}/results/").status_code == 200
