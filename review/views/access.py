"""Who may open what. Every view carries its rule as ``view.access_rule`` (one of ``RULES``),
so the route × role test can read the rule of every route from the URLconf.

Event staff have roles per event (``review.domain.roles``); judges are users with a seat in an
event. A judge who logged in by QR code is scoped to that code's event: the session remembers it.
"""

from functools import wraps

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.interfaces.access import RULES, add_rules, owner_view, private, refuse, rule  # noqa: F401
from review.domain.roles import EVENT, Can
from review.domain.tokens import token_digest
from review.models import Event, Judge

QR_EVENT_KEY = "qr_event"
QR_TOKEN_KEY = "qr_token"


def remember_qr_login(session, judge) -> None:
    """Scope the session to the code's event, and remember which code opened it."""
    session[QR_EVENT_KEY] = judge.event_id
    session[QR_TOKEN_KEY] = token_digest(judge.login_token)


def _qr_code_replaced(session, judge) -> bool:
    """The session was opened by a code that has since been withdrawn or replaced."""
    opened_with = session.get(QR_TOKEN_KEY)
    if opened_with is None:
        return False
    return judge.login_token is None or token_digest(judge.login_token) != opened_with


add_rules(
    judge="a judge of the event",
    scorer="a judge of the event not recused from the report",
    results="anyone once the event is published; before, its viewers, operators, organisers",
)

REFUSED = {
    Can.VIEW: gettext_lazy("You have no role in %(event)s."),
    Can.RUN: gettext_lazy("Only the operators and organisers of %(event)s can do this."),
    Can.MANAGE: gettext_lazy("Only the organisers of %(event)s can do this."),
}

#: ``@event_view(Can.RUN)``: the event of the URL, for its operators and organisers.
event_view = owner_view(EVENT, Event, REFUSED)


def judge_view(view):
    """Pass the request user's :class:`Judge` seat in the event of the URL, or refuse."""

    @wraps(view)
    @login_required
    def wrapper(request, event_pk, *args, **kwargs):
        scoped = request.session.get(QR_EVENT_KEY)
        if scoped is not None and scoped != event_pk:
            get_object_or_404(Event, pk=event_pk)
            return refuse(request, _("Your QR login is for another event."))
        # The seat, its event and the report on stage in one query: this runs on every page a
        # judge's phone loads, and on its poll every 2 s.
        judge = (
            Judge.objects.filter(event_id=event_pk, user=request.user)
            .select_related(
                "event__presenting__contestant", "event__presenting__live_segment", "unit"
            )
            .first()
        )
        if judge is None:
            event = get_object_or_404(Event, pk=event_pk)
            return refuse(request, _("You are not a judge of %(event)s.") % {"event": event.name})
        if _qr_code_replaced(request.session, judge):
            logout(request)
            return refuse(
                request,
                _(
                    "Your QR code was withdrawn or replaced, so this login has ended. Scan your "
                    "current code."
                ),
            )
        return private(view(request, judge, *args, **kwargs))

    wrapper.access_rule = "judge"
    return wrapper
