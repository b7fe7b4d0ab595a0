"""The cross-inspections' log: one entry per thing that happened, never edited."""

from common.domain import audit
from inspection.models import InspectionEntry


def record(season, actor, kind: str, *, period=None, reason: str = "", **detail):
    return audit.append(InspectionEntry, "season", season, actor, kind, period=period,
                        reason=reason, detail=detail)  # fmt: skip
