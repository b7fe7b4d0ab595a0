from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.exports.event import event_workbook
from review.management.events import find_event


class Command(BaseCommand):
    help = "Write an event's results workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event code, id or exact name")
        parser.add_argument("out", type=Path, help="the .xlsx file to write")

    def handle(self, *args, event, out, **options):
        found = find_event(event)
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"The output file must end in .xlsx, not {out.name!r}.")
        out.write_bytes(event_workbook(found))
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}"))
