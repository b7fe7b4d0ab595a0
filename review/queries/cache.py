"""What many clients poll is cached per event *version*: a random token that the database renews
in the same statement as any write to the event's data (migration 0022's triggers), so a cached
page is never served once its data changed — whatever wrote it, and whatever the cache lost,
kept or restored meanwhile. The cache is shared by every worker and app server.

The cache is an accelerator, never a place of record: when it fails (Redis down, a database
cache table locked), the value is computed as if nothing were cached and the request goes on.
"""

import logging

from django.core.cache import cache

from review.models import EventVersion

log = logging.getLogger(__name__)


def event_version(event_id: int) -> str | None:
    """The version token, read before the data it versions (so a page cached under it holds
    data at least that new)."""
    return EventVersion.objects.filter(pk=event_id).values_list("token", flat=True).first()


def cached(event_id: int, name: str, compute, timeout: int):
    """``compute()`` once per event version (and at most every ``timeout`` seconds)."""
    version = event_version(event_id)
    if version is None:  # no such event: nothing to share
        return compute()
    key = f"saima:event:{event_id}:v{version}:{name}"
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 — any cache failure: compute, never fail the request
        log.warning("cache read failed for %s", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:  # noqa: BLE001
            log.warning("cache write failed for %s", key, exc_info=True)
    return value
