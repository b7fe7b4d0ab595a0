"""Units and contestants moved to ``common`` (common 0001, review 0024) on a database made by the
migration before: every row, login, QR token, role and audit entry is there afterwards, the
contest's foreign keys still reach them, and their permissions followed them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]

BEFORE = ("review", "0023_ticket_miss")
TOKEN = "token-common-" + "y" * 20


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def latest(*but):
    return [n for n in MigrationExecutor(connection).loader.graph.leaf_nodes() if n[0] not in but]


def build_before(apps):
    get = apps.get_model
    User = get("auth", "User")
    boss = User.objects.create(username="boss", password=make_password("pw-boss-1"), is_staff=True)
    judge_user = User.objects.create(username="judge1", password=make_password("pw-judge-1"))
    unit_type = get("contenttypes", "ContentType").objects.get_or_create(
        app_label="review", model="unit"
    )[0]
    get("auth", "Permission").objects.create(
        content_type=unit_type, codename="audit_unit", name="Audit units"
    )
    event = get("review", "Event").objects.create(name="迁移前", code="before", status="scoring")
    round_ = get("review", "Round").objects.create(event=event, order=1, name="第一轮")
    units = [get("review", "Unit").objects.create(name=f"单位{i}") for i in range(3)]
    people = [
        get("review", "Contestant").objects.create(name=f"述职人{i}", post="处长", unit=unit)
        for i, unit in enumerate(units)
    ]
    for i, person in enumerate(people):
        get("review", "Submission").objects.create(
            event=event, round=round_, contestant=person, order=i + 1
        )
    judge = get("review", "Judge").objects.create(
        event=event,
        user=judge_user,
        seat=1,
        display_name="评委一",
        unit=units[0],
        login_token=TOKEN,
    )
    get("review", "Recusal").objects.create(judge=judge, contestant=people[2], reason="亲属")
    get("review", "EventRole").objects.create(event=event, user=boss, role="organiser")
    get("review", "AuditEntry").objects.create(event=event, actor=boss, kind="status", reason="开")
    return event.pk


def rows(apps, label):
    get = apps.get_model
    return {
        "units": sorted(get(label, "Unit").objects.values_list("pk", "name")),
        "people": sorted(
            get(label, "Contestant").objects.values_list("pk", "name", "post", "unit")
        ),
        "appearances": sorted(
            get("review", "Submission" if label == "review" else "Appearance").objects.values_list(
                "contestant", "order"
            )
        ),
        "judge units": sorted(get("review", "Judge").objects.values_list("unit", "login_token")),
        "recusals": sorted(get("review", "Recusal").objects.values_list("contestant", "reason")),
        "roles": sorted(get("review", "EventRole").objects.values_list("user", "role")),
        "audit": sorted(get("review", "AuditEntry").objects.values_list("actor", "kind", "reason")),
    }


def test_units_and_people_move_to_common_with_every_row_login_and_audit_entry():
    try:
        old = migrate_to(BEFORE, *latest("review", "common"))
        event_id = build_before(old)
        before = rows(old, "review")
        new = migrate_to(*latest())
        assert rows(new, "common") == before
        assert len(before["units"]) == 3 and len(before["audit"]) == 1

        from django.contrib.auth.models import Permission

        from common.models import Contestant, Unit
        from review.models import Appearance, Judge

        assert Permission.objects.get(codename="audit_unit").content_type.app_label == "common"
        judge = Judge.objects.get(login_token=TOKEN)
        assert judge.unit == Unit.objects.get(name="单位0")
        assert {s.contestant.unit.name for s in Appearance.objects.filter(event=event_id)} == {
            "单位0",
            "单位1",
            "单位2",
        }
        assert Contestant.objects.get(name="述职人2").recusals.get().judge == judge

        client = Client()
        assert client.get(f"/q/{TOKEN}/").status_code == 302
        assert client.get(f"/events/{event_id}/judge/").status_code == 200
        boss = Client()
        response = boss.post("/login/", {"username": "boss", "password": "pw-boss-1"})
        assert response.status_code == 302  # the password hashed before the move still works
        assert boss.get(f"/events/{event_id}/control/").status_code == 200
    finally:
        migrate_to(*latest())
        get_user_model().objects.all().delete()
