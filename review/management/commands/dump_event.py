"""Write one whole event as a fixture with natural keys; ``loaddata`` reads it back, into this
database (updating what is there) or another one."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.base import BaseCommand

from common.models import Contestant, Unit
from review.management.events import find_event
from review.models import (
    Appearance,
    AuditEntry,
    Criterion,
    Event,
    Judge,
    Panel,
    PanelSeat,
    Recusal,
    Round,
    Score,
    ScoreSheet,
    Segment,
    TieBreakRule,
)

USER_FIELDS = ("username", "first_name", "last_name", "is_active")  # never password hashes


def event_objects(event: Event):
    """The event's rows, each model after the ones it refers to."""
    appearances = Appearance.objects.filter(event=event).select_related(
        "contestant__unit", "round__event"
    )
    judges = Judge.objects.filter(event=event).select_related("user", "unit", "event")
    contestant_ids = {s.contestant_id for s in appearances}
    unit_ids = {s.contestant.unit_id for s in appearances} | {
        j.unit_id for j in judges if j.unit_id
    }
    users = get_user_model().objects.filter(pk__in={j.user_id for j in judges})
    return [
        (Unit.objects.filter(pk__in=unit_ids), None),
        (users, USER_FIELDS),
        (Event.objects.filter(pk=event.pk), None),
        (Round.objects.filter(event=event).select_related("event"), None),
        (Segment.objects.filter(round__event=event).select_related("round__event"), None),
        (Panel.objects.filter(round__event=event).select_related("round__event"), None),
        (Criterion.objects.filter(event=event).select_related("event", "segment__round__event"),
         None),
        (TieBreakRule.objects.filter(event=event), None),
        (Contestant.objects.filter(pk__in=contestant_ids).select_related("unit"), None),
        (appearances, None),
        (judges, None),
        (PanelSeat.objects.filter(judge__event=event).select_related(
            "panel__round__event", "judge__user", "judge__event"), None),
        (Recusal.objects.filter(judge__event=event).select_related("judge__user", "judge__event",
                                                                  "contestant__unit"), None),
        (ScoreSheet.objects.filter(appearance__event=event).select_related(
            "judge__user", "judge__event", "appearance__contestant__unit",
            "segment__round__event"), None),
        (Score.objects.filter(sheet__appearance__event=event).select_related(
            "sheet__judge__user", "sheet__judge__event", "sheet__appearance__contestant__unit",
            "sheet__segment__round__event", "criterion"), None),
        (AuditEntry.objects.filter(event=event), None),
    ]  # fmt: skip


def dump(event: Event) -> str:
    parts = []
    for queryset, fields in event_objects(event):
        text = serializers.serialize(
            "json",
            queryset,
            fields=fields,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            indent=1,
            ensure_ascii=False,
        )
        parts.append(text.strip()[1:-1].strip())
    return "[\n" + ",\n".join(p for p in parts if p) + "\n]\n"


class Command(BaseCommand):
    help = "Write one event (set-up, judges, sheets, scores, audit log) as a natural-key fixture."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event code, id or exact name")
        parser.add_argument("out", type=Path, help="the .json file to write")

    def handle(self, *args, event, out, **options):
        found = find_event(event)
        out.write_text(dump(found), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
