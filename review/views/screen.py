"""The big screen (大屏): a full-page view that refreshes its content by htmx polling.

Polling rather than server-sent events: each refresh is a short ordinary request, so it works
behind any proxy and with gunicorn's sync workers (an open SSE stream per audience phone would
hold a worker each), and identical refreshes are served from the shared cache.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from review.models import Event
from review.queries.cache import cached
from review.queries.show import screen_state

POLL_MS = 1500
#: A cached screen lives until the event changes, or this long (the countdown ticks).
FRESH_SECONDS = 2


def state_html(request, event: Event) -> str:
    """The screen's changing part, computed once per event version for every poller."""
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


def big_screen(request, event_pk):
    event = get_object_or_404(Event, pk=event_pk)
    return render(
        request,
        "review/screen/screen.html",
        {"event": event, "state_html": state_html(request, event), "poll_ms": POLL_MS},
    )


def screen_fragment(request, event_pk):
    event = get_object_or_404(Event, pk=event_pk)
    return HttpResponse(state_html(request, event))
