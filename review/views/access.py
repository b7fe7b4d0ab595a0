"""Who may see what. Organisers are staff users; judges are users with a seat in an event."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from review.models import Event, Judge


def is_organiser(user) -> bool:
    return user.is_authenticated and user.is_staff


def refuse(request, message, status=403):
    """A page that says plainly why the request was refused."""
    return render(request, "review/refused.html", {"message": message}, status=status)


def judge_view(view):
    """Pass the request user's :class:`Judge` seat in the event of the URL, or refuse."""

    @login_required
    def wrapper(request, event_pk, *args, **kwargs):
        event = get_object_or_404(Event, pk=event_pk)
        judge = Judge.objects.filter(event=event, user=request.user).select_related("unit").first()
        if judge is None:
            return refuse(request, _("You are not a judge of %(event)s.") % {"event": event.name})
        judge.event = event
        return view(request, judge, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
