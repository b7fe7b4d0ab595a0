"""A problem in what someone handed in, with its place: sheet, row, column. Every import
collects them all before writing anything, and refuses with the whole list."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


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


class Invalid(Exception):
    """Nothing was written: ``problems`` says what is wrong and where."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
