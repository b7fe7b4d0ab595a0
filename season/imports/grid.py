"""The values typed on a period's grid: only the cells a person changed, with the value each
showed when the grid was opened (so a save never overwrites someone else's newer value)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from common.domain.problems import Invalid, Problem
from season.domain.values import Change, enter_values
from season.imports.values import NotANumber, typed_number
from season.models import Indicator, Period, Subject

MAX_CHARS = 40


def cell_name(subject_pk: int, indicator_pk: int) -> str:
    return f"v-{subject_pk}-{indicator_pk}"


def was_name(subject_pk: int, indicator_pk: int) -> str:
    return f"was-{subject_pk}-{indicator_pk}"


def save_grid(period: Period, data, actor, subjects: list[Subject],
              indicators: list[Indicator], reason: str = "") -> list[Change]:  # fmt: skip
    """``data``: the posted form. Cells whose text equals what the grid showed are left alone.
    ``Invalid`` names each bad cell by subject and indicator; nothing is written then."""
    sheet = _("grid")
    rows, expected, problems = [], {}, []
    for subject in subjects:
        for indicator in indicators:
            name = cell_name(subject.pk, indicator.pk)
            if name not in data:
                continue
            text = str(data.get(name, ""))[:MAX_CHARS]
            shown = str(data.get(was_name(subject.pk, indicator.pk), ""))[:MAX_CHARS]
            if text.strip() == shown.strip():
                continue
            where = f"{subject.name} · {indicator.name}"
            try:
                value = typed_number(text)
                was = typed_number(shown)
            except NotANumber as problem:
                problems.append(Problem(sheet, subject.order, where, str(problem)))
                continue
            rows.append((subject.order, subject, indicator, value))
            expected[(subject.pk, indicator.pk)] = was
    if problems:
        raise Invalid(problems)
    return enter_values(period, rows, actor, sheet=sheet, reason=reason, expected=expected)


def shown(value: Decimal | None) -> str:
    """A stored value as the grid shows it (no trailing zeros)."""
    return "" if value is None else f"{value.normalize():f}"
