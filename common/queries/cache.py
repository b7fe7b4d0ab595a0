"""What many clients poll is cached per *scope version*: a token that the database renews in the
same statement as any write to the scope's data (triggers; an event's are migration 0022 of
``review``), so a cached value is never served once its data changed — whatever wrote it, and
whatever the cache lost, kept or restored meanwhile. The cache is shared by every worker and app
server; a scope is ``"event:<id>"`` today, ``"season:<id>"`` next.

The cache is an accelerator, never a place of record: when it fails (Redis down, a database
cache table locked), the value is computed as if nothing were cached and the request goes on.
"""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def versioned(scope: str, version: str | None, name: str, compute, timeout: int):
    """``compute()`` once per ``version`` of ``scope`` (and at most every ``timeout`` seconds).

    ``version`` must be read before the data ``compute`` reads, so a value cached under it holds
    data at least that new; ``None`` (no such scope) computes without caching."""
    if version is None:
        return compute()
    key = f"saima:{scope}:v{version}:{name}"
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
