"""What many clients poll is cached per event *version*; any change to the event's data sets a
new version (after commit, see ``review.signals``), so a cached page is never served once its
data changed. The cache is shared by every worker and app server.

A version is a random token, not a counter: if the cache evicts it, the next one is new too,
so entries cached under an older version can never be served again.
"""

import secrets

from django.core.cache import cache

VERSION_TTL = 24 * 3600


def version_key(event_id: int) -> str:
    return f"saima:event:{event_id}:version"


def new_version() -> str:
    return secrets.token_hex(8)


def event_version(event_id: int) -> str:
    key = version_key(event_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, new_version(), VERSION_TTL)  # the first of racing workers wins
        version = cache.get(key)
    return version


def bump(event_id: int) -> None:
    cache.set(version_key(event_id), new_version(), VERSION_TTL)


def cached(event_id: int, name: str, compute, timeout: int):
    """``compute()`` once per event version (and at most every ``timeout`` seconds)."""
    key = f"saima:event:{event_id}:v{event_version(event_id)}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
