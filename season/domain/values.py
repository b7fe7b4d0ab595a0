"""Entering a period's values: every row checked against its indicator's rule first, then all
written or none. A published period changes only through a correction with a reason."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.problems import Invalid, Problem
from common.domain.refusals import Refused
from common.scoring import indicators
from season.domain.audit import record
from season.domain.rules import build, message
from season.models import Period, SeasonEntry, Value


class ValuesRefused(Refused):
    pass


def enter_values(period: Period, rows, actor, *, sheet: str = "", reason: str = "") -> int:
    """``rows``: ``(row number, subject, indicator, value or None)``; ``None`` removes a value.
    Returns how many values changed. A published period takes values only with a ``reason``
    (a correction: audited with each old and new value; the published standing is kept)."""
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        published = period.status == Period.Status.PUBLISHED
        if published and not reason.strip():
            raise ValuesRefused(
                _("%(period)s is published: a value changes only by a correction with a reason.")
                % {"period": period.name}
            )
        problems = []
        for line, subject, indicator, value in rows:
            if subject.season_id != period.season_id or indicator.season_id != period.season_id:
                problems.append(Problem(sheet, line, indicator.name,
                                        _("not of this season")))  # fmt: skip
                continue
            if value is None or indicator.rule == "rank":
                continue
            try:
                build(indicator.rule, indicator.params).earn(value)
            except indicators.Problem as problem:
                problems.append(Problem(sheet, line, indicator.name, message(problem)))
        if problems:
            raise Invalid(problems)
        existing = {
            (v.subject_id, v.indicator_id): v
            for v in Value.objects.filter(period=period).select_for_update()
        }
        changes = []
        for _line, subject, indicator, value in rows:
            old = existing.get((subject.pk, indicator.pk))
            if (old.value if old else None) == value:
                continue
            changes.append((subject, indicator, old, value))
        for subject, indicator, old, value in changes:
            if value is None:
                old.delete()
            elif old is None:
                Value.objects.create(period=period, subject=subject, indicator=indicator,
                                     value=value, note=reason)  # fmt: skip
            else:
                old.value, old.note = value, reason
                old.save(update_fields=["value", "note", "updated_at"])
        if changes:
            kind = SeasonEntry.Kind.CORRECTED if published else SeasonEntry.Kind.VALUES
            detail = [
                [s.pk, i.pk, _text(old.value if old else None), _text(value)]
                for s, i, old, value in changes
            ]
            record(period.season, actor, kind, period=period, reason=reason, changes=detail)
        return len(changes)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"
