"""Each sheet carries its scores as text, ``criterion_id:value,…``, kept by the database.

The results of a big event are read from one row per sheet instead of one per score (a fifth
of the rows), which is what puts a 1,000-report ranking under half a second. The copy can
never drift from the scores: triggers rewrite it whenever a score is inserted, changed or
deleted, and whenever a sheet row is written (so a sheet saved from a stale Python object, or
loaded from a fixture, is corrected in the same statement). ``review.queries.sheet_scores``
reads it; tests check it against the score rows after every kind of write, on both databases.

On SQLite, a migration that rebuilds ``review_score`` or ``review_scoresheet`` drops these
triggers with the table; the tests of ``review.queries.sheet_scores`` would then fail.
"""

from django.db import migrations, models

SQLITE_TEXT = """(SELECT coalesce(group_concat(s.criterion_id || ':' || s.value, ','), '')
                  FROM review_score s WHERE s.sheet_id = {sheet})"""


def sqlite_refresh(sheet: str) -> str:
    return (
        f"UPDATE review_scoresheet SET scores_text = {SQLITE_TEXT.format(sheet='review_scoresheet.id')} "
        f"WHERE id = {sheet};"
    )


SQLITE = [
    f"""CREATE TRIGGER review_score_text_insert AFTER INSERT ON review_score
    BEGIN {sqlite_refresh("NEW.sheet_id")} END""",
    f"""CREATE TRIGGER review_score_text_update AFTER UPDATE ON review_score
    BEGIN {sqlite_refresh("NEW.sheet_id")} {sqlite_refresh("OLD.sheet_id")} END""",
    f"""CREATE TRIGGER review_score_text_delete AFTER DELETE ON review_score
    BEGIN {sqlite_refresh("OLD.sheet_id")} END""",
    # A sheet row written with another text (a stale object's save, a fixture) is corrected.
    # SQLite does not let a trigger fire itself again, so the correction does not loop.
    f"""CREATE TRIGGER review_scoresheet_text_insert AFTER INSERT ON review_scoresheet
    WHEN NEW.scores_text IS NOT {SQLITE_TEXT.format(sheet="NEW.id")}
    BEGIN {sqlite_refresh("NEW.id")} END""",
    f"""CREATE TRIGGER review_scoresheet_text_update AFTER UPDATE ON review_scoresheet
    WHEN NEW.scores_text IS NOT {SQLITE_TEXT.format(sheet="NEW.id")}
    BEGIN {sqlite_refresh("NEW.id")} END""",
    f"UPDATE review_scoresheet SET scores_text = {SQLITE_TEXT.format(sheet='review_scoresheet.id')}",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "review_score_text_insert",
        "review_score_text_update",
        "review_score_text_delete",
        "review_scoresheet_text_insert",
        "review_scoresheet_text_update",
    )
]

POSTGRESQL = [
    """
    CREATE FUNCTION review_sheet_scores_text(sheet bigint) RETURNS text AS $$
        SELECT coalesce(string_agg(criterion_id || ':' || value, ','), '')
        FROM review_score WHERE sheet_id = sheet
    $$ LANGUAGE sql STABLE
    """,
    """
    CREATE FUNCTION review_scoresheet_text() RETURNS trigger AS $$
    BEGIN
        NEW.scores_text := review_sheet_scores_text(NEW.id);
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER review_scoresheet_text BEFORE INSERT OR UPDATE ON review_scoresheet
    FOR EACH ROW EXECUTE FUNCTION review_scoresheet_text()
    """,
    # Touching the sheet row is enough: its BEFORE trigger recomputes the text.
    """
    CREATE FUNCTION review_score_text() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE review_scoresheet SET scores_text = '' WHERE id = OLD.sheet_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            UPDATE review_scoresheet SET scores_text = '' WHERE id = NEW.sheet_id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER review_score_text AFTER INSERT OR UPDATE OR DELETE ON review_score
    FOR EACH ROW EXECUTE FUNCTION review_score_text()
    """,
    "UPDATE review_scoresheet SET scores_text = ''",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS review_score_text ON review_score",
    "DROP FUNCTION IF EXISTS review_score_text()",
    "DROP TRIGGER IF EXISTS review_scoresheet_text ON review_scoresheet",
    "DROP FUNCTION IF EXISTS review_scoresheet_text()",
    "DROP FUNCTION IF EXISTS review_sheet_scores_text(bigint)",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def run(schema_editor, index):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No sheet-text triggers for the {vendor} database.")
    for statement in STATEMENTS[vendor][index]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    run(schema_editor, 0)


def backwards(apps, schema_editor):
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("review", "0006_cache_table")]
    operations = [
        migrations.AddField(
            model_name="scoresheet",
            name="scores_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="criterion_id:value,… of this sheet's scores, kept by database triggers.",
                verbose_name="scores as text",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
