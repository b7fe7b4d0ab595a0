"""What many clients poll is cached per event *version*; any change to the event's data bumps
the version (after commit, see ``review.signals``), so a cached page is never served once its
data changed. The cache is shared by every worker and app server."""

from django.core.cache import cache

VERSION_TTL = 24 * 3600


def version_key(event_id: int) -> str:
    return f"saima:event:{event_id}:version"


def event_version(event_id: int) -> int:
    return cache.get_or_set(version_key(event_id), 1, VERSION_TTL)


def bump(event_id: int) -> None:
    try:
        cache.incr(version_key(event_id))
    except ValueError:  # not cached yet (or evicted): any new value invalidates
        cache.set(version_key(event_id), event_version(event_id) + 1, VERSION_TTL)


def cached(event_id: int, name: str, compute, timeout: int):
    """``compute()`` once per event version (and at most every ``timeout`` seconds)."""
    key = f"saima:event:{event_id}:v{event_version(event_id)}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
