from decimal import Decimal

from django import template

from common.scoring.display import plain

register = template.Library()


@register.filter(name="plain")
def plain_filter(value):
    """A score without trailing zeros: 40.00 → 40, 0.50 → 0.5."""
    return plain(Decimal(value)) if value not in (None, "") else ""


@register.filter(name="fixed")
def fixed_filter(value, places):
    """A shown score at the display precision (already rounded half up): 92.5 → 92.50."""
    from review.tables import fixed

    return fixed(value, int(places))


@register.filter(name="get")
def get_filter(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def server_now() -> str:
    """The server's clock (epoch seconds), for the stage clock's script (``clock.js``)."""
    import time

    return f"{time.time():.3f}"


@register.filter(name="clock_text")
def clock_text_filter(clock, countdown=True):
    """What the stage clock shows before its script ticks (and without it): the time left,
    ``+0:09`` once over, or the time used — never raw seconds."""
    from django.utils import timezone

    elapsed = clock.elapsed_at(timezone.now())
    limit = clock.segment.time_limit_seconds
    seconds = limit - elapsed if countdown and limit is not None else elapsed
    whole = int(abs(seconds))
    return f"{'+' if seconds < 0 else ''}{whole // 60}:{whole % 60:02d}"
