"""The event's data version lives in the database and is renewed by triggers.

Until now a saved row bumped a version kept only in the cache, after commit, from a Django
signal: a cache outage then failed requests whose data was committed, a cache restored from its
own snapshot served old pages, and bulk writes and ``update()`` (which send no signal) skipped
the bump. Now every insert, update or delete of a row that an event's pages show renews
``review_eventversion.token`` for that event in the same statement, whatever wrote it.

On SQLite, a later migration that rebuilds one of these tables drops its triggers with it: it
starts with ``_triggers.drop(..., later=True)`` and ends with ``_triggers.reinstall(...,
later=True)``; ``tests/test_migration_tree.py`` checks every trigger after every migration.
"""

import django.db.models.deletion
from django.db import migrations, models

#: table → the SQL for its event id from row ``R`` (NEW or OLD). ``None``: every event.
ROUND = "(SELECT event_id FROM review_round WHERE id = R.round_id)"
JUDGE = "(SELECT event_id FROM review_judge WHERE id = R.judge_id)"
SUBMISSION = "(SELECT event_id FROM review_submission WHERE id = R.submission_id)"
EVENT_OF = {
    "review_event": "R.id",
    "review_round": "R.event_id",
    "review_criterion": "R.event_id",
    "review_submission": "R.event_id",
    "review_judge": "R.event_id",
    "review_tiebreakrule": "R.event_id",
    "review_segment": ROUND,
    "review_panel": ROUND,
    "review_awardtier": ROUND,
    "review_specialaward": ROUND,
    "review_awardpick": ROUND,
    "review_frozenaward": ROUND,
    "review_adjustmentrule": ROUND,
    "review_panelseat": JUDGE,
    "review_recusal": JUDGE,
    "review_nomination": JUDGE,
    "review_scoresheet": SUBMISSION,
    "review_adjustment": SUBMISSION,
    "review_stageclock": SUBMISSION,
    "review_score": (
        "(SELECT sub.event_id FROM review_scoresheet sh JOIN review_submission sub "
        "ON sub.id = sh.submission_id WHERE sh.id = R.sheet_id)"
    ),
    "review_audiencepoll": (
        "(SELECT r.event_id FROM review_specialaward a JOIN review_round r ON r.id = a.round_id "
        "WHERE a.id = R.award_id)"
    ),
}
#: Tables whose rows several events show: a write renews each event that shows the row.
SHARED = {
    "review_contestant": "(SELECT event_id FROM review_submission WHERE contestant_id = R.id)",
    "review_unit": (
        "(SELECT event_id FROM review_judge WHERE unit_id = R.id UNION "
        "SELECT sub.event_id FROM review_submission sub JOIN review_contestant c "
        "ON c.id = sub.contestant_id WHERE c.unit_id = R.id)"
    ),
}
OPS = ("insert", "update", "delete")
SQLITE_TOKEN = "lower(hex(randomblob(8)))"
POSTGRESQL_TOKEN = "replace(gen_random_uuid()::text, '-', '')"


def _rows(op):
    return {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}[op]


def _where(table, row):
    if table in SHARED:
        return f"event_id IN {SHARED[table].replace('R.', row + '.')}"
    return f"event_id = {EVENT_OF[table].replace('R.', row + '.')}"


def trigger_names(vendor):
    tables = [*EVENT_OF, *SHARED]
    if vendor == "sqlite":
        names = {f"{t}_version_{op}": t for t in tables for op in OPS}
        names.pop("review_event_version_delete")
        return names
    return {f"{t}_version": t for t in tables}


def sqlite_statements():
    statements = []
    for name, table in trigger_names("sqlite").items():
        op = name.rsplit("_", 1)[1]
        if table == "review_event" and op == "insert":
            body = (
                "INSERT OR IGNORE INTO review_eventversion (event_id, token) "
                f"VALUES (NEW.id, {SQLITE_TOKEN});"
            )
        else:
            body = " ".join(
                f"UPDATE review_eventversion SET token = {SQLITE_TOKEN} "
                f"WHERE {_where(table, row)};"
                for row in _rows(op)
            )
        statements.append(
            f"CREATE TRIGGER {name} AFTER {op.upper()} ON {table} BEGIN {body} END"
        )
    return statements


def postgresql_statements():
    statements = []
    for name, table in trigger_names("postgresql").items():
        if table == "review_event":
            body = (
                "IF TG_OP = 'INSERT' THEN INSERT INTO review_eventversion (event_id, token) "
                f"VALUES (NEW.id, {POSTGRESQL_TOKEN}) ON CONFLICT DO NOTHING; ELSE "
                f"UPDATE review_eventversion SET token = {POSTGRESQL_TOKEN} "
                f"WHERE {_where(table, 'NEW')}; END IF;"
            )
        else:
            body = (
                f"IF TG_OP <> 'INSERT' THEN UPDATE review_eventversion SET token = "
                f"{POSTGRESQL_TOKEN} WHERE {_where(table, 'OLD')}; END IF; "
                f"IF TG_OP <> 'DELETE' THEN UPDATE review_eventversion SET token = "
                f"{POSTGRESQL_TOKEN} WHERE {_where(table, 'NEW')}; END IF;"
            )
        ops = "INSERT OR UPDATE" if table == "review_event" else "INSERT OR UPDATE OR DELETE"
        statements += [
            f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN {body} RETURN NULL; END $$ "
            "LANGUAGE plpgsql",
            f"CREATE TRIGGER {name} AFTER {ops} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    return statements


def reverse_statements(vendor):
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in trigger_names(vendor)]
    return [
        statement
        for name, table in trigger_names(vendor).items()
        for statement in (
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        )
    ]


def run(schema_editor, index):
    vendor = schema_editor.connection.vendor
    forwards_ = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}
    if vendor not in forwards_:
        raise NotImplementedError(f"No data-version triggers for the {vendor} database.")
    statements = forwards_[vendor]() if index == 0 else reverse_statements(vendor)
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    token = SQLITE_TOKEN if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_TOKEN
    schema_editor.execute(
        f"INSERT INTO review_eventversion (event_id, token) SELECT id, {token} FROM review_event "
        "WHERE id NOT IN (SELECT event_id FROM review_eventversion)"
    )
    run(schema_editor, 0)


def backwards(apps, schema_editor):
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("review", "0021_vote_generated")]

    operations = [
        migrations.CreateModel(
            name="EventVersion",
            fields=[
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="data_version",
                        serialize=False,
                        to="review.event",
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
