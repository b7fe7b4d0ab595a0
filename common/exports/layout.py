"""Print-ready sheets in openpyxl's write-only mode.

Write-only mode streams rows to disk instead of keeping every cell in memory, which is what lets
a 125,000-score event export in seconds; its price is that column widths, freeze panes and page
set-up are decided before the first row is written.
"""

import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from common.exports.safe import Formula, WholeFormula, as_text, header_footer_text, needs_guard

TITLE_FONT = Font(size=14, bold=True)
NOTE_FONT = Font(size=10, color="555555")
DEMO_FONT = Font(size=11, bold=True, color="B3261E")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
DROPPED_FONT = Font(strike=True, color="9C0006")
WRAP = Alignment(wrap_text=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
LINE_POINTS = 15  # the height of one line of 11 pt text
DROPPED_FILL = PatternFill("solid", fgColor="FFC7CE")
HEADER_ROW = 4  # rows 1–3: title, rule and time, demo-data notice
FIRST_DATA_ROW = HEADER_ROW + 1
#: No column wider than this: longer text wraps within it (row heights grow when opened).
MAX_WIDTH = 30


def number_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def display_width(value) -> int:
    """Characters a value needs, a CJK character counting as two."""
    if value is None:
        return 0
    if not isinstance(value, str):
        return len(str(value)) + 1  # a number, as the display precision pads it, about
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


#: A header wider than this wraps onto a second line rather than widen its column.
HEADER_WIDTH = 8


def column_widths(header: Sequence, rows: Iterable[Sequence], least: int = 6) -> list[int]:
    widths = [min(display_width(h), HEADER_WIDTH) for h in header]
    for row in rows:
        for col, value in enumerate(row[: len(widths)]):
            width = display_width(value)
            if width > widths[col]:
                widths[col] = width
    return [min(max(w, least) + 2, MAX_WIDTH) for w in widths]


def _needs_format(value) -> bool:
    if isinstance(value, WholeFormula):
        return False
    return isinstance(value, float) or hasattr(value, "as_tuple") or isinstance(value, Formula)


def safe_sheet_title(text: str, taken=()) -> str:
    """A legal sheet title of at most 31 characters, unlike any of ``taken`` (Excel compares
    titles without case): a title cut to 31 that meets another ends in ``~2``, ``~3``…, where
    openpyxl would rename it to 32 characters, which Excel offers to repair."""
    for ch in "[]:*?/\\":
        text = text.replace(ch, "-")
    used = {t.casefold() for t in taken}
    title, number = text[:31], 1
    while title.casefold() in used:
        number += 1
        suffix = f"~{number}"
        title = text[: 31 - len(suffix)] + suffix
    return title


#: Column-width units (characters of the default 11 pt font) that fit across A4 at 100 %, with
#: the default margins: 26.1 cm landscape, 17.5 cm portrait, at about 0.185 cm a unit.
PRINTABLE_UNITS = {True: 141, False: 94}
BODY_POINTS = 11
#: The smallest body text a printed page may have.
SMALLEST_POINTS = 9


def pages_wide(widths: Sequence[int], landscape: bool) -> int:
    """How many pages across a sheet needs so that fitting it to them keeps the body text at
    :data:`SMALLEST_POINTS` or more: one for most, more for the widest (a judge per column),
    which then repeat their leading columns on every page."""
    room = PRINTABLE_UNITS[landscape] * BODY_POINTS / SMALLEST_POINTS
    return max(1, math.ceil((sum(widths) + 2) / room))


def printed_points(widths: Sequence[int], landscape: bool, pages: int) -> float:
    """The body text's size once a sheet is fitted to ``pages`` pages across."""
    scale = min(1.0, pages * PRINTABLE_UNITS[landscape] / (sum(widths) + 2))
    return BODY_POINTS * scale


class Sheet:
    """One write-only sheet: title and notes on top, then tables, each with a header row."""

    def __init__(
        self,
        workbook,
        title: str,
        *,
        widths: Sequence[int],
        places: int,
        event_name: str,
        generated_at: datetime,
        landscape: bool = True,
        freeze: str | None = None,
        repeat_rows: str | None = None,
        autofilter: str | None = None,
    ):
        self.ws = workbook.create_sheet(safe_sheet_title(title, workbook.sheetnames))
        self.places = places
        self.widths = list(widths)
        self.written = 0  # rows appended so far
        for col, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if freeze:
            self.ws.freeze_panes = freeze
        if repeat_rows:
            self.ws.print_title_rows = repeat_rows
        if autofilter:
            self.ws.auto_filter.ref = autofilter
        setup = self.ws.page_setup
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth = pages_wide(widths, landscape)
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        if setup.fitToWidth > 1 and freeze:  # the columns left of the freeze on every page
            self.ws.print_title_cols = (
                f"A:{get_column_letter(column_index_from_string(freeze.rstrip('0123456789')) - 1)}"
            )
        self.ws.print_options.horizontalCentered = True
        header = self.ws.HeaderFooter
        header.oddHeader.left.text = header_footer_text(event_name)
        header.oddHeader.right.text = _("Tabulated %(at)s") % {
            "at": f"{generated_at:%Y-%m-%d %H:%M}"
        }
        header.oddFooter.center.text = _("Page &P of &N")

    def _row(self, cells, lines: int = 1):
        """Append a row; ``lines`` of wrapped text make it that many lines high."""
        self.written += 1
        if lines > 1:
            self.ws.row_dimensions[self.written].height = LINE_POINTS * lines
        self.ws.append(cells)

    def _lines(self, values: Sequence) -> int:
        return max(
            (
                math.ceil(display_width(v) / max(1, self.widths[i] - 2))
                for i, v in enumerate(values)
                if self._wraps(i, v)
            ),
            default=1,
        )

    def _wraps(self, index: int, value) -> bool:
        """Text wider than its column (the column width was capped) wraps onto more lines."""
        return (
            isinstance(value, str)
            and not isinstance(value, Formula)
            and index < len(self.widths)
            and display_width(value) > self.widths[index] - 2
        )

    def _cell(self, value, **style):
        cell = WriteOnlyCell(self.ws, value=value)
        for key, val in style.items():
            setattr(cell, key, val)
        if needs_guard(value):
            as_text(cell)
        return cell

    def _guard(self, values: Sequence) -> list:
        """Values as given, but text that could be read as a formula becomes a text cell."""
        return [self._cell(v) if needs_guard(v) else v for v in values]

    def append(
        self,
        values: Sequence,
        *,
        font=None,
        fill=None,
        styled: Sequence[bool] = (),
        as_given: bool = False,
    ):
        """A data row. Computed numbers get the display precision; with ``as_given`` numbers
        show as the judges gave them (and cost far less to write). ``styled[i]`` marks a
        dropped cell."""
        wraps = [self._wraps(i, v) for i, v in enumerate(values)]
        plain = not any(styled) and not any(wraps)
        if as_given and plain:
            self._row(self._guard(values))
            return
        if font is None and plain and not any(_needs_format(v) for v in values):
            self._row(self._guard(values))
            return
        lines = self._lines(values)
        fmt = number_format(self.places)
        cells = []
        for index, value in enumerate(values):
            style = {}
            if as_given or isinstance(value, int | WholeFormula):
                pass  # General shows whole numbers as they are
            elif _needs_format(value):
                style["number_format"] = fmt
            if wraps[index]:
                style["alignment"] = WRAP
            if index < len(styled) and styled[index]:
                style.update(font=DROPPED_FONT, fill=DROPPED_FILL)
            elif font is not None:
                style["font"] = font
                if fill is not None:
                    style["fill"] = fill
            cells.append(self._cell(value, **style) if style or needs_guard(value) else value)
        self._row(cells, lines)

    def title(self, text: str):
        self._spanning(text, TITLE_FONT, scale=2)

    def note(self, text: str, *, demo: bool = False):
        if text:
            self._spanning(text, DEMO_FONT if demo else NOTE_FONT)
        else:
            self._row([])

    def _spanning(self, text: str, font, scale: int = 1):
        """A line of text across the table's columns, wrapped within them: a long rule sentence
        never widens the printed page (LibreOffice fitted the table to it) nor runs off it."""
        room = max(1, sum(self.widths) - 2)
        lines = max(1, math.ceil(display_width(text) * scale / room))
        self._row([self._cell(text, font=font, alignment=WRAP_TOP)], lines * scale)
        if len(self.widths) > 1:
            last = get_column_letter(len(self.widths))
            self.ws.merged_cells.add(CellRange(f"A{self.written}:{last}{self.written}"))

    def header(self, values: Sequence[str]):
        lines = max(
            (
                math.ceil(display_width(v) / max(1, self.widths[i] - 2))
                for i, v in enumerate(values)
                if i < len(self.widths)
            ),
            default=1,
        )
        self._row(
            [
                self._cell(v, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN)
                for v in values
            ],
            min(lines, 3),
        )

    def blank(self):
        self._row([])
