"""Print-ready sheets in openpyxl's write-only mode.

Write-only mode streams rows to disk instead of keeping every cell in memory, which is what lets
a 125,000-score event export in seconds; its price is that column widths, freeze panes and page
set-up are decided before the first row is written.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from review.exports.safe import Formula, as_text, header_footer_text, needs_guard

TITLE_FONT = Font(size=14, bold=True)
NOTE_FONT = Font(size=10, color="555555")
DEMO_FONT = Font(size=11, bold=True, color="B3261E")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
DROPPED_FONT = Font(strike=True, color="9C0006")
DROPPED_FILL = PatternFill("solid", fgColor="FFC7CE")
MAX_WIDTH = 40


def number_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def display_width(value) -> int:
    """Characters a value needs, a CJK character counting as two."""
    if value is None:
        return 0
    if not isinstance(value, str):
        return 10
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def column_widths(header: Sequence, rows: Iterable[Sequence], least: int = 6) -> list[int]:
    widths = [display_width(h) for h in header]
    for row in rows:
        for col, value in enumerate(row[: len(widths)]):
            width = display_width(value)
            if width > widths[col]:
                widths[col] = width
    return [min(max(w, least) + 2, MAX_WIDTH) for w in widths]


def _needs_format(value) -> bool:
    return isinstance(value, float) or hasattr(value, "as_tuple") or isinstance(value, Formula)


def safe_sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, "-")
    return text[:31]


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
        self.ws = workbook.create_sheet(safe_sheet_title(title))
        self.places = places
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
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_options.horizontalCentered = True
        header = self.ws.HeaderFooter
        header.oddHeader.left.text = header_footer_text(event_name)
        header.oddHeader.right.text = _("Tabulated %(at)s") % {
            "at": f"{generated_at:%Y-%m-%d %H:%M}"
        }
        header.oddFooter.center.text = _("Page &P of &N")

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
        if as_given and not any(styled):
            self.ws.append(self._guard(values))
            return
        if font is None and not any(styled) and not any(_needs_format(v) for v in values):
            self.ws.append(self._guard(values))
            return
        fmt = number_format(self.places)
        cells = []
        for index, value in enumerate(values):
            style = {}
            if as_given or isinstance(value, int):
                pass  # General shows whole numbers as they are
            elif _needs_format(value):
                style["number_format"] = fmt
            if index < len(styled) and styled[index]:
                style.update(font=DROPPED_FONT, fill=DROPPED_FILL)
            elif font is not None:
                style["font"] = font
                if fill is not None:
                    style["fill"] = fill
            cells.append(self._cell(value, **style) if style or needs_guard(value) else value)
        self.ws.append(cells)

    def title(self, text: str):
        self.ws.append([self._cell(text, font=TITLE_FONT)])

    def note(self, text: str, *, demo: bool = False):
        self.ws.append([self._cell(text, font=DEMO_FONT if demo else NOTE_FONT)] if text else [])

    def header(self, values: Sequence[str]):
        self.ws.append(
            [
                self._cell(v, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN)
                for v in values
            ]
        )

    def blank(self):
        self.ws.append([])
