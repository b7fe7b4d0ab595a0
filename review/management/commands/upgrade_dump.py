"""Rewrite an event dump made by an older Saima (``review.unit``, ``review.submission`` …) under
today's model names, so that ``loaddata`` reads it."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.imports.old_dumps import upgraded


class Command(BaseCommand):
    help = "Rewrite an event dump from before units, people and appearances were renamed."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("target", type=Path)

    def handle(self, *args, source, target, **options):
        try:
            objects = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{source}: not a JSON event dump ({error})") from error
        if not isinstance(objects, list) or not all(isinstance(o, dict) for o in objects):
            raise CommandError(f"{source}: not a JSON event dump (a list of objects)")
        result, changed = upgraded(objects)
        target.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"{changed} of {len(objects)} objects renamed; written to {target}")
