"""The cross-inspections in the season's year-end workbook (``common.exports.components``):
each unit's accepted problems found and found at it, period by period, and the year's sums."""

from django.db.models import Count
from django.utils.translation import gettext as _

from common.exports.components import Component
from inspection.domain.counts import COUNTED
from inspection.models import Draw, Problem
from season.models import Subject


def cross_inspection_sheets(season, periods) -> list[Component]:
    drawn = set(Draw.objects.filter(season=season, state=Draw.State.DRAWN, period__in=periods)
                .values_list("period_id", flat=True))  # fmt: skip
    periods = [p for p in periods if p.pk in drawn]
    if not periods:
        return []
    accepted = Problem.objects.filter(pair__draw__period__in=periods, status__in=COUNTED,
                                      pair__draw__state=Draw.State.DRAWN)  # fmt: skip
    found, received = _by_unit(accepted, "inspector"), _by_unit(accepted, "inspected")
    header = ["序号", _("Unit")]
    for period in periods:
        header += [f"{period.name} · {_('found')}", f"{period.name} · {_('found at it')}"]
    header += [_("Year · found"), _("Year · found at it")]
    rows = []
    for subject in Subject.objects.filter(season=season).named().order_by("order"):
        row = [subject.order, subject.name]
        for period in periods:
            row += [found.get((period.pk, subject.pk), 0), received.get((period.pk, subject.pk), 0)]
        row += [sum(row[2::2]), sum(row[3::2])]
        rows.append(row)
    return [Component(_("Cross-inspections"), header, rows)]


def _by_unit(accepted, side: str) -> dict[tuple[int, int], int]:
    """``{(period id, subject id): accepted problems}``, by the pair's ``side``."""
    grouped = accepted.values("pair__draw__period", f"pair__{side}").annotate(n=Count("pk"))
    return {(g["pair__draw__period"], g[f"pair__{side}"]): g["n"] for g in grouped}
