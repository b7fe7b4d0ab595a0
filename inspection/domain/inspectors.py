"""Inspectors: people of an inspecting unit, each with a QR code to log in on a phone (like a
judge's seat), and the one rule of where they may record problems."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from inspection.domain.audit import record
from inspection.models import Draw, InspectionEntry, Inspector, Pair
from season.models import Period, Subject

MAX_NAME = 60


class InspectorRefused(Refused):
    pass


@transaction.atomic
def add_inspector(season, unit: Subject, name: str, actor) -> Inspector:
    """A new account for ``name`` of ``unit``, with its QR code."""
    name = str(name).strip()[:MAX_NAME]
    if not name:
        raise InspectorRefused(_("An inspector needs a name."))
    if unit.season_id != season.pk:
        raise InspectorRefused(_("That unit is not in this season."))
    users = get_user_model()
    number = Inspector.objects.filter(season=season).count() + 1
    username = f"inspector-{season.pk}-{number}"
    while users.objects.filter(username=username).exists():
        number += 1
        username = f"inspector-{season.pk}-{number}"
    user = users.objects.create_user(username, first_name=name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    seat = Inspector.objects.create(season=season, unit=unit, user=user)
    record(season, actor, InspectionEntry.Kind.INSPECTOR, inspector=seat.pk, name=name,
           unit=unit.pk)  # fmt: skip
    issue_token(seat, actor)
    return seat


@transaction.atomic
def issue_token(seat: Inspector, actor) -> str:
    """A new QR code for the seat; the earlier one stops working."""
    seat.login_token = secrets.token_urlsafe(24)
    seat.token_issued_at = timezone.now()
    seat.save(update_fields=["login_token", "token_issued_at"])
    record(seat.season, actor, InspectionEntry.Kind.TOKEN, inspector=seat.pk)
    return seat.login_token


def seat_for_token(token: str) -> Inspector:
    seat = (Inspector.objects.select_related("season", "user", "unit")
            .filter(login_token=token).first() if token else None)  # fmt: skip
    if seat is None or not seat.user.is_active:
        raise InspectorRefused(_("This QR code is not valid: it was replaced or withdrawn. Ask "
                                 "the organiser for your current code."))  # fmt: skip
    return seat


def seat_of(user, season) -> Inspector | None:
    if not user.is_authenticated:
        return None
    return Inspector.objects.select_related("unit").filter(season=season, user=user).first()


def drawn_pairs(seat: Inspector):
    """The visits drawn for the seat's unit in the season's open periods."""
    return (Pair.objects.filter(inspector=seat.unit, draw__state=Draw.State.DRAWN,
                                draw__period__status=Period.Status.OPEN)
            .select_related("draw__period", "inspected__unit").order_by("draw__period__order",
                                                                          "order"))  # fmt: skip


def check_may_record(seat: Inspector, pair: Pair) -> None:
    """The one rule: an inspector records problems only at a unit drawn for their unit, in the
    live draw of an open period."""
    if pair.inspector_id != seat.unit_id:
        raise InspectorRefused(_("That unit was not drawn for your unit."))
    if pair.draw.state != Draw.State.DRAWN:
        raise InspectorRefused(_("That draw was replaced by a re-draw."))
    if pair.draw.period.status != Period.Status.OPEN:
        raise InspectorRefused(_("%(period)s is published: no more problems are recorded for it.")
                               % {"period": pair.draw.period.name})  # fmt: skip
