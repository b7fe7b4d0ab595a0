"""A new season's subjects as typed, one a line: a unit's name, a person as ``姓名, 单位``, or a
household as ``户主, 村/组`` (the second part may be left out). Every problem names its line;
nothing is kept then."""

from django.utils.translation import gettext as _

from common.domain.problems import Invalid, Problem

MAX_SUBJECTS = 2000
MAX_NAME = 100


def read_subjects(kind: str, text: str) -> list[tuple[str, str]]:
    """``[(name, unit name)]`` in order (units: the unit name twice)."""
    found, problems, seen = [], [], {}
    lines = str(text or "").splitlines()
    if len(lines) > MAX_SUBJECTS:
        raise Invalid([Problem("", None, "", _("At most %(n)s subjects.") % {"n": MAX_SUBJECTS})])
    sheet = _("subjects")
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        if kind in ("people", "households"):
            name, _comma, unit = (p.strip() for p in line.replace("，", ",").partition(","))
        else:
            name, unit = line, line
        if kind == "people" and not unit:
            unit = name
        if not name or len(name) > MAX_NAME or len(unit) > MAX_NAME:
            problems.append(Problem(sheet, number, "", _("A name of 1 to %(n)s characters.")
                                    % {"n": MAX_NAME}))  # fmt: skip
            continue
        key = (name, unit)
        if key in seen:
            problems.append(Problem(sheet, number, "", _("%(name)s is already on line %(line)s.")
                                    % {"name": name, "line": seen[key]}))  # fmt: skip
            continue
        seen[key] = number
        found.append(key)
    if problems:
        raise Invalid(problems)
    if not found:
        raise Invalid([Problem(sheet, None, "", _("Give at least one subject."))])
    return found
