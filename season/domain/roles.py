"""A season's people: the roles every owner gives (``common.domain.roles``), scoped to it."""

from django.utils.translation import gettext_lazy

from common.domain import roles
from season.domain.audit import record
from season.models import SeasonEntry, SeasonRole

_KINDS = {"granted": SeasonEntry.Kind.ROLE_GRANTED, "removed": SeasonEntry.Kind.ROLE_REMOVED}

SEASON = roles.Scope(
    role_model=SeasonRole,
    record=lambda season, actor, what, reason: record(season, actor, _KINDS[what], reason=reason),
    needs_organiser=gettext_lazy("A season keeps at least one organiser."),
)
