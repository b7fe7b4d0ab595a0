"""The start page: what each kind of user can do next."""

from django.shortcuts import render

from review.models import Event, Judge
from review.views.access import is_organiser


def home(request):
    user = request.user
    seats = []
    if user.is_authenticated:
        seats = list(Judge.objects.filter(user=user).select_related("event"))
    events = (
        Event.objects.all()
        if is_organiser(user)
        else Event.objects.filter(status=Event.Status.PUBLISHED)
    )
    return render(
        request,
        "review/home.html",
        {"seats": seats, "events": events, "organiser": is_organiser(user)},
    )
