"""The season's log: one entry per thing that happened, never edited."""

from common.domain import audit
from season.models import SeasonEntry


def record(season, actor, kind: str, *, period=None, reason: str = "", **detail):
    return audit.append(SeasonEntry, "season", season, actor, kind, period=period,
                        reason=reason, detail=detail)  # fmt: skip
