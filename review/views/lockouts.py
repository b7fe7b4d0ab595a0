"""Locked-out logins (django-axes) of an event's people, and unlocking them."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from review.domain.audit import record
from review.domain.roles import Can
from review.models import AuditEntry, EventRole, Judge
from review.views.access import event_view


def locked_out(request, credentials, *args, **kwargs):
    """The page axes shows instead of the login form, with a plain reason (HTTP 429)."""
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def _people_names(event) -> set[str]:
    judges = Judge.objects.filter(event=event).values_list("user__username", flat=True)
    staff = EventRole.objects.filter(event=event).values_list("user__username", flat=True)
    return set(judges) | set(staff)


def _attempts(event):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    names = _people_names(event)
    return AccessAttempt.objects.filter(username__in=names, attempt_time__gte=since).order_by(
        "-attempt_time"
    )


@event_view(Can.MANAGE)
def lockouts(request, event):
    """GET the failed logins of this event's people; POST ``unlock`` = a user name."""
    if request.method == "POST":
        name = request.POST.get("unlock", "")
        if name in _people_names(event):
            with transaction.atomic():
                reset(username=name)
                record(event, request.user, AuditEntry.Kind.LOGIN_UNLOCKED, reason=name[:150])
            messages.success(request, _("%(u)s can log in again.") % {"u": name})
        else:
            messages.warning(request, _("That user is not one of this event's people."))
        return redirect("event-lockouts", event_pk=event.pk)
    limit = settings.AXES_FAILURE_LIMIT
    rows = [
        {"attempt": a, "locked": a.failures_since_start >= limit} for a in _attempts(event)[:200]
    ]
    return render(request, "review/control/lockouts.html", {"event": event, "rows": rows})
