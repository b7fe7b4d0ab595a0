from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.exports.workbook import workbook_bytes
from review.models import Event
from review.queries.audit import audit_entries
from review.queries.results import event_results


class Command(BaseCommand):
    help = "Write an event's results workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event id, or its exact name")
        parser.add_argument("out", type=Path, help="the .xlsx file to write")

    def handle(self, *args, event, out, **options):
        lookup = {"pk": int(event)} if event.isdigit() else {"name": event}
        try:
            found = Event.objects.get(**lookup)
        except Event.DoesNotExist:
            raise CommandError(f"No event {event!r}.") from None
        except Event.MultipleObjectsReturned:
            raise CommandError(f"Several events are named {event!r}; give the id.") from None
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"The output file must end in .xlsx, not {out.name!r}.")
        out.write_bytes(workbook_bytes(event_results(found), audit_entries(found)))
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
