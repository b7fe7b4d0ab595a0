"""Who may do what in an event: each event has its own people, with one role each.

- organiser: everything for the event — set-up, roster, people, the live show, corrections,
  publishing, results and the workbook.
- operator: runs the live show (stage, open/close/reveal, QR cards, scoring and closed
  status) and reads results; cannot change set-up, rules, people, sheets, or publish.
- viewer: leadership — reads the ranking before publication, the audit log and the workbook.

Superusers may do everything in every event. A staff flag alone gives nothing in an event.
"""

from enum import StrEnum

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import AuditEntry, Event, EventRole


class Can(StrEnum):
    VIEW = "view"  # unpublished ranking, audit log, workbook
    RUN = "run"  # the live show and its status steps, QR cards
    MANAGE = "manage"  # set-up, roster, people, corrections, publishing


CAN: dict[str, frozenset[Can]] = {
    EventRole.Role.ORGANISER: frozenset(Can),
    EventRole.Role.OPERATOR: frozenset({Can.VIEW, Can.RUN}),
    EventRole.Role.VIEWER: frozenset({Can.VIEW}),
}

#: Event statuses an operator may set; the others (draft, published) are the organiser's.
OPERATOR_STATUSES = frozenset({Event.Status.SCORING, Event.Status.CLOSED})


class RoleRefused(Refused):
    pass


def role_of(user, event_id: int) -> str | None:
    """The user's role in the event, ``organiser`` for superusers, else ``None``."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return EventRole.Role.ORGANISER
    cache = user.__dict__.setdefault("_saima_roles", {})
    if event_id not in cache:
        cache[event_id] = (
            EventRole.objects.filter(event_id=event_id, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[event_id]


def can(user, event_id: int, capability: Can) -> bool:
    role = role_of(user, event_id)
    return role is not None and capability in CAN[role]


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


@transaction.atomic
def grant(event: Event, user, role: str, actor) -> bool:
    """Give ``user`` the role (replacing another one); ``False`` if they had it already."""
    if role not in EventRole.Role.values:
        raise RoleRefused(_("Unknown role."))
    current = EventRole.objects.select_for_update().filter(event=event, user=user).first()
    if current is not None and current.role == role:
        return False
    if current is not None and current.role == EventRole.Role.ORGANISER:
        _keep_an_organiser(event, current)
    EventRole.objects.update_or_create(event=event, user=user, defaults={"role": role})
    record(
        event,
        actor,
        AuditEntry.Kind.ROLE_GRANTED,
        reason=f"{user.get_username()}: {EventRole.Role(role).label}",
    )
    return True


@transaction.atomic
def remove(event: Event, user, actor) -> bool:
    current = EventRole.objects.select_for_update().filter(event=event, user=user).first()
    if current is None:
        return False
    if current.role == EventRole.Role.ORGANISER:
        _keep_an_organiser(event, current)
    current.delete()
    record(event, actor, AuditEntry.Kind.ROLE_REMOVED, reason=user.get_username())
    return True


def _keep_an_organiser(event: Event, leaving: EventRole) -> None:
    others = EventRole.objects.filter(event=event, role=EventRole.Role.ORGANISER).exclude(
        pk=leaving.pk
    )
    if not others.exists():
        raise RoleRefused(_("An event needs at least one organiser: name another organiser first."))


@transaction.atomic
def create_account(event: Event, username: str, full_name: str, password: str, role: str, actor):
    """A new person for the event — a leadership viewer, say — without the Django admin: an
    account with the password the organiser hands over, and the role, both audited."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    users = get_user_model()
    username = username.strip()
    if not username or len(username) > 150:
        raise RoleRefused(_("Give a user name of at most 150 characters."))
    if users.objects.filter(username=username).exists():
        raise RoleRefused(
            _("The account “%(name)s” exists already: give it a role instead.") % {"name": username}
        )
    user = users(username=username, first_name=full_name.strip()[:150])
    try:
        validate_password(password, user)
    except ValidationError as invalid:
        raise RoleRefused(" ".join(invalid.messages)) from None
    user.set_password(password)
    user.save()
    record(event, actor, AuditEntry.Kind.ROLE_GRANTED, reason=_("account created: %(u)s") % {
        "u": username})  # fmt: skip
    grant(event, user, role, actor)
    return user
