from decimal import Decimal

from django import template

from review.forms import plain

register = template.Library()


@register.filter(name="plain")
def plain_filter(value):
    """A score without trailing zeros: 40.00 → 40, 0.50 → 0.5."""
    return plain(Decimal(value)) if value not in (None, "") else ""
