"""The stamps in the season's year-end workbook (``common.exports.components``): each
household's red points and reward, month by month."""

from django.utils.translation import gettext as _

from common.exports.components import Component
from season.models import Subject
from stamps.domain.stamps import month_results
from stamps.models import Stamp


def stamp_sheets(season, periods) -> list[Component]:
    stamped = set(Stamp.objects.filter(season=season, period__in=periods)
                  .values_list("period_id", flat=True))  # fmt: skip
    periods = [p for p in periods if p.pk in stamped]
    if not periods:
        return []
    subjects = list(Subject.objects.filter(season=season).named().order_by("order"))
    results = {p.pk: month_results(p, subjects) for p in periods}
    header = ["序号", _("Household")]
    for period in periods:
        header += [f"{period.name} · {_('Red points')}", f"{period.name} · {_('Reward')}"]
    rows = []
    for subject in subjects:
        row = [subject.order, subject.name]
        for period in periods:
            month = results[period.pk][subject.pk][1]
            row += [month.shown_points, month.tier.name if month.tier else ""]
        rows.append(row)
    return [Component(_("Stamp rewards"), header, rows)]
