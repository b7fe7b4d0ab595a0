"""The leaderboard table (django-tables2), one column per criterion added at run time."""

from decimal import Decimal

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from review.queries.results import EventResults

UNRANKED = 10**9


def fixed(value: Decimal | None, places: int) -> str:
    return "—" if value is None else f"{value:.{places}f}"


class DecimalColumn(tables.Column):
    """Right-aligned numbers that sort as numbers, blanks last."""

    def __init__(self, name, *, places=2, css_class="num", **kwargs):
        self.places = places
        attrs = {"td": {"class": css_class}, "th": {"class": "num"}}
        super().__init__(
            accessor=name, order_by=(sort_key(name),), attrs=attrs, empty_values=(), **kwargs
        )

    def render(self, value):
        return fixed(value, self.places)


def sort_key(name: str) -> str:
    return f"{name}_sort"


def with_sort_key(record: dict, name: str, value: Decimal | None) -> None:
    """Numbers sort as numbers; a blank sorts below every score."""
    record[name] = value
    record[sort_key(name)] = Decimal(-1) if value is None else value


class LeaderboardTable(tables.Table):
    rank = tables.Column(
        verbose_name=_("Rank"), order_by=("rank", "order"), attrs={"td": {"class": "rank"}}
    )
    name = tables.Column(verbose_name=_("Contestant"))
    unit = tables.Column(verbose_name=_("Unit"))
    title = tables.Column(verbose_name=_("Report title"), attrs={"td": {"class": "title"}})
    judges = tables.Column(verbose_name=_("Judges counted"), order_by=("counted",))
    dropped_high = tables.Column(verbose_name=_("Dropped high"), orderable=False)
    dropped_low = tables.Column(verbose_name=_("Dropped low"), orderable=False)
    note = tables.Column(
        verbose_name=_("Note"), orderable=False, default="", attrs={"td": {"class": "note"}}
    )

    class Meta:
        order_by = ("rank",)
        attrs = {"class": "leaderboard"}
        sequence = (
            "rank",
            "name",
            "unit",
            "title",
            "...",
            "judges",
            "dropped_high",
            "dropped_low",
            "final",
            "note",
        )

    def render_rank(self, value):
        return "—" if value >= UNRANKED else value


def leaderboard_table(results: EventResults, request=None) -> LeaderboardTable:
    places = results.event.precision
    rows = []
    for row in results.rows:
        sub = row.submission
        means = row.result.criterion_means
        record = {
            "rank": row.rank or UNRANKED,
            "order": sub.order,
            "name": sub.contestant.name,
            "unit": sub.contestant.unit.name,
            "title": sub.title,
            "counted": row.counted,
            "judges": f"{row.counted}/{row.expected}",
            "dropped_high": "、".join(fixed(v, places) for v in row.dropped_high) or "—",
            "dropped_low": "、".join(fixed(v, places) for v in row.dropped_low) or "—",
            "note": row.note or "",
        }
        with_sort_key(record, "final", row.result.final)
        for c in results.criteria:
            with_sort_key(record, f"c{c.pk}", means[c.pk])
        rows.append(record)
    extra = [
        (f"c{c.pk}", DecimalColumn(f"c{c.pk}", verbose_name=c.name, places=places))
        for c in results.criteria
    ]
    extra.append(
        (
            "final",
            DecimalColumn(
                "final", verbose_name=_("Final score"), places=places, css_class="num final"
            ),
        )
    )
    return LeaderboardTable(rows, extra_columns=extra, request=request)


class AuditTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Time"), format="Y-m-d H:i:s")
    actor = tables.Column(verbose_name=_("By"), default="—")
    kind = tables.Column(verbose_name=_("What"))
    submission = tables.Column(
        verbose_name=_("Report"), accessor="submission__contestant__name", default=""
    )
    judge = tables.Column(verbose_name=_("Judge"), default="")
    criterion = tables.Column(verbose_name=_("Criterion"), default="")
    change = tables.Column(verbose_name=_("Old → new"), empty_values=(), orderable=False)
    reason = tables.Column(verbose_name=_("Reason"), default="", attrs={"td": {"class": "note"}})

    class Meta:
        attrs = {"class": "leaderboard audit"}

    def render_change(self, record):
        if record.kind != record.Kind.SCORE_CHANGED:
            return ""
        old = "—" if record.old_value is None else record.old_value
        new = "—" if record.new_value is None else record.new_value
        return f"{old} → {new}"
