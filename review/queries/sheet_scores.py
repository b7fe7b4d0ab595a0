"""Reading a sheet's scores from ``ScoreSheet.scores_text`` (``criterion_id:value,…``).

The database keeps that text equal to the sheet's score rows (migration 0007), so a whole
event's scores come from one row per sheet. The value is the number as the database prints
it — ``11.5`` on SQLite, ``11.50`` on PostgreSQL — and parses to the same ``Decimal``.
"""

from decimal import Decimal


class _Pairs(dict):
    """``"criterion_id:value"`` → ``(criterion_id, Decimal(value))``, each text parsed once:
    a panel gives few distinct values, so a big event parses a few hundred texts in all."""

    def __missing__(self, text: str) -> tuple[int, Decimal]:
        criterion, _, value = text.partition(":")
        pair = self[text] = (int(criterion), Decimal(value))
        return pair


class ScoresText:
    """Parses many sheets' texts, sharing one cache of parsed pairs."""

    def __init__(self):
        self._pair = _Pairs().__getitem__

    def parse(self, text: str) -> dict[int, Decimal]:
        return dict(map(self._pair, text.split(","))) if text else {}


def parse_scores_text(text: str) -> dict[int, Decimal]:
    return ScoresText().parse(text)
