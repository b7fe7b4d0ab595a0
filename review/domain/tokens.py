"""QR-code login for judges: one random code per judge seat, revocable and regenerable,
valid only while its event is in draft or scoring."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import AuditEntry, Event, Judge

LIVE_STATUSES = (Event.Status.DRAFT, Event.Status.SCORING)


class TokenRefused(Refused):
    pass


@transaction.atomic
def issue_token(judge: Judge, actor) -> str:
    """A new code for the seat; any earlier code stops working."""
    if judge.user.is_staff:
        raise TokenRefused(_("Organiser accounts cannot log in by QR code."))
    judge.login_token = secrets.token_urlsafe(24)
    judge.token_issued_at = timezone.now()
    judge.save(update_fields=["login_token", "token_issued_at"])
    record(judge.event, actor, AuditEntry.Kind.TOKEN_ISSUED, judge=judge)
    return judge.login_token


@transaction.atomic
def revoke_token(judge: Judge, actor) -> bool:
    if judge.login_token is None:
        return False
    judge.login_token = None
    judge.save(update_fields=["login_token"])
    record(judge.event, actor, AuditEntry.Kind.TOKEN_REVOKED, judge=judge)
    return True


@transaction.atomic
def issue_missing_tokens(event: Event, actor) -> int:
    """A code for each seat that never had one (judges' accounts only)."""
    seats = Judge.objects.filter(event=event, token_issued_at__isnull=True, user__is_staff=False)
    issued = 0
    for judge in seats.select_related("user", "event"):
        issue_token(judge, actor)
        issued += 1
    return issued


def token_digest(token: str) -> str:
    """What a session keeps of the code it was opened with: enough to notice a new code."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def judge_for_token(token: str) -> Judge:
    judge = (
        Judge.objects.select_related("event", "user").filter(login_token=token).first()
        if token
        else None
    )
    if judge is None:
        raise TokenRefused(
            _(
                "This QR code is not valid: it was replaced or withdrawn. Ask the organiser for "
                "your current code."
            )
        )
    if judge.event.status not in LIVE_STATUSES:
        raise TokenRefused(
            _("%(event)s has ended; its QR codes no longer work.") % {"event": judge.event.name}
        )
    if not judge.user.is_active or judge.user.is_staff:
        raise TokenRefused(_("This account cannot log in by QR code."))
    return judge
