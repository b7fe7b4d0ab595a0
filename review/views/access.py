"""Who may see what. Organisers are staff users; judges are users with a seat in an event.

A judge who logged in by QR code is scoped to that code's event: the session remembers it.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from review.models import Event, Judge

QR_EVENT_KEY = "qr_event"


def is_organiser(user) -> bool:
    return user.is_authenticated and user.is_staff


def refuse(request, message, status=403):
    """A page that says plainly why the request was refused."""
    return render(request, "review/refused.html", {"message": message}, status=status)


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
            .select_related("event__presenting__contestant", "unit")
            .first()
        )
        if judge is None:
            event = get_object_or_404(Event, pk=event_pk)
            return refuse(request, _("You are not a judge of %(event)s.") % {"event": event.name})
        return view(request, judge, *args, **kwargs)

    return wrapper


def organiser_view(view):
    """Pass the event of the URL to a view only organisers may use."""

    @wraps(view)
    @login_required
    def wrapper(request, event_pk, *args, **kwargs):
        event = get_object_or_404(Event, pk=event_pk)
        if not is_organiser(request.user):
            return refuse(request, _("Only organisers can do this."))
        return view(request, event, *args, **kwargs)

    return wrapper
