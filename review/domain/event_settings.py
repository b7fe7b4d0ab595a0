"""An event's own settings (name, venue, scoring rule, precision, live show…), changed by its
organisers on the site: one audited step, refused for the rules once results are published."""

from django.db import transaction
from django.utils.translation import gettext as _

from review.domain.audit import record
from review.domain.errors import Refused
from review.models import AuditEntry, Event

#: What an organiser may change here; status and the stage have their own steps (domain.show).
FIELDS = (
    "name",
    "theme",
    "date",
    "venue",
    "organiser_unit",
    "scoring_method",
    "trim_count",
    "precision",
    "live_show",
    "scoring_seconds",
    "judges_named_on_screen",
)
#: Settings that change published numbers.
RULES = ("scoring_method", "trim_count", "precision")


class SettingsRefused(Refused):
    pass


@transaction.atomic
def update_settings(event: Event, values: dict, actor) -> list[str]:
    """Apply ``values`` (a subset of :data:`FIELDS`); the names of the fields that changed."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    changed = [f for f in FIELDS if f in values and getattr(locked, f) != values[f]]
    if not changed:
        return []
    if locked.status == Event.Status.PUBLISHED and set(changed) & set(RULES):
        raise SettingsRefused(
            _("The results are published; unpublish them before changing the scoring rule.")
        )
    summary = "; ".join(
        f"{Event._meta.get_field(f).verbose_name}: {getattr(locked, f)} → {values[f]}"
        for f in changed
    )
    for field in changed:
        setattr(locked, field, values[field])
    locked.full_clean(exclude=["code", "presenting", "status"])
    locked.save(update_fields=changed)
    record(locked, actor, AuditEntry.Kind.SETTINGS, reason=summary[:2000])
    return changed
