"""Reading a roster workbook: every problem is found and located (sheet, row, column) before
anything is written. Reads only; ``review.domain.roster`` applies a clean roster."""

import zipfile
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree
from openpyxl.utils import get_column_letter

from common.imports.cells import cell_problem, plain_text
from common.imports.xlsx import Limits, Unreadable, open_workbook
from common.scoring import decimal_places, step_divides
from review.domain.roster_input import (
    CONTESTANTS,
    CRITERIA,
    JUDGES,
    UNITS,
    Problem,
    Roster,
    RosterInvalid,
    Row,
)
from review.imports.columns import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_LENGTH,
    MAX_ROWS,
    SHEETS,
)

BAD_ZIP = (zipfile.BadZipFile,)
MAX_NUMBER = 9999  # presentation orders and judge numbers


UNREADABLE = {
    "not_xlsx": gettext_lazy("This is not an Excel .xlsx file. Save it as .xlsx and try again."),
    "too_big_unpacked": gettext_lazy(
        "The file unpacks to more than %(mb)s MB; a roster is far smaller. Remove what is not "
        "part of the roster and try again."
    ),
    "too_many_rows": gettext_lazy("Too many rows; at most %(max)s."),
    "too_many_cells": gettext_lazy(
        "Too many cells (over %(max)s); the sheet holds more than a roster. Delete the unused "
        "rows and columns."
    ),
    "damaged": gettext_lazy("The file is damaged and cannot be read. Save it again from Excel."),
    "too_far": gettext_lazy(
        "Cell %(cell)s lies beyond what a roster can hold (%(rows)s rows, columns A to AZ). "
        "Delete everything outside the roster and try again."
    ),
}


def _open(data: bytes):
    if not data:
        raise RosterInvalid([Problem("", None, "", _("The file is empty."))])
    if len(data) > MAX_BYTES:
        message = _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
        raise RosterInvalid([Problem("", None, "", message)])
    try:
        return open_workbook(data, Limits(max_rows=MAX_ROWS + 1, max_cells=MAX_CELLS))
    except Unreadable as unreadable:
        message = str(UNREADABLE[unreadable.code]) % unreadable.params
        raise RosterInvalid([Problem(unreadable.sheet, None, "", message)]) from None


_text = plain_text


