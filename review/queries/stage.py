"""What every stage view shares: a judge's total as the screen shows it, and the time left to
score the report on stage."""

from dataclasses import dataclass
from decimal import Decimal

from review.models import Appearance, scoring_open


@dataclass
class ScreenScore:
    label: str
    total: Decimal
    dropped: str  # "", "high" or "low"


def seconds_left(appearance: Appearance, now) -> int | None:
    return time_left(appearance.phase, appearance.closes_at, now)


def time_left(phase: str, closes_at, now) -> int | None:
    """Whole seconds until scoring closes; ``None`` when it is not open or has no limit."""
    if not scoring_open(phase, closes_at, now) or closes_at is None:
        return None
    return max(0, int((closes_at - now).total_seconds()))
