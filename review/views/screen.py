"""The big screen (大屏), and where the show is for the judges' phones: both polled.

Polling rather than server-sent events: each refresh is a short ordinary request, so it works
behind any proxy and with gunicorn's sync workers (an open SSE stream per audience phone would
hold a worker each), and identical refreshes are served from the shared cache.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from review.domain.roles import Can, can
from review.models import Event
from review.queries.awards import ceremony_state
from review.queries.cache import cached
from review.queries.show import screen_state, show_state
from review.views.access import rule

POLL_MS = 1500
#: A cached screen lives until the event changes, or this long (the countdown ticks).
FRESH_SECONDS = 2
#: The phones' show state holds no clock: it lives until the event changes.
SHOW_STATE_SECONDS = 600


def state_html(request, event: Event) -> str:
    """The screen's changing part, computed once per event version for every poller."""
    if event.ceremony_round_id:
        html = cached(
            event.pk,
            f"ceremony:{get_language()}",
            lambda: render_to_string(
                "review/screen/_ceremony.html", {"ceremony": ceremony_state(event)}, request
            ),
            FRESH_SECONDS,
        )
        return mark_safe(html)  # rendered by our own template above
    html = cached(
        event.pk,
        f"screen:{get_language()}",
        lambda: str(
            render_to_string(
                "review/screen/_state.html", {"event": event, "state": screen_state(event)}, request
            )
        ),
        FRESH_SECONDS,
    )
    return mark_safe(html)  # rendered by our own template above


def visible_event(request, event_pk) -> Event:
    """The event, unless it is a draft and the visitor none of its people (then 404)."""
    event = get_object_or_404(Event, pk=event_pk)
    if event.status == Event.Status.DRAFT and not can(request.user, event.pk, Can.VIEW):
        raise Http404
    return event


@rule("public")
def big_screen(request, event_pk):
    event = visible_event(request, event_pk)
    return render(
        request,
        "review/screen/screen.html",
        {"event": event, "state_html": state_html(request, event), "poll_ms": POLL_MS},
    )


@rule("public")
def screen_fragment(request, event_pk):
    event = visible_event(request, event_pk)
    return HttpResponse(state_html(request, event))


@rule("public")
def phones_state(request, event_pk):
    """Where the show is, polled by every judge's phone every 2 s (``follow.js``).

    The same for every phone — the report on stage, whether it is open, the time left, as the
    big screen shows them — so it needs no login and comes from the shared cache: two cache
    reads a poll instead of a session, a user and a judge's sheets. Where a judge should go
    when a report opens (its form, or a page saying why not), ``live_url`` decides per judge."""
    state = cached(
        event_pk, "show-state", lambda: show_state(event_pk) or False, SHOW_STATE_SECONDS
    )
    if not state:
        raise Http404
    now = timezone.now()
    return JsonResponse(
        {
            "presenting": state.presenting,
            "name": state.name,
            "segment": state.segment,
            "segment_name": state.segment_name,
            "open": state.is_open(now),
            "seconds_left": state.seconds_left(now),
            "live_url": reverse("judge-live", args=[event_pk]),
        }
    )
