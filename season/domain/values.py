"""Entering a period's values: every row checked against its indicator's rule first, then all
written or none. A published period changes only through a correction with a reason."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.problems import Invalid, Problem
from common.domain.refusals import Refused
from common.scoring import indicators
from season.domain.audit import record
from season.domain.rules import build, message
from season.models import Indicator, Period, SeasonEntry, Subject, Value


class ValuesRefused(Refused):
    pass


@dataclass(frozen=True)
class Change:
    subject: Subject
    indicator: Indicator
    old: Decimal | None
    new: Decimal | None

    @property
    def old_text(self) -> str:
        return _text(self.old) or "—"

    @property
    def new_text(self) -> str:
        return _text(self.new) or "—"


def enter_values(period: Period, rows, actor, *, sheet: str = "", reason: str = "",
                 expected: dict | None = None) -> list[Change]:  # fmt: skip
    """``rows``: ``(row number, subject, indicator, value or None)``; ``None`` removes a value.
    Returns the values that changed. A published period takes values only with a ``reason``
    (a correction: audited with each old and new value; the published standing is kept), and
    so does a manual score that is set or changed (the reason is kept on the value).

    ``expected``: ``{(subject id, indicator id): value or None}`` as the person saw them (a grid
    opened a while ago). A value someone else changed since then is not overwritten: the whole
    save is refused naming it, so two people entering at once never lose each other's work."""
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
                indicators.value_points(build(indicator.rule, indicator.params), value)
            except indicators.Problem as problem:
                problems.append(Problem(sheet, line, indicator.name, message(problem)))
        if problems:
            raise Invalid(problems)
        existing = {
            (v.subject_id, v.indicator_id): v
            for v in Value.objects.filter(period=period).select_for_update()
        }
        changes = []
        for line, subject, indicator, value in rows:
            old = existing.get((subject.pk, indicator.pk))
            stored = old.value if old else None
            if stored == value:
                continue
            key = (subject.pk, indicator.pk)
            if expected is not None and key in expected and expected[key] != stored:
                now = "—" if stored is None else _text(stored)
                problems.append(Problem(sheet, line, indicator.name, _(
                    "%(subject)s: changed by someone else meanwhile (now %(now)s); reload and "
                    "enter it again") % {"subject": subject.name, "now": now}))  # fmt: skip
            if indicator.rule == "manual" and value is not None and not reason.strip():
                problems.append(Problem(sheet, line, indicator.name, _(
                    "%(subject)s: a manual score needs a reason (the reason field)")
                    % {"subject": subject.name}))  # fmt: skip
            changes.append((subject, indicator, old, value))
        made = [Change(s, i, old.value if old else None, value) for s, i, old, value in changes]
        if problems:
            raise Invalid(problems)
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
            detail = [[c.subject.pk, c.indicator.pk, _text(c.old), _text(c.new)] for c in made]
            record(period.season, actor, kind, period=period, reason=reason, changes=detail)
        return made


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"
