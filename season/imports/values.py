"""Reading a period's values from its template (``season.exports.template``), all or nothing:
every problem is listed with its sheet, row and column before anything is written, and then
``season.domain.values.enter_values`` writes the changes (or refuses a published period
without a correction's reason). An empty cell means no value: a value there before is removed.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from common.domain.problems import Invalid, Problem
from common.imports.cells import cell_problem, plain_text
from common.imports.xlsx import Limits, Unreadable, open_workbook
from season.domain.values import Change, enter_values
from season.exports.template import ORDER, SUBJECT, header_of
from season.models import Indicator, Period, Subject

MAX_BYTES = 10 * 1024 * 1024
UNREADABLE = {
    "not_xlsx": gettext_lazy("This is not an Excel .xlsx file. Save it as .xlsx and try again."),
    "too_big_unpacked": gettext_lazy("The file unpacks to more than %(mb)s MB."),
    "too_many_rows": gettext_lazy("Too many rows; at most %(max)s."),
    "too_many_cells": gettext_lazy("Too many cells (over %(max)s)."),
    "damaged": gettext_lazy("The file is damaged and cannot be read. Save it again from Excel."),
    "too_far": gettext_lazy("Cell %(cell)s lies beyond the template (%(rows)s rows)."),
}


def import_values(period: Period, data: bytes, actor, reason: str = "",
                  progress=None) -> list[Change]:  # fmt: skip
    """The period's values from an uploaded template; the values that changed. ``Invalid`` lists
    every problem and nothing is written. ``progress(done, total)`` hears after reading and
    after writing."""
    subjects = Subject.objects.filter(season=period.season_id).select_related(
        "unit", "person", "household"
    )
    subjects = list(subjects)
    indicators = list(Indicator.objects.filter(season=period.season_id))
    rows = read(period, data, subjects, indicators)
    if progress:
        progress(1, 2)
    changes = enter_values(period, rows, actor, sheet=period.name, reason=reason)
    if progress:
        progress(2, 2)
    return changes


def read(period: Period, data: bytes, subjects, indicators) -> list:
    if not data:
        raise Invalid([Problem("", None, "", _("The file is empty."))])
    if len(data) > MAX_BYTES:
        raise Invalid([Problem("", None, "", _("The file is larger than %(mb)s MB.")
                               % {"mb": MAX_BYTES >> 20})])  # fmt: skip
    limit = len(subjects) + 51
    try:
        wb, _scans = open_workbook(
            data, Limits(max_rows=limit, max_cells=limit * (len(indicators) + 4))
        )
    except Unreadable as unreadable:
        message = str(UNREADABLE[unreadable.code]) % unreadable.params
        raise Invalid([Problem(unreadable.sheet, None, "", message)]) from None
    try:
        if period.name not in wb.sheetnames:
            message = _("No sheet named %(name)s: download this period's template.") % {
                "name": period.name
            }
            raise Invalid([Problem("", None, "", message)])
        return _rows(period.name, wb[period.name], subjects, indicators)
    finally:
        wb.close()


def _rows(sheet: str, ws, subjects, indicators) -> list:
    problems: list[Problem] = []
    lines = list(ws.iter_rows())
    header = [plain_text(getattr(c, "value", None)) for c in lines[0]] if lines else []
    by_header = {header_of(i): i for i in indicators} | {i.name: i for i in indicators}
    if header[:2] != [ORDER, SUBJECT]:
        raise Invalid([Problem(sheet, 1, "A", _("The first two columns are %(a)s and %(b)s.")
                               % {"a": ORDER, "b": SUBJECT})])  # fmt: skip
    columns = {}
    for index, title in enumerate(header[2:], start=2):
        if not title:
            continue
        indicator = by_header.get(title)
        letter = get_column_letter(index + 1)
        if indicator is None:
            problems.append(Problem(sheet, 1, letter, _("No indicator %(name)s in this season.")
                                    % {"name": title}))  # fmt: skip
        elif indicator in columns.values():
            problems.append(Problem(sheet, 1, letter, _("%(name)s appears twice.")
                                    % {"name": title}))  # fmt: skip
        else:
            columns[index] = indicator
    by_name = {s.name: s for s in subjects}
    seen: dict[str, int] = {}
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = list(line)
        name_cell = cells[1] if len(cells) > 1 else None
        problem = cell_problem(name_cell)
        name = "" if problem else plain_text(getattr(name_cell, "value", None))
        if problem:
            problems.append(Problem(sheet, number, "B", problem))
            continue
        if not name:
            if any(getattr(c, "value", None) not in (None, "") for c in cells[2:]):
                problems.append(Problem(sheet, number, "B", _("Values without a subject.")))
            continue
        subject = by_name.get(name)
        if subject is None:
            problems.append(Problem(sheet, number, "B", _("No subject %(name)s in this season.")
                                    % {"name": name}))  # fmt: skip
            continue
        if name in seen:
            problems.append(Problem(sheet, number, "B", _("%(name)s is already on row %(row)s.")
                                    % {"name": name, "row": seen[name]}))  # fmt: skip
            continue
        seen[name] = number
        for index, indicator in columns.items():
            cell = cells[index] if index < len(cells) else None
            value = _number(sheet, number, get_column_letter(index + 1), cell, problems)
            if value is not False:
                rows.append((number, subject, indicator, value))
    if problems:
        raise Invalid(problems)
    return rows


def _number(sheet, number, letter, cell, problems) -> Decimal | None | bool:
    """The cell's number, ``None`` when empty, ``False`` after recording a problem."""
    problem = cell_problem(cell)
    if problem:
        problems.append(Problem(sheet, number, letter, problem))
        return False
    try:
        return typed_number(plain_text(getattr(cell, "value", None)))
    except NotANumber as problem:
        problems.append(Problem(sheet, number, letter, str(problem)))
        return False


class NotANumber(ValueError):
    pass


def typed_number(text: str) -> Decimal | None:
    """What a person typed as a value: ``None`` when blank, else a number a value can hold;
    ``NotANumber`` says why not."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise NotANumber(_("%(text)s is not a number.") % {"text": text[:40]})
    if abs(value) >= 10**12 or value.as_tuple().exponent < -4:
        raise NotANumber(_("At most 12 digits before the point and 4 after."))
    return value
