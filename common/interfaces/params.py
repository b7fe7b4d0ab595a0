"""The one reading of numbers from outside — URL paths, query strings, forms, command lines.

Only ASCII digits count (``"²".isdigit()`` is true, and ``int("²")`` fails), and never more of
them than a 64-bit integer column holds (a 20-digit id overflows SQLite), so no parameter can
raise: what is no number here is no row, no page, no choice."""

import re

#: Up to 18 ASCII digits: below 2**63 on every database.
DIGITS = re.compile(r"[0-9]{1,18}")


def number_param(raw, default: int = 0, limit: int = 10**18 - 1) -> int:
    """``raw`` as a whole number from 0 to ``limit``, or ``default``."""
    text = str(raw if raw is not None else "").strip()
    if not DIGITS.fullmatch(text):
        return default
    value = int(text)
    return value if value <= limit else default


def id_param(raw) -> int:
    """A row id, or 0 (which matches no row)."""
    return number_param(raw)


def id_params(raws) -> set[int]:
    return {i for i in map(id_param, raws) if i}


class IdConverter:
    """``<id:…>`` in the URLconf: an id that fits the database, or no match (404)."""

    regex = DIGITS.pattern

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
