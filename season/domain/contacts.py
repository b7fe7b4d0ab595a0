"""Which account is a subject's contact: the one person besides the season's people who sees
that subject's own scorecard (and the periods the organiser published)."""

from django.db import transaction

from season.domain.audit import record
from season.models import SeasonEntry, Subject


@transaction.atomic
def set_contact(subject: Subject, user, actor) -> None:
    subject = Subject.objects.select_for_update().get(pk=subject.pk)
    if subject.contact_id == (user.pk if user else None):
        return
    subject.contact = user
    subject.save(update_fields=["contact"])
    record(
        subject.season,
        actor,
        SeasonEntry.Kind.CONTACT,
        reason=f"{subject.name}: {user.get_username() if user else '—'}",
    )
