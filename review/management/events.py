from django.core.management.base import CommandError

from common.interfaces.params import id_param
from review.models import Event


def find_event(text: str) -> Event:
    """An event named on the command line by its code, id or exact name."""
    found = Event.objects.filter(code=text).first()
    if found is None and id_param(text):
        found = Event.objects.filter(pk=id_param(text)).first()
    if found is None:
        named = list(Event.objects.filter(name=text)[:2])
        if len(named) > 1:
            raise CommandError(f"Several events are named {text!r}; give the code or id.")
        found = named[0] if named else None
    if found is None:
        raise CommandError(f"No event {text!r} (give its code, id or name).")
    return found
