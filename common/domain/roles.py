"""Who may do what in an owner — an event today, a season next. Each owner has its own people,
with one role each:

- organiser: everything for the owner — set-up, people, corrections, publishing.
- operator: runs it (the live show; data entry in a season) and reads everything; cannot change
  set-up, rules or people, nor publish.
- viewer: leadership — reads what is not yet published, the audit log and the workbooks.

Superusers are organisers of every owner. A staff flag alone gives nothing in an owner.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from common.models import Role


class Can(StrEnum):
    VIEW = "view"  # what is not yet published, the audit log, workbooks
    RUN = "run"  # the live work: the show and its steps, QR cards, data entry
    MANAGE = "manage"  # set-up, people, corrections, publishing


CAN: dict[str, frozenset[Can]] = {
    Role.ORGANISER: frozenset(Can),
    Role.OPERATOR: frozenset({Can.VIEW, Can.RUN}),
    Role.VIEWER: frozenset({Can.VIEW}),
}


class RoleRefused(Refused):
    pass


@dataclass(frozen=True)
class Scope:
    """How one kind of owner keeps its people: its ``ScopedRole`` model (whose ``OWNER`` names
    the owner's foreign key) and its audit log (``record(owner, actor, what, reason)``, where
    ``what`` is ``"granted"`` or ``"removed"``)."""

    role_model: type[models.Model]
    record: Callable[..., object]
    needs_organiser: str  # the refusal when the last organiser would go

    @property
    def owner(self) -> str:
        return self.role_model.OWNER


def role_in(user, scope: Scope, owner_id: int) -> str | None:
    """The user's role in the owner, ``organiser`` for superusers, else ``None`` (remembered
    on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ORGANISER
    cache = user.__dict__.setdefault("_saima_roles", {})
    key = (scope.owner, owner_id)
    if key not in cache:
        cache[key] = (
            scope.role_model.objects.filter(**{f"{scope.owner}_id": owner_id}, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[key]


def can(user, scope: Scope, owner_id: int, capability: Can) -> bool:
    role = role_in(user, scope, owner_id)
    return role is not None and capability in CAN[role]


@transaction.atomic
def grant(scope: Scope, owner, user, role: str, actor) -> bool:
    """Give ``user`` the role (replacing another one); ``False`` if they had it already."""
    if role not in Role.values:
        raise RoleRefused(_("Unknown role."))
    mine = {scope.owner: owner, "user": user}
    current = scope.role_model.objects.select_for_update().filter(**mine).first()
    if current is not None and current.role == role:
        return False
    if current is not None and current.role == Role.ORGANISER:
        _keep_an_organiser(scope, owner, current)
    scope.role_model.objects.update_or_create(**mine, defaults={"role": role})
    scope.record(owner, actor, "granted", f"{user.get_username()}: {Role(role).label}")
    return True


@transaction.atomic
def remove(scope: Scope, owner, user, actor) -> bool:
    mine = {scope.owner: owner, "user": user}
    current = scope.role_model.objects.select_for_update().filter(**mine).first()
    if current is None:
        return False
    if current.role == Role.ORGANISER:
        _keep_an_organiser(scope, owner, current)
    current.delete()
    scope.record(owner, actor, "removed", user.get_username())
    return True


def _keep_an_organiser(scope: Scope, owner, leaving) -> None:
    organisers = scope.role_model.objects.filter(**{scope.owner: owner}, role=Role.ORGANISER)
    if not organisers.exclude(pk=leaving.pk).exists():
        raise RoleRefused(scope.needs_organiser)


@transaction.atomic
def create_account(scope: Scope, owner, username: str, full_name: str, password: str, role, actor):
    """A new person for the owner — a leadership viewer, say — without the Django admin: an
    account with the password the organiser hands over, and the role, both audited."""
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
    scope.record(owner, actor, "granted", _("account created: %(u)s") % {"u": username})
    grant(scope, owner, user, role, actor)
    return user
