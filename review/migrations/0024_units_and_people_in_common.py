"""The contest's foreign keys point at common's Unit and Contestant (common 0001). Nothing in the
database changes — the tables, their rows, constraints and triggers stay — except the content
types, which follow the models so their permissions keep their rows."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("unit", "contestant")


def content_types_to(app_label, from_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label=from_label, model__in=MOVED
        ).update(app_label=app_label)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_units_and_people"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("review", "0023_ticket_miss"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="submission",
                    name="contestant",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="submissions", to="common.contestant", verbose_name="contestant"),
                ),
                migrations.AlterField(
                    model_name="recusal",
                    name="contestant",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="recusals", to="common.contestant", verbose_name="contestant"),
                ),
                migrations.AlterField(
                    model_name="judge",
                    name="unit",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="judges", to="common.unit", verbose_name="unit"),
                ),
                migrations.DeleteModel(name="Contestant"),
                migrations.DeleteModel(name="Unit"),
            ],
            database_operations=[
                migrations.RunPython(
                    content_types_to("common", "review"), content_types_to("review", "common")
                ),
            ],
        ),
    ]
