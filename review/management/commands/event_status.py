"""Change an event's status from the command line, through the same step as the control room."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from review.domain.show import ShowRefused, set_event_status
from review.management.events import find_event
from review.models import Event


class Command(BaseCommand):
    help = "Set an event's status (draft, scoring, closed, published): checked and audited."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event code, id or name")
        parser.add_argument("status", choices=Event.Status.values)
        parser.add_argument("--as", dest="username", help="the user recorded in the audit log")

    def handle(self, *args, event, status, username, **options):
        event = find_event(event)
        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user named {username!r}.")
        try:
            changed = set_event_status(event, status, actor)
        except ShowRefused as refused:
            raise CommandError(str(refused.message)) from None
        label = Event.Status(status).label
        self.stdout.write(f"{event.name}: {'now' if changed else 'already'} {label}.")
