"""The season's tables (django-tables2): a period's standing with every dimension's score and
contribution, and the cumulative standing with a column per period. Columns are added at run
time from the season's scorecard and periods."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from common.interfaces.tables import NumberColumn, with_number
from season.queries.board import PeriodView
from season.queries.overview import SeasonView

UNRANKED = 10**9
PER_PAGE = 100


class StandingTable(tables.Table):
    rank = tables.Column(verbose_name=_("Rank"), order_by=("rank_sort", "order"),
                         attrs={"td": {"class": "rank"}})  # fmt: skip
    subject = tables.Column(verbose_name=_("Subject"), order_by=("order",))

    class Meta:
        attrs = {"class": "leaderboard standing"}
        template_name = "season/table.html"
        orderable = True


def _base(rank: int | None, subject, url: str | None) -> dict:
    return {
        "rank": "—" if rank is None else rank,
        "rank_sort": UNRANKED if rank is None else rank,
        "order": subject.order,
        "subject": subject.name,
        "subject_url": url,
        "subject_pk": subject.pk,
    }


def period_table(view: PeriodView, places: int, url_of) -> StandingTable:
    """``url_of(subject)``: the link to a subject's scorecard, or ``None``."""
    columns = []
    for i, (name, weight) in enumerate(view.dimensions):
        label = _("%(name)s (×%(weight)s)") % {"name": name, "weight": weight.normalize()}
        columns.append((f"d{i}", NumberColumn(f"d{i}", verbose_name=label)))
        label = _("%(name)s contributes") % {"name": name}
        columns.append((f"c{i}", NumberColumn(f"c{i}", verbose_name=label, css_class="num")))
    columns.append(("total", NumberColumn("total", verbose_name=_("Total"),
                                          css_class="num final")))  # fmt: skip
    if view.corrected:
        columns.append(("published", tables.Column(verbose_name=_("As published"),
                                                   orderable=False, default="")))  # fmt: skip
    records = []
    for row in view.rows:
        record = _base(row.line.rank, row.line.subject, url_of(row.line.subject))
        for i, part in enumerate(row.parts):
            with_number(record, f"d{i}", part.score, places)
            with_number(record, f"c{i}", part.contribution, places)
        with_number(record, "total", row.line.shown, places)
        if row.missing:
            record["total"] = _("waiting for %(what)s") % {"what": "、".join(row.missing)}
        if view.corrected:
            record["published"] = "" if row.published is None else _published(*row.published)
        records.append(record)
    return StandingTable(records, extra_columns=columns)


def _published(shown: str | None, rank: int | None) -> str:
    if shown is None:
        return "—"
    return _("%(score)s, rank %(rank)s") % {"score": shown, "rank": rank or "—"}


def season_table(view: SeasonView, places: int, url_of) -> StandingTable:
    columns = [(f"p{p.pk}", NumberColumn(f"p{p.pk}", verbose_name=p.name)) for p in view.counted]
    columns.append(("total", NumberColumn("total", verbose_name=_("Cumulative"),
                                          css_class="num final")))  # fmt: skip
    records = []
    for line in view.lines:
        record = _base(line.rank, line.subject, url_of(line.subject))
        for period in view.counted:
            with_number(record, f"p{period.pk}", line.periods[period.pk].shown, places)
        with_number(record, "total", line.shown, places)
        records.append(record)
    return StandingTable(records, extra_columns=columns)
