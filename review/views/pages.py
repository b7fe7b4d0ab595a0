"""The start page: what each kind of user can do next."""

from django.shortcuts import render

from review.domain.roles import staff_events
from review.models import Event, Judge
from review.views.access import rule


@rule("public")
def home(request):
    user = request.user
    seats = []
    if user.is_authenticated:
        seats = list(Judge.objects.filter(user=user).select_related("event"))
    staffed = staff_events(user)
    staffed_ids = {e.pk for e, _role in staffed}
    published = [
        e for e in Event.objects.filter(status=Event.Status.PUBLISHED) if e.pk not in staffed_ids
    ]
    return render(
        request,
        "review/home.html",
        {"seats": seats, "staffed": staffed, "events": published},
    )
