"""A 赛马会 event's result as other apps read it — the season's "event result" indicator —
without importing the contest app: the contest app hands its reader over at start-up
(``review.apps``), and a season asks here. Keys are ``("unit", unit id)`` and
``("person", contestant id)``; values are ``(shown final score, rank)``."""

from collections.abc import Callable
from decimal import Decimal

Outcome = dict[tuple[str, int], tuple[Decimal | None, int | None]]

_reader: Callable[[int], Outcome] | None = None
_lister: Callable[[], list[tuple[int, str, str]]] | None = None


def provide(reader: Callable[[int], Outcome], lister: Callable[[], list[tuple[int, str, str]]]):
    """``reader(event id)``: its outcome; ``lister()``: ``(id, name, code)`` of every event."""
    global _reader, _lister
    _reader, _lister = reader, lister


def outcome(event_id: int) -> Outcome:
    """Every contestant's and unit's result in the event (empty without a contest app)."""
    return _reader(event_id) if _reader else {}


def events() -> list[tuple[int, str]]:
    """``(id, name)`` of the events a season may take a result from."""
    return [(pk, name) for pk, name, _code in (_lister() if _lister else [])]


def event_by_code(code: str) -> tuple[int, str] | None:
    return next(((pk, name) for pk, name, c in (_lister() if _lister else []) if c == code), None)
