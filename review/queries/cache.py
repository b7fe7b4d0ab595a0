"""An event's pages are cached under the event's data version (``EventVersion.token``, renewed
by migration 0022's triggers on every write to the event's rows): ``common.queries.cache``."""

from common.queries.cache import versioned
from review.models import EventVersion


def event_version(event_id: int) -> str | None:
    """The version token, read before the data it versions."""
    return EventVersion.objects.filter(pk=event_id).values_list("token", flat=True).first()


def cached(event_id: int, name: str, compute, timeout: int):
    """``compute()`` once per event version (and at most every ``timeout`` seconds)."""
    return versioned(f"event:{event_id}", event_version(event_id), name, compute, timeout)
