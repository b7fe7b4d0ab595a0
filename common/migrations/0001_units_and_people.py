"""Units and contestants move from the contest app to common. Their tables stay where the
contest app made them (``review_unit``, ``review_contestant``), with every row, trigger and
constraint: this migration changes only Django's idea of which app owns them (review's 0024
points the contest's foreign keys here)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The tables are the contest app's, made by its migrations up to 0023: on a new database
    # they must exist before any app points a foreign key at them (PostgreSQL checks; SQLite
    # does not).
    dependencies = [("review", "0023_ticket_miss")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Unit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=200, unique=True, verbose_name="name"),
                        ),
                    ],
                    options={
                        "verbose_name": "unit",
                        "verbose_name_plural": "units",
                        "db_table": "review_unit",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Contestant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("post", models.CharField(blank=True, max_length=100, verbose_name="post")),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="contestants",
                                to="common.unit",
                                verbose_name="unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "contestant",
                        "verbose_name_plural": "contestants",
                        "db_table": "review_contestant",
                        "ordering": ["name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("name", "unit"), name="contestant_unique_in_unit"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
