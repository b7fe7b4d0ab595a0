"""The table behind the shared database cache (a no-op when the cache is Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("review", "0005_score_criterion_restrict")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
