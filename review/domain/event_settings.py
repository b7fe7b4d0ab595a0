"""An event's own settings (name, venue, precision, live show…) and the scoring rule of a
single-panel round, changed by its organisers on the site: one audited step, refused for the
rules once results are published."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import AuditEntry, Event, Panel

#: What an organiser may change here; status and the stage have their own steps (domain.show).
FIELDS = (
    "name",
    "theme",
    "date",
    "venue",
    "organiser_unit",
    "precision",
    "live_show",
    "scoring_seconds",
    "judges_named_on_screen",
)
#: The panel's rule, when its round has one panel.
PANEL_FIELDS = ("aggregation", "trim")
#: Settings that change published numbers.
RULES = ("aggregation", "trim", "precision")


class SettingsRefused(Refused):
    pass


def _changes(obj, fields, values) -> list[str]:
    return [f for f in fields if f in values and getattr(obj, f) != values[f]]


def _summary(obj, fields, values) -> list[str]:
    return [
        f"{obj._meta.get_field(f).verbose_name}: {getattr(obj, f)} → {values[f]}" for f in fields
    ]


@transaction.atomic
def update_settings(event: Event, values: dict, actor, panel: Panel | None = None) -> list[str]:
    """Apply ``values`` (a subset of :data:`FIELDS`, and of :data:`PANEL_FIELDS` for ``panel``);
    the names of the fields that changed."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    changed = _changes(locked, FIELDS, values)
    if panel is not None:  # a fresh row: a bound form has already written into its instance
        panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_changed = _changes(panel, PANEL_FIELDS, values) if panel is not None else []
    if not changed and not panel_changed:
        return []
    if locked.status == Event.Status.PUBLISHED and set(changed + panel_changed) & set(RULES):
        raise SettingsRefused(
            _("The results are published; unpublish them before changing the scoring rule.")
        )
    summary = _summary(locked, changed, values)
    if panel_changed:
        summary += _summary(panel, panel_changed, values)
        for field in panel_changed:
            setattr(panel, field, values[field])
        panel.full_clean(exclude=["round"])
        panel.save(update_fields=panel_changed)
    for field in changed:
        setattr(locked, field, values[field])
    locked.full_clean(exclude=["code", "presenting", "status"])
    locked.save(update_fields=changed or None)
    record(locked, actor, AuditEntry.Kind.SETTINGS, reason="; ".join(summary)[:2000])
    return changed + panel_changed
