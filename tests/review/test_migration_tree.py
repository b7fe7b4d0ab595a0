"""The contest-tree migrations (0011–0013) on a database made by the schema before them: an
existing event becomes one round, one segment and one panel with identical results, sheets,
audit log and QR logins; and the database's triggers survive every migration, both ways."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from common import scoring
from review.migrations._triggers import expected, installed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]

BEFORE = ("review", "0010_audit_settings_kind")
CRITERIA = (("实绩", "60"), ("创新", "40"))
# 4 reports × 5 judges; report 3 has a draft from judge 5, judge 1 is recused from report 4.
SHEETS = [
    [("50", "30"), ("55.5", "31"), ("48", "40"), ("60", "12.5"), ("51", "33")],
    [("40", "20"), ("41", "21"), ("42", "22"), ("43", "23"), ("44", "24")],
    [("30.5", "30.5"), ("31", "31"), ("33", "10"), ("59", "39"), None],
    [("10", "5"), ("20", "25"), ("33", "33"), ("25.5", "20"), ("21", "21")],
]


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("review")


def everything():
    """Every app's last migration: going back in review unapplies the apps that depend on it,
    and a test leaves the database as it found it for the tests after it (on its worker)."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def build_old_event(apps):
    """The flat event as the old schema held it; its expected finals by the pure flat rule."""
    get = apps.get_model
    event = get("review", "Event").objects.create(
        name="旧活动", code="old-event", status="closed", scoring_method="trimmed", trim_count=1
    )
    criteria = [
        get("review", "Criterion").objects.create(
            event=event, name=name, max_score=Decimal(m), order=i
        )
        for i, (name, m) in enumerate(CRITERIA)
    ]
    subs = []
    for i in range(4):
        unit = get("review", "Unit").objects.create(name=f"单位{i}")
        person = get("review", "Contestant").objects.create(name=f"述职人{i}", unit=unit)
        subs.append(
            get("review", "Submission").objects.create(
                event=event, contestant=person, order=i + 1, title=f"报告{i}"
            )
        )
    judges = [
        get("review", "Judge").objects.create(
            event=event,
            user=get("auth", "User").objects.create(username=f"old-j{seat}"),
            display_name=f"评委{seat}",
            seat=seat,
            login_token=f"token-{seat}-" + "x" * 20,
        )
        for seat in range(1, 6)
    ]
    get("review", "Recusal").objects.create(judge=judges[0], contestant=subs[3].contestant)
    expected = {}
    for sub, sheets in zip(subs, SHEETS, strict=True):
        counted = {}
        for judge, values in zip(judges, sheets, strict=True):
            status = "draft" if values is None else "submitted"
            sheet = get("review", "ScoreSheet").objects.create(
                judge=judge, submission=sub, status=status, submitted_at=timezone.now()
            )
            for criterion, value in zip(criteria, values or ("1", "1"), strict=True):
                get("review", "Score").objects.create(
                    sheet=sheet, criterion=criterion, value=Decimal(value)
                )
            if values is not None and not (sub.order == 4 and judge.seat == 1):
                counted[judge.pk] = {
                    c.pk: Decimal(v) for c, v in zip(criteria, values, strict=True)
                }
        specs = [scoring.CriterionSpec(c.pk, c.max_score, c.weight) for c in criteria]
        rule = scoring.Rule(scoring.Method.TRIMMED, 1, 2)
        expected[sub.pk] = scoring.score_appearance(counted, specs, rule).final
    get("review", "AuditEntry").objects.create(
        event=event, kind="score_changed", submission=subs[0], judge=judges[1], reason="笔误"
    )
    return event.pk, expected


def appearance_field(apps) -> str:
    """What a sheet's appearance is called in this state (``submission`` before 0025)."""
    fields = {f.name for f in apps.get_model("review", "ScoreSheet")._meta.get_fields()}
    return "submission" if "submission" in fields else "appearance"


def snapshot(apps, event_id):
    get = apps.get_model
    a = appearance_field(apps)
    return {
        "sheets": sorted(
            get("review", "ScoreSheet")
            .objects.filter(**{f"{a}__event_id": event_id})
            .values_list("pk", "judge_id", f"{a}_id", "status", "submitted_at")
        ),
        "scores": sorted(
            get("review", "Score")
            .objects.filter(**{f"sheet__{a}__event_id": event_id})
            .values_list("pk", "sheet_id", "criterion_id", "value")
        ),
        "audit": sorted(
            get("review", "AuditEntry")
            .objects.filter(event_id=event_id)
            .values_list("pk", "at", "kind", f"{a}_id", "judge_id", "reason")
        ),
        "tokens": sorted(
            get("review", "Judge")
            .objects.filter(event_id=event_id)
            .values_list("pk", "login_token", "seat")
        ),
    }


def test_an_existing_event_becomes_one_round_with_identical_results():
    from review.models import Event, Panel, ScoreSheet
    from review.queries.results import event_results
    from review.queries.sheet_scores import parse_scores_text

    old = migrate_to(BEFORE)
    event_id, expected = build_old_event(old)
    before = snapshot(old, event_id)
    new = migrate_to(*everything())
    assert snapshot(new, event_id) == before

    event = Event.objects.get(pk=event_id)
    (round_,) = event.rounds.all()
    (segment,) = round_.segments.all()
    (panel,) = round_.panels.all()
    assert (panel.aggregation, panel.trim, panel.seats.count()) == (Panel.Aggregation.TRIMMED, 1, 0)
    assert set(event.criteria.values_list("segment", flat=True)) == {segment.pk}
    assert set(event.appearances.values_list("round", flat=True)) == {round_.pk}
    results = event_results(event)
    assert {row.appearance.pk: row.result.final for row in results.rows} == expected
    assert None not in expected.values()
    for sheet in ScoreSheet.objects.filter(appearance__event=event):
        assert sheet.segment_id == segment.pk
        assert parse_scores_text(sheet.scores_text) == dict(
            sheet.scores.values_list("criterion_id", "value")
        )

    event.status = Event.Status.SCORING
    event.save()
    client = Client()
    assert client.get(f"/q/token-2-{'x' * 20}/").status_code == 302
    assert client.get(f"/events/{event_id}/judge/").status_code == 200


def test_the_triggers_survive_every_migration_both_ways():
    executor = MigrationExecutor(connection)
    plan = [
        key
        for key in executor.loader.graph.forwards_plan(latest()[0])
        if key[0] == "review" and key[1] >= "0007"
    ]
    vendor = connection.vendor
    try:
        for target in reversed(plan[:-1]):  # backwards, one migration at a time
            migrate_to(target)
            assert installed(connection) == expected(vendor, target[1]), f"back to {target[1]}"
        for target in plan[1:]:
            migrate_to(target)
            assert installed(connection) == expected(vendor, target[1]), f"forward to {target[1]}"
    finally:
        migrate_to(*everything())
