"""Event.code, the event's natural key: added empty, filled per row, then made unique."""

from django.db import migrations, models

import review.models


def fill_codes(apps, schema_editor):
    Event = apps.get_model("review", "Event")
    for event in Event.objects.filter(code__isnull=True):
        event.code = f"event-{event.pk}"
        event.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("review", "0003_live_show")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="code",
            field=models.SlugField(max_length=50, null=True, db_index=False),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="code",
            field=models.SlugField(
                default=review.models.new_event_code,
                help_text="A short unique name used by imports and exports, e.g. ningbo-2022.",
                max_length=50,
                unique=True,
                verbose_name="code",
            ),
        ),
    ]
