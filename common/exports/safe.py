"""Text that users typed, made safe for the files we write.

A spreadsheet treats a cell starting with ``=`` as a formula, and Excel and LibreOffice also
evaluate ``+``, ``-`` and ``@`` (and a leading tab or carriage return hides such a start), so
text that users typed is always written as a string cell (``data_type = "s"``), never left to
openpyxl's guess. File names keep letters, digits, CJK and a few separators only.
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """One of our own formulas (核算): the only text written as a formula."""


class WholeFormula(Formula):
    """A formula whose result is a whole number (a count): shown as one, not to the places."""


_UNSAFE_IN_NAME = re.compile(r"[^\w\u3400-\u9fff.-]+")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def needs_guard(value) -> bool:
    """Text that a spreadsheet could take for a formula, and that is not one of ours."""
    return isinstance(value, str) and not isinstance(value, Formula) and is_formula_like(value)


def as_text(cell):
    """Make ``cell`` a string cell shown as typed (Excel's leading-apostrophe style), so
    neither opening nor editing it evaluates it."""
    if cell.value is not None:
        cell.value = str(cell.value)
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def header_footer_text(text: str) -> str:
    """Text for a printed header or footer, where ``&`` starts a code."""
    return text.replace("&", "&&")


def safe_filename(name: str, limit: int = 60) -> str:
    """A piece of a file name: no path separators, no leading formula or dot characters."""
    cleaned = _UNSAFE_IN_NAME.sub("_", name).strip("._-=+@")
    return cleaned[:limit] or "_"
