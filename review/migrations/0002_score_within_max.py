"""Database guard: a score never exceeds its criterion's maximum.

A CHECK constraint cannot read another table, so triggers do it: on inserting or updating a
score, and on lowering a criterion's maximum below a score already given.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER review_score_within_max_insert BEFORE INSERT ON review_score
    WHEN NEW.value > (SELECT max_score FROM review_criterion WHERE id = NEW.criterion_id)
    BEGIN SELECT RAISE(ABORT, 'score exceeds the criterion maximum'); END
    """,
    """
    CREATE TRIGGER review_score_within_max_update BEFORE UPDATE OF value, criterion_id
    ON review_score
    WHEN NEW.value > (SELECT max_score FROM review_criterion WHERE id = NEW.criterion_id)
    BEGIN SELECT RAISE(ABORT, 'score exceeds the criterion maximum'); END
    """,
    """
    CREATE TRIGGER review_criterion_max_covers_scores BEFORE UPDATE OF max_score
    ON review_criterion
    WHEN EXISTS (SELECT 1 FROM review_score WHERE criterion_id = NEW.id AND value > NEW.max_score)
    BEGIN SELECT RAISE(ABORT, 'scores already given exceed the new maximum'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS review_score_within_max_insert",
    "DROP TRIGGER IF EXISTS review_score_within_max_update",
    "DROP TRIGGER IF EXISTS review_criterion_max_covers_scores",
]

POSTGRESQL = [
    """
    CREATE FUNCTION review_score_within_max() RETURNS trigger AS $$
    BEGIN
        IF NEW.value > (SELECT max_score FROM review_criterion WHERE id = NEW.criterion_id) THEN
            RAISE EXCEPTION 'score exceeds the criterion maximum' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER review_score_within_max BEFORE INSERT OR UPDATE OF value, criterion_id
    ON review_score FOR EACH ROW EXECUTE FUNCTION review_score_within_max()
    """,
    """
    CREATE FUNCTION review_criterion_max_covers_scores() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM review_score
                   WHERE criterion_id = NEW.id AND value > NEW.max_score) THEN
            RAISE EXCEPTION 'scores already given exceed the new maximum'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER review_criterion_max_covers_scores BEFORE UPDATE OF max_score
    ON review_criterion FOR EACH ROW EXECUTE FUNCTION review_criterion_max_covers_scores()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS review_score_within_max ON review_score",
    "DROP FUNCTION IF EXISTS review_score_within_max()",
    "DROP TRIGGER IF EXISTS review_criterion_max_covers_scores ON review_criterion",
    "DROP FUNCTION IF EXISTS review_criterion_max_covers_scores()",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def run(schema_editor, index):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No score-range triggers for the {vendor} database.")
    for statement in STATEMENTS[vendor][index]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    run(schema_editor, 0)


def backwards(apps, schema_editor):
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
