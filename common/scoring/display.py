"""How a score is written as text where no precision applies (inputs, maxima, steps)."""

from decimal import Decimal


def plain(value: Decimal) -> str:
    """``Decimal('40.00')`` → ``'40'``, ``Decimal('0.50')`` → ``'0.5'``."""
    return f"{value.normalize():f}"
