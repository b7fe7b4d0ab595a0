"""What one cell of an uploaded workbook holds, for every import: its text, or why it cannot be
taken (a formula, an error value) — a problem the import names with its sheet, row and column."""

from django.utils.translation import gettext as _


def plain_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_problem(cell) -> str | None:
    """Why the cell's value cannot be taken as typed, or ``None``."""
    if cell is None or getattr(cell, "value", None) is None:
        return None
    if cell.data_type == "f":
        return _("The cell holds a formula; type the value itself (copy, paste as values).")
    if cell.data_type == "e":
        return _("The cell shows an error (%(v)s).") % {"v": cell.value}
    return None
