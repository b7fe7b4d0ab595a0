"""The database triggers every migration must leave in place, and a way to put them back.

SQLite drops a table's triggers when a migration rebuilds the table (any constraint or
nullability change does), so a migration that alters ``review_score``, ``review_scoresheet`` or
``review_criterion`` starts with :func:`drop` and ends with :func:`reinstall`. ``tests/test_migration_tree.py`` checks
``EXPECTED`` after every migration on both databases. (Django skips migration modules whose
names start with ``_``, so this one is only imported.)
"""

from importlib import import_module

SOURCES = ("review.migrations.0002_score_within_max", "review.migrations.0007_sheet_scores_text")
#: Triggers of later migrations: a migration after them that rebuilds a table passes
#: ``later=True`` to :func:`drop` and :func:`reinstall` (the data-version triggers of 0022 are on
#: almost every table).
LATER = ("review.migrations.0022_event_data_version",)

#: trigger name → table, per database
EXPECTED = {
    "sqlite": {
        "review_score_within_max_insert": "review_score",
        "review_score_within_max_update": "review_score",
        "review_criterion_max_covers_scores": "review_criterion",
        "review_score_text_insert": "review_score",
        "review_score_text_update": "review_score",
        "review_score_text_delete": "review_score",
        "review_scoresheet_text_insert": "review_scoresheet",
        "review_scoresheet_text_update": "review_scoresheet",
    },
    "postgresql": {
        "review_score_within_max": "review_score",
        "review_criterion_max_covers_scores": "review_criterion",
        "review_scoresheet_text": "review_scoresheet",
        "review_score_text": "review_score",
    },
}


def expected(vendor: str, migration: str) -> dict[str, str]:
    """The triggers the database has once ``migration`` (a name like ``0015_live_segment``) is
    the latest applied."""
    triggers = dict(EXPECTED[vendor])
    for source in LATER:
        if migration >= source.rsplit(".", 1)[1]:
            triggers.update(import_module(source).trigger_names(vendor))
    return triggers


def _sources(later: bool):
    return SOURCES + LATER if later else SOURCES


def drop(apps, schema_editor, later=False):
    """Before SQLite rebuilds those tables: a trigger naming a table that is being swapped for
    its rebuilt copy makes the rename fail. PostgreSQL keeps triggers through ALTER TABLE."""
    if schema_editor.connection.vendor == "sqlite":
        for source in _sources(later):
            import_module(source).run(schema_editor, 1)


def reinstall(apps, schema_editor, later=False):
    """Create again every trigger of migrations 0002 and 0007 (refreshing every sheet's text),
    and with ``later`` those of :data:`LATER`."""
    if schema_editor.connection.vendor == "sqlite":
        drop(apps, schema_editor, later)
        for source in _sources(later):
            import_module(source).run(schema_editor, 0)


def installed(connection) -> dict[str, str]:
    """The review triggers the database has now: name → table."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'review%%'"
            )
        else:
            cursor.execute(
                "SELECT tgname, relname FROM pg_trigger JOIN pg_class ON pg_class.oid = tgrelid "
                "WHERE NOT tgisinternal AND tgname LIKE 'review%%'"
            )
        return dict(cursor.fetchall())
