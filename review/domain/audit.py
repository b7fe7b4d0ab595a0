"""The event's audit log (``common.domain.audit``)."""

from common.domain.audit import append
from review.models import AuditEntry


def record(event, actor, kind, **fields) -> AuditEntry:
    """Append to the event's audit log. ``actor`` may be anonymous (``None``)."""
    return append(AuditEntry, "event", event, actor, kind, **fields)
