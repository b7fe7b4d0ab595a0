"""The client's address, as far as it can be trusted: the peer's, or — behind ``TRUSTED_PROXIES``
proxies that each append the address they received from (nginx: ``X-Forwarded-For
$proxy_add_x_forwarded_for``, or ``$remote_addr``) — the entry that many places from the right
of ``X-Forwarded-For``. Entries further left were written by the client and are never read, so a
phone cannot choose its own address; a header that is not an address gives none at all.

Used by the audience vote's per-address limit and by the login lockout (django-axes)."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address, or ``None`` when the headers do not give one."""
    chain = [request.META.get("REMOTE_ADDR", "")]
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        chain = [part.strip() for part in forwarded.split(",") if part.strip()] + chain
        if len(chain) <= proxies:
            return None
        chain = chain[: len(chain) - proxies]
    try:
        return str(ipaddress.ip_address(chain[-1]))
    except ValueError:
        return None


def login_address(request) -> str | None:
    """For the login lockout (keyed by user name *and* this): the peer when nothing better."""
    meta = getattr(request, "META", None) or {}
    if not meta:
        return None
    return client_address(request) or meta.get("REMOTE_ADDR") or None