class Reader:
    def __init__(self, known_units: set[str]):
        self.known_units = set(known_units)
        self.problems: list[Problem] = []

    def problem(self, sheet, row, column, message):
        self.problems.append(Problem(sheet, row, column, message))

    # --- the workbook's shape ---------------------------------------------------------------

    def sheet_rows(self, wb, name, scan) -> list[Row]:
        columns = SHEETS[name]
        ws = wb[name]
        for merged in scan.merged_in_header:
            self.problem(
                name,
                1,
                merged,
                _("The header has merged cells; unmerge them so each column has its own header."),
            )
            return []
        try:
            return self._rows(ws, name, columns)
        except (
            etree.XMLSyntaxError,
            ParseError,
            KeyError,
            ValueError,
            TypeError,
            zipfile.BadZipFile,
        ):
            self.problem(name, None, "", str(UNREADABLE["damaged"]))
            return []

    def _cell_text(self, name: str, number: int, cell) -> str:
        """A cell's value as text; a formula or an error value is a located problem."""
        problem = cell_problem(cell)
        if problem is not None:
            self.problem(name, number, getattr(cell, "column_letter", ""), problem)
            return ""
        return _text(getattr(cell, "value", None))

    def _rows(self, ws, name, columns) -> list[Row]:
        rows_iter = ws.iter_rows(min_row=1)
        first = next(rows_iter, ())
        header = [self._cell_text(name, 1, c) for c in first]
        positions = {}
        for index, title in enumerate(header):
            if not title:
                continue
            known = next((c for c in columns if c.title == title), None)
            letter = get_column_letter(index + 1)
            if known is None:
                self.problem(name, 1, letter, _("Unknown column “%(title)s”.") % {"title": title})
            elif known.key in positions:
                self.problem(
                    name, 1, letter, _("Column “%(title)s” appears twice.") % {"title": title}
                )
            else:
                positions[known.key] = index
        for column in columns:
            if column.required and column.key not in positions:
                self.problem(
                    name, 1, "", _("The column “%(title)s” is missing.") % {"title": column.title}
                )
        if any(p.sheet == name and p.row == 1 for p in self.problems):
            return []
        rows = []
        for cells in rows_iter:
            number = next((c.row for c in cells if getattr(c, "row", None)), None)
            if number is None:
                continue
            values = {
                key: self._cell_text(name, number, cells[index]) if index < len(cells) else ""
                for key, index in positions.items()
            }
            if any(values.values()):
                rows.append(Row(name, number, values))
            for key, value in values.items():
                self.length(name, number, key, value)
        return rows

    def length(self, sheet: str, number: int, key: str, value: str) -> None:
        limit = MAX_LENGTH.get((sheet, key))
        if limit is not None and len(value) > limit:
            self.problem(
                sheet,
                number,
                self.letter(sheet, key),
                _("Too long: %(n)s characters, at most %(max)s.") % {"n": len(value), "max": limit},
            )

    def letter(self, sheet: str, key: str) -> str:
        titles = [c.title for c in SHEETS[sheet]]
        title = next(c.title for c in SHEETS[sheet] if c.key == key)
        return f"{get_column_letter(titles.index(title) + 1)}（{title}）"

    # --- values -----------------------------------------------------------------------------

    def required(self, row: Row, key: str) -> str:
        value = row.values.get(key, "")
        if not value:
            title = next(c.title for c in SHEETS[row.sheet] if c.key == key)
            self.problem(
                row.sheet,
                row.number,
                self.letter(row.sheet, key),
                _("“%(title)s” is empty.") % {"title": title},
            )
        return value

    def number(
        self, row: Row, key: str, *, default: str | None = None, places: int = 2, below=None
    ):
        """A positive decimal with at most ``places`` decimals and below ``below``."""
        text = row.values.get(key, "") or (default or "")
        if not text:
            self.required(row, key)
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        column = self.letter(row.sheet, key)
        if value is None or not value.is_finite():
            self.problem(
                row.sheet, row.number, column, _("“%(value)s” is not a number.") % {"value": text}
            )
            return None
        if value <= 0:
            self.problem(row.sheet, row.number, column, _("Must be more than 0."))
            return None
        if decimal_places(value) > places:
            self.problem(
                row.sheet, row.number, column, _("At most %(n)s decimal places.") % {"n": places}
            )
            return None
        if below is not None and value >= below:
            self.problem(
                row.sheet, row.number, column, _("Must be less than %(max)s.") % {"max": below}
            )
            return None
        return value

    def whole(self, row: Row, key: str) -> int | None:
        text = self.required(row, key)
        if not text:
            return None
        try:
            number = Decimal(text)
            if not (number.is_finite() and 1 <= number <= MAX_NUMBER and number == int(number)):
                raise ValueError
            value = int(number)
        except (InvalidOperation, ValueError):
            self.problem(
                row.sheet,
                row.number,
                self.letter(row.sheet, key),
                _("“%(value)s” is not a whole number from 1 to %(max)s.")
                % {"value": text, "max": MAX_NUMBER},
            )
            return None
        return value

    def unit(self, row: Row, units: set[str], *, required: bool) -> str:
        name = self.required(row, "unit") if required else row.values.get("unit", "")
        if name and name not in units:
            self.problem(
                row.sheet,
                row.number,
                self.letter(row.sheet, "unit"),
                _("Unknown unit “%(unit)s”: add it to the 单位 sheet.") % {"unit": name},
            )
        return name

    def unique(self, rows: list[Row], key_of, key: str, message):
        seen: dict = {}
        for row in rows:
            value = key_of(row)
            if value in (None, "", ()):
                continue
            if value in seen:
                self.problem(
                    row.sheet,
                    row.number,
                    self.letter(row.sheet, key),
                    message
                    % {
                        "value": value if not isinstance(value, tuple) else value[0],
                        "row": seen[value],
                    },
                )
            else:
                seen[value] = row.number

    # --- the sheets -------------------------------------------------------------------------

    def read(self, data: bytes) -> Roster:
        wb, scans = _open(data)
        try:
            return self._read(wb, scans)
        finally:
            wb.close()

    def _read(self, wb, scans) -> Roster:
        names = wb.sheetnames
        extra = [n for n in names if n not in SHEETS]
        if extra:
            self.problem(
                "",
                None,
                "",
                _("Unexpected sheets: %(extra)s. The roster has the sheets %(expected)s only.")
                % {"extra": "、".join(extra), "expected": "、".join(SHEETS)},
            )
        for name in SHEETS:
            if name not in names and name != UNITS:
                self.problem(name, None, "", _("The sheet is missing."))
        if self.problems:
            raise RosterInvalid(self.problems)

        roster = Roster()
        unit_rows = self.sheet_rows(wb, UNITS, scans[UNITS]) if UNITS in names else []
        roster.units = [r.values["name"] for r in unit_rows if r.values.get("name")]
        self.unique(
            unit_rows,
            lambda r: r.values.get("name"),
            "name",
            _("Unit “%(value)s” is listed twice (first on row %(row)s)."),
        )
        units = self.known_units | set(roster.units)

        roster.criteria = self.sheet_rows(wb, CRITERIA, scans[CRITERIA])
        for row in roster.criteria:
            self.required(row, "name")
            # Below the database columns' digits (6,2 / 5,2 / 6,3).
            maximum = self.number(row, "max_score", below=10000)
            step = self.number(row, "step", default="0.5", below=1000)
            self.number(row, "weight", default="1", places=3, below=1000)
            if row.values.get("order"):
                self.whole(row, "order")
            if maximum is not None and step is not None and not step_divides(maximum, step):
                self.problem(
                    row.sheet,
                    row.number,
                    self.letter(row.sheet, "step"),
                    _("The step %(step)s does not divide the maximum %(max)s.")
                    % {"step": step, "max": maximum},
                )
        self.unique(
            roster.criteria,
            lambda r: r.values.get("name"),
            "name",
            _("Criterion “%(value)s” is listed twice (first on row %(row)s)."),
        )

        roster.contestants = self.sheet_rows(wb, CONTESTANTS, scans[CONTESTANTS])
        for row in roster.contestants:
            self.whole(row, "order")
            self.required(row, "name")
            self.required(row, "title")
            self.unit(row, units, required=True)
        self.unique(
            roster.contestants,
            lambda r: r.values.get("order"),
            "order",
            _("Presentation order %(value)s is repeated (first on row %(row)s)."),
        )
        self.unique(
            roster.contestants,
            lambda r: (
                (r.values.get("name"), r.values.get("unit")) if r.values.get("name") else None
            ),
            "name",
            _("Contestant “%(value)s” of this unit is listed twice (first on row %(row)s)."),
        )

        roster.judges = self.sheet_rows(wb, JUDGES, scans[JUDGES])
        for row in roster.judges:
            self.whole(row, "seat")
            self.required(row, "name")
            self.required(row, "username")
            self.unit(row, units, required=False)
        self.unique(
            roster.judges,
            lambda r: r.values.get("seat"),
            "seat",
            _("Judge number %(value)s is repeated (first on row %(row)s)."),
        )
        self.unique(
            roster.judges,
            lambda r: r.values.get("username"),
            "username",
            _("User name “%(value)s” is repeated (first on row %(row)s)."),
        )

        if not (roster.criteria or roster.contestants or roster.judges) and not self.problems:
            self.problem("", None, "", _("The file has no rows to import."))
        if self.problems:
            raise RosterInvalid(self.problems)
        return roster


def read_roster(data: bytes, known_units: set[str]) -> Roster:
    """Parse and check every row; raise :class:`RosterInvalid` listing every problem."""
    return Reader(known_units).read(data)
