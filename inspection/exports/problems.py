"""The period's problems and counts in the inspection workbook: 问题清单 (every problem, its
review and a path to its page with the photos) and 计数 — each unit's accepted problems found and
found at it counted by COUNTIFS over the list (by the units' keys: a name may hold a wildcard),
and each count indicator's points recounted by formula from the value the season holds, so a
spreadsheet checks the tool's counts and points."""

from django.utils.translation import gettext as _

from common.exports.layout import FIRST_DATA_ROW
from common.exports.safe import Formula, WholeFormula
from common.scoring import shown
from common.scoring.indicators import value_points
from inspection.domain.counts import COUNTED
from inspection.models import Draw, Problem
from season.domain.rules import build
from season.models import Indicator, Subject, Value


def problem_rows(period) -> tuple[list, list[list]]:
    header = [_("No."), _("Inspecting unit"), _("Inspected unit"), _("Category"), _("Place"),
              _("What is wrong"), _("Responsible person"), _("Their phone"), _("Status"),
              _("Sent back as"), _("Photos"), _("Page"), _("Status code"),
              _("Inspecting unit's key"), _("Inspected unit's key")]  # fmt: skip
    drawn = Problem.objects.filter(pair__draw__period=period, pair__draw__state=Draw.State.DRAWN)
    problems = (drawn.select_related("pair__inspector__unit", "pair__inspected__unit")
                .prefetch_related("photos").order_by("created_at", "pk"))  # fmt: skip
    rows = [
        [n, p.pair.inspector.name, p.pair.inspected.name, p.get_category_display(), p.place,
         p.description, p.responsible, p.phone, p.get_status_display(),
         p.get_sent_back_as_display() if p.sent_back_as else "", len(p.photos.all()),
         f"/seasons/{period.season_id}/problems/{p.pk}/", p.status, p.pair.inspector_id,
         p.pair.inspected_id]
        for n, p in enumerate(problems, start=1)
    ]  # fmt: skip
    return header, rows


def count_rows(period, list_title: str, list_size: int) -> tuple[list, list[list], list]:
    """``(header, rows, expected)``: ``expected`` holds what the tool says of each formula cell
    (counts and shown points), row by row, for the recount test and for the page."""
    indicators = list(Indicator.objects.filter(season=period.season, rule=Indicator.Rule.COUNT))
    header = [_("Unit"), _("Unit's key"), _("accepted problems found"),
              _("accepted problems received")]  # fmt: skip
    for indicator in indicators:
        header += [f"{indicator.name} · {_('value')}", f"{indicator.name} · {_('points')}"]
    draw = Draw.objects.filter(period=period, state=Draw.State.DRAWN).first()
    if draw is None:
        return header, [], []
    units = set(draw.pairs.values_list("inspector", flat=True)) | set(
        draw.pairs.values_list("inspected", flat=True))  # fmt: skip
    subjects = list(Subject.objects.filter(pk__in=units).named().order_by("order"))
    values = {(v.subject_id, v.indicator_id): v.value
              for v in Value.objects.filter(period=period, indicator__in=indicators)}  # fmt: skip
    found = {s.pk: 0 for s in subjects}
    received = {s.pk: 0 for s in subjects}
    for a, b in Problem.objects.filter(pair__draw=draw, status__in=COUNTED).values_list(
        "pair__inspector", "pair__inspected"
    ):
        found[a] += 1
        received[b] += 1
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + max(list_size, 1) - 1
    quoted = "'" + list_title.replace("'", "''") + "'!"
    places = period.season.precision
    rows, expected = [], []
    for r, subject in enumerate(subjects, start=FIRST_DATA_ROW):

        def counted(column, r=r):
            return "+".join(
                f"COUNTIFS({quoted}${column}${first}:${column}${last},$B{r},"
                f'{quoted}$M${first}:$M${last},"{status}")'
                for status in COUNTED
            )

        row = [subject.name, subject.pk, WholeFormula(f"={counted('N')}"),
               WholeFormula(f"={counted('O')}")]  # fmt: skip
        want = [str(found[subject.pk]), str(received[subject.pk])]
        for k, indicator in enumerate(indicators):
            value = values.get((subject.pk, indicator.pk))
            rule = build(indicator.rule, indicator.params)
            value_col = chr(ord("E") + 2 * k)
            row += [value, Formula(_count_points(f"{value_col}{r}", indicator.params, places))
                    if value is not None else ""]  # fmt: skip
            want += ["" if value is None else str(int(value)),
                     "" if value is None else shown(value_points(rule, value), places)]  # fmt: skip
        rows.append(row)
        expected.append(want)
    return header, rows, expected


def _count_points(cell: str, params: dict, places: int) -> str:
    """The count rule (``common.scoring.indicators.Count``) as a formula: sign × points per step
    counted above the base, the value counted up to the cap."""
    cap = params.get("cap")
    counted = cell if cap in (None, "") else f"MIN({cell},{int(cap)})"
    sign = "-" if int(params.get("sign", 1)) < 0 else ""
    step, points, base = params.get("step", "1"), params["points"], int(params["base"])
    return f'=IF({cell}="","",ROUND({sign}{points}*MAX(0,INT(({counted}-{base})/{step})),{places}))'
