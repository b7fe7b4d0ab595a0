from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.imports import import_roster
from review.imports.roster import RosterInvalid
from review.management.events import find_event


class Command(BaseCommand):
    help = "Import criteria, contestants and judges from a roster workbook (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event code, id or exact name")
        parser.add_argument("file", type=Path, help="the roster .xlsx")
        parser.add_argument(
            "--round", type=int, default=None, help="the round's number (default: the first)"
        )

    def handle(self, *args, event, file, round, **options):
        found = find_event(event)
        round_ = found.rounds.filter(order=round).first() if round else None
        if round and round_ is None:
            raise CommandError(f"{found.name} has no round {round}.")
        if not file.is_file():
            raise CommandError(f"No file {str(file)!r}.")
        try:
            report = import_roster(found, file.read_bytes(), round_)
        except RosterInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(invalid.problems)} problem(s); nothing was imported."
            ) from None
        for sheet, new, updated, unchanged in report.rows():
            self.stdout.write(f"{sheet}: {new} new, {updated} updated, {unchanged} unchanged")
        for sheet, names in report.not_in_file.items():
            if names:
                self.stdout.write(
                    f"{sheet}: in the event but not in the file (kept): {'、'.join(names)}"
                )
