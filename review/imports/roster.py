"""Reading a roster workbook: every problem is found and located (sheet, row, column) before
anything is written. Reads only; ``review.domain.roster`` applies a clean roster."""

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from review.imports.columns import (
    CONTESTANTS,
    CRITERIA,
    JUDGES,
    MAX_BYTES,
    MAX_ROWS,
    SHEETS,
    UNITS,
)
from review.scoring import decimal_places, step_divides

MAX_NUMBER = 9999  # presentation orders and judge numbers


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        where = self.sheet
        if self.row:
            where += _(" row %(row)s") % {"row": self.row}
        if self.column:
            where += f" {self.column}"
        return f"{where}: {self.message}" if where else self.message


class RosterInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Row:
    sheet: str
    number: int  # the row number in the sheet
    values: dict


@dataclass
class Roster:
    units: list[str] = field(default_factory=list)
    criteria: list[Row] = field(default_factory=list)
    contestants: list[Row] = field(default_factory=list)
    judges: list[Row] = field(default_factory=list)


def _open(data: bytes):
    if not data:
        raise RosterInvalid([Problem("", None, "", _("The file is empty."))])
    if len(data) > MAX_BYTES:
        raise RosterInvalid(
            [
                Problem(
                    "", None, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
                )
            ]
        )
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise RosterInvalid(
            [
                Problem(
                    "",
                    None,
                    "",
                    _("This is not an Excel .xlsx file. Save it as .xlsx and try again."),
                )
            ]
        ) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class Reader:
    def __init__(self, known_units: set[str]):
        self.known_units = set(known_units)
        self.problems: list[Problem] = []

    def problem(self, sheet, row, column, message):
        self.problems.append(Problem(sheet, row, column, message))

    # --- the workbook's shape ---------------------------------------------------------------

    def sheet_rows(self, wb, name) -> list[Row]:
        columns = SHEETS[name]
        ws = wb[name]
        for merged in ws.merged_cells.ranges:
            if merged.min_row == 1:
                self.problem(
                    name,
                    1,
                    str(merged),
                    _(
                        "The header has merged cells; unmerge them so each column has its own "
                        "header."
                    ),
                )
                return []
        if ws.max_row > MAX_ROWS + 1:
            self.problem(
                name,
                None,
                "",
                _("Too many rows (%(n)s); at most %(max)s.")
                % {"n": ws.max_row - 1, "max": MAX_ROWS},
            )
            return []
        header = [_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
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
        for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            values = {
                key: _text(cells[index]) if index < len(cells) else ""
                for key, index in positions.items()
            }
            if any(values.values()):
                rows.append(Row(name, number, values))
        return rows

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

    def number(self, row: Row, key: str, *, default: str | None = None, places: int = 2):
        text = row.values.get(key, "") or (default or "")
        if not text:
            return self.required(row, key) and None
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
        return value

    def whole(self, row: Row, key: str) -> int | None:
        text = self.required(row, key)
        if not text:
            return None
        try:
            value = int(Decimal(text))
            if value != Decimal(text) or not 1 <= value <= MAX_NUMBER:
                raise ValueError
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
        wb = _open(data)
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
        unit_rows = self.sheet_rows(wb, UNITS) if UNITS in names else []
        roster.units = [r.values["name"] for r in unit_rows if r.values.get("name")]
        self.unique(
            unit_rows,
            lambda r: r.values.get("name"),
            "name",
            _("Unit “%(value)s” is listed twice (first on row %(row)s)."),
        )
        units = self.known_units | set(roster.units)

        roster.criteria = self.sheet_rows(wb, CRITERIA)
        for row in roster.criteria:
            self.required(row, "name")
            maximum = self.number(row, "max_score")
            step = self.number(row, "step", default="0.5")
            self.number(row, "weight", default="1", places=3)
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

        roster.contestants = self.sheet_rows(wb, CONTESTANTS)
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

        roster.judges = self.sheet_rows(wb, JUDGES)
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
