"""Text that users typed, made safe for the files we write.

A spreadsheet treats a cell starting with ``=`` as a formula, and Excel and LibreOffice also
evaluate ``+``, ``-`` and ``@`` (and a leading tab or carriage return hides such a start), so
text that users typed is always written as a string cell (``data_type = "s"``), never left to
openpyxl's guess. File names keep letters, digits, CJK and a few separators only.
"""

import re

from openpyxl.cell.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_UNSAFE_IN_NAME = re.compile(r"[^\w\u3400-\u9fff.-]+")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def set_text(cell: Cell, value) -> Cell:
    """Write ``value`` as a string cell whatever it starts with (``None`` stays empty)."""
    if value is None:
        cell.value = None
        return cell
    cell.value = str(value)
    cell.data_type = "s"
    return cell


def safe_filename(name: str, limit: int = 60) -> str:
    """A piece of a file name: no path separators, no leading formula or dot characters."""
    cleaned = _UNSAFE_IN_NAME.sub("_", name).strip("._-=+@")
    return cleaned[:limit] or "_"
