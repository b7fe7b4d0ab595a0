"""The big screen (大屏): a full-page view that refreshes its content by htmx polling.

Polling rather than server-sent events: each refresh is a short ordinary request, so it works
behind any proxy and with gunicorn's sync workers (an open SSE stream per audience phone would
hold a worker each), and identical refreshes can be cached.
"""

from django.shortcuts import get_object_or_404, render

from review.models import Event
from review.queries.show import screen_state

POLL_MS = 1500


def big_screen(request, event_pk):
    event = get_object_or_404(Event, pk=event_pk)
    return render(
        request,
        "review/screen/screen.html",
        {"event": event, "state": screen_state(event), "poll_ms": POLL_MS},
    )


def screen_fragment(request, event_pk):
    event = get_object_or_404(Event, pk=event_pk)
    return render(
        request, "review/screen/_state.html", {"event": event, "state": screen_state(event)}
    )
