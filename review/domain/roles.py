"""Who may do what in an event (``common.domain.roles``: organiser, operator, viewer; superusers
are organisers of every event). An operator may set the live statuses, not draft or published.
"""

from django.utils.translation import gettext_lazy

from common.domain import roles
from common.domain.roles import CAN, Can, RoleRefused  # noqa: F401 — the event's names for them
from review.domain.audit import record
from review.models import AuditEntry, Event, EventRole

_KINDS = {"granted": AuditEntry.Kind.ROLE_GRANTED, "removed": AuditEntry.Kind.ROLE_REMOVED}

EVENT = roles.Scope(
    role_model=EventRole,
    record=lambda event, actor, what, reason: record(event, actor, _KINDS[what], reason=reason),
    needs_organiser=gettext_lazy(
        "An event needs at least one organiser: name another organiser first."
    ),
)

#: Event statuses an operator may set; the others (draft, published) are the organiser's.
OPERATOR_STATUSES = frozenset({Event.Status.SCORING, Event.Status.CLOSED})


def role_of(user, event_id: int) -> str | None:
    """The user's role in the event, ``organiser`` for superusers, else ``None``."""
    return roles.role_in(user, EVENT, event_id)


def can(user, event_id: int, capability: Can) -> bool:
    return roles.can(user, EVENT, event_id, capability)


def may_set_status(user, event_id: int, status: str) -> bool:
    if can(user, event_id, Can.MANAGE):
        return True
    return status in OPERATOR_STATUSES and can(user, event_id, Can.RUN)


def staff_events(user) -> list[tuple[Event, str]]:
    """``(event, role)`` for each event the user has a role in (every event for superusers)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [(event, EventRole.Role.ORGANISER) for event in Event.objects.all()]
    roles = EventRole.objects.filter(user=user).select_related("event")
    return [(r.event, r.role) for r in roles]


def grant(event: Event, user, role: str, actor) -> bool:
    """Give ``user`` the role (replacing another one); ``False`` if they had it already."""
    return roles.grant(EVENT, event, user, role, actor)


def remove(event: Event, user, actor) -> bool:
    return roles.remove(EVENT, event, user, actor)


def create_account(event: Event, username: str, full_name: str, password: str, role: str, actor):
    """A new person for the event, with the role (``common.domain.roles.create_account``)."""
    return roles.create_account(EVENT, event, username, full_name, password, role, actor)
