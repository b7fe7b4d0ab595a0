"""One name per thing: a 述职 on stage in one round is an *appearance* (the model was called
Submission). Django's state only: the table is still ``review_submission`` and every foreign key
column still ``submission_id``, so rows, constraints and triggers are untouched."""

import django.db.models.deletion
from django.db import migrations, models

FOREIGN_KEYS = ["scoresheet", "auditentry", "nomination", "awardpick", "frozenaward",
                "stageclock", "adjustment", "audiencevote"]


class Migration(migrations.Migration):
    dependencies = [("review", "0024_units_and_people_in_common")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel("Submission", "Appearance"),
                migrations.AlterModelTable("appearance", "review_submission"),
                *[migrations.RenameField(m, "submission", "appearance") for m in FOREIGN_KEYS],
                # what the autodetector still finds different: names and constraints that
                # refer to the renamed fields — the same columns in the database
                migrations.AlterModelOptions(
                    name='adjustment',
                    options={'ordering': ['rule_id', 'appearance_id'], 'verbose_name': 'adjustment', 'verbose_name_plural': 'adjustments'},
                ),
                migrations.AlterModelOptions(
                    name='appearance',
                    options={'ordering': ['event_id', 'round_id', 'order'], 'verbose_name': 'appearance', 'verbose_name_plural': 'appearances'},
                ),
                migrations.AlterModelOptions(
                    name='scoresheet',
                    options={'ordering': ['appearance', 'judge'], 'verbose_name': 'score sheet', 'verbose_name_plural': 'score sheets'},
                ),
                migrations.RemoveConstraint(
                    model_name='adjustment',
                    name='adjustment_once_per_rule',
                ),
                migrations.RemoveConstraint(
                    model_name='scoresheet',
                    name='sheet_once_per_judge',
                ),
                migrations.RemoveConstraint(
                    model_name='stageclock',
                    name='clock_once_per_part',
                ),
                migrations.AlterField(
                    model_name='adjustment',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='adjustments', to='review.appearance'),
                ),
                migrations.AlterField(
                    model_name='appearance',
                    name='contestant',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appearances', to='common.contestant', verbose_name='contestant'),
                ),
                migrations.AlterField(
                    model_name='appearance',
                    name='event',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appearances', to='review.event', verbose_name='event'),
                ),
                migrations.AlterField(
                    model_name='audiencevote',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='review.appearance'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='appearance',
                    field=models.ForeignKey(blank=True, db_column='submission_id', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AlterField(
                    model_name='awardpick',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AlterField(
                    model_name='frozenaward',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AlterField(
                    model_name='nomination',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AlterField(
                    model_name='scoresheet',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='sheets', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AlterField(
                    model_name='stageclock',
                    name='appearance',
                    field=models.ForeignKey(db_column='submission_id', on_delete=django.db.models.deletion.CASCADE, related_name='clocks', to='review.appearance', verbose_name='appearance'),
                ),
                migrations.AddConstraint(
                    model_name='adjustment',
                    constraint=models.UniqueConstraint(fields=('rule', 'appearance'), name='adjustment_once_per_rule'),
                ),
                migrations.AddConstraint(
                    model_name='scoresheet',
                    constraint=models.UniqueConstraint(fields=('judge', 'appearance', 'segment'), name='sheet_once_per_judge'),
                ),
                migrations.AddConstraint(
                    model_name='stageclock',
                    constraint=models.UniqueConstraint(fields=('appearance', 'segment'), name='clock_once_per_part'),
                ),
    
            ],
            database_operations=[],
        ),
    ]
