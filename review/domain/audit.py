from review.models import AuditEntry


def record(event, actor, kind, **fields) -> AuditEntry:
    """Append to the event's audit log. ``actor`` may be anonymous (``None``)."""
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(event=event, actor=user, kind=kind, **fields)
