"""Every event so far becomes one round with one segment and one panel holding all its judges
(no seats: the round's first panel takes every judge not seated elsewhere). The panel gets the
event's scoring rule; criteria, appearances and sheets move under the round and segment. Results,
sheets, the audit log and QR logins are untouched (``tests/test_migration_tree.py``)."""

from django.db import migrations

ROUND, SEGMENT, PANEL = "第一轮", "述职", "评委"


def forward(apps, schema_editor):
    Event = apps.get_model("review", "Event")
    Round = apps.get_model("review", "Round")
    Segment = apps.get_model("review", "Segment")
    Panel = apps.get_model("review", "Panel")
    for event in Event.objects.all():
        round_ = Round.objects.create(event=event, order=1, name=ROUND)
        segment = Segment.objects.create(round=round_, order=1, name=SEGMENT)
        Panel.objects.create(
            round=round_,
            order=1,
            name=PANEL,
            aggregation=event.scoring_method,
            trim=event.trim_count,
        )
        apps.get_model("review", "Criterion").objects.filter(event=event).update(segment=segment)
        apps.get_model("review", "Submission").objects.filter(event=event).update(round=round_)
        apps.get_model("review", "ScoreSheet").objects.filter(submission__event=event).update(
            segment=segment
        )


def backward(apps, schema_editor):
    """Back to one rule per event: the first panel's (a sum has no flat counterpart: mean)."""
    Panel = apps.get_model("review", "Panel")
    for panel in Panel.objects.filter(round__order=1, order=1).select_related("round__event"):
        event = panel.round.event
        event.scoring_method = "mean" if panel.aggregation == "sum" else panel.aggregation
        event.trim_count = panel.trim
        event.save(update_fields=["scoring_method", "trim_count"])


class Migration(migrations.Migration):
    dependencies = [("review", "0011_contest_tree")]

    operations = [migrations.RunPython(forward, backward)]
