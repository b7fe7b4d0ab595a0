from review.models import AuditEntry, Event


def audit_entries(event: Event):
    """The event's audit log, oldest first, with everything a row shows."""
    return AuditEntry.objects.filter(event=event).select_related(
        "actor", "judge", "appearance__contestant", "criterion"
    )
