from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.exports.workbook import workbook_bytes
from review.management.events import find_event
from review.queries.audit import audit_entries
from review.queries.results import event_results


class Command(BaseCommand):
    help = "Write an event's results workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event code, id or exact name")
        parser.add_argument("out", type=Path, help="the .xlsx file to write")

    def handle(self, *args, event, out, **options):
        found = find_event(event)
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"The output file must end in .xlsx, not {out.name!r}.")
        out.write_bytes(workbook_bytes(event_results(found), audit_entries(found)))
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
