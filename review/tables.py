"""The ranking tables (django-tables2): any round's — columns added at run time, one per
criterion of a flat-shaped round, one per segment and panel of a tree round — and the weighted
final's."""

from decimal import Decimal
from functools import cached_property

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from common.interfaces.tables import (  # noqa: F401 — the contest's tables read them here
    NumberColumn,
    fixed,
    page_number,
    sort_key,
    with_number,
)
from common.scoring import tree
from review.queries.final_results import FinalResults
from review.queries.round_results import RoundResults, TreeRow, waiting_for

UNRANKED = 10**9
#: Rows per page of the ranking; a hall's event fits on one.
RANKING_PER_PAGE = 100


class RankingRecord(dict):
    """One row of the ranking. Its criterion cells are filled in when first read — when the
    row is shown, or the table is sorted by a criterion — so a page of a big ranking works
    out the criterion means of the rows it shows, not of every row."""

    def __init__(self, fields: dict, means_of, criteria, places: int):
        super().__init__(fields)
        self._means_of, self._criteria, self._places = means_of, criteria, places
        self._filled = False

    def __missing__(self, key):
        if self._filled:
            raise KeyError(key)
        self._filled = True
        means = self._means_of()
        for c in self._criteria:
            with_number(self, f"c{c.pk}", means[c.pk], self._places)
        return self[key]


class RankingTable(tables.Table):
    """What every ranking shows first: the rank and who."""

    rank = tables.Column(
        verbose_name=_("Rank"), order_by=("rank_sort", "order"), attrs={"td": {"class": "rank"}}
    )
    name = tables.Column(verbose_name=_("Contestant"))
    unit = tables.Column(verbose_name=_("Unit"))


class LeaderboardTable(RankingTable):
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
        template_name = "review/leaderboard_table.html"
        # The score right after who: a leadership viewer on a phone sees it without scrolling
        # sideways past every criterion.
        sequence = (
            "rank",
            "name",
            "final",
            "unit",
            "title",
            "...",
            "judges",
            "dropped_high",
            "dropped_low",
            "note",
        )

    @cached_property
    def cell_spec(self) -> list[tuple[str, str]]:
        """``(record key, td class)`` of each shown column, in order."""
        return [
            (column.name, column.column.attrs.get("td", {}).get("class", ""))
            for column in self.columns
        ]


def who(rank: int | None, sub) -> dict:
    """The cells every ranking starts with: rank, and the contestant in running order."""
    return {
        "rank": "—" if rank is None else rank,
        "rank_sort": rank or UNRANKED,
        "order": sub.order,
        "name": sub.contestant.name,
        "unit": sub.contestant.unit.name,
    }


class AuditTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Time"), format="Y-m-d H:i:s")
    actor = tables.Column(verbose_name=_("By"), default="—")
    kind = tables.Column(verbose_name=_("What"))
    appearance = tables.Column(
        verbose_name=_("Report"), accessor="appearance__contestant__name", default=""
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


STATE_TEXT = {
    tree.State.NO_SHEETS: _("no scores yet"),
    tree.State.TOO_FEW: _("too few scores"),
    tree.State.INCOMPLETE: _("incomplete"),
}


def stage_text(stage: tree.Stage, places: int) -> str:
    return fixed(stage.shown, places) if stage.shown is not None else str(STATE_TEXT[stage.state])


def sortable(stage: tree.Stage) -> Decimal:
    return Decimal(-1) if stage.shown is None else stage.shown


def round_columns(results: RoundResults) -> list[tuple[str, tables.Column]]:
    """A flat-shaped round's criterion means; a tree round's segment scores (and each panel's,
    when the round has several panels); then the round's score."""
    shape = results.shape
    if shape.is_flat:
        columns = [(f"c{c.pk}", NumberColumn(f"c{c.pk}", verbose_name=c.name))
                   for c in results.criteria]  # fmt: skip
    else:
        columns = []
        for segment in shape.segments:
            if len(shape.panels) > 1:
                for panel in shape.panels:
                    name = f"s{segment.pk}p{panel.pk}"
                    label = f"{segment} · {panel}"
                    columns.append((name, NumberColumn(name, verbose_name=label)))
            name = f"s{segment.pk}"
            column = NumberColumn(name, verbose_name=str(segment), css_class="num seg")
            columns.append((name, column))
    label = _("Final score") if shape.is_flat else _("Round score")
    columns.append(("final", NumberColumn("final", verbose_name=label, css_class="num final")))
    return columns


def round_record(row: TreeRow, results: RoundResults) -> dict:
    places, shape = results.places, results.shape
    sub = row.appearance
    record = {
        **who(row.rank, sub),
        "title": sub.title,
        "counted": row.counted,
        "judges": f"{row.counted}/{row.expected}",
        "dropped_high": row.dropped_shown("dropped_high") or "—",
        "dropped_low": row.dropped_shown("dropped_low") or "—",
        "note": row.note,
    }
    if not shape.is_flat:
        for segment in shape.segments:
            stage = row.segment(segment.pk)
            for panel_stage in stage.parts:
                name = f"s{segment.pk}p{panel_stage.key}"
                record[name] = stage_text(panel_stage, places)
                record[sort_key(name)] = sortable(panel_stage)
            record[f"s{segment.pk}"] = stage_text(stage, places)
            record[sort_key(f"s{segment.pk}")] = sortable(stage)
    if row.stage.shown is None and not shape.is_flat:
        record["final"], record[sort_key("final")] = stage_text(row.stage, places), Decimal(-1)
    else:
        with_number(record, "final", row.shown_final, places)
    if not shape.is_flat:
        return record
    return RankingRecord(record, lambda: row.result.criterion_means, results.criteria, places)


def round_table(results: RoundResults) -> LeaderboardTable:
    """Any round's ranking, a flat one's as it always was; in rank order already, so the
    table's own (default) sort by rank has nothing to move."""
    columns = round_columns(results)
    if not results.shape.is_flat:  # a judge gives a sheet per segment
        columns.append(("judges", tables.Column(_("Sheets counted"), order_by=("counted",))))
    return LeaderboardTable(
        [round_record(row, results) for row in results.ranked], extra_columns=columns
    )


class FinalTable(RankingTable):
    """The final ranking of a weighted-rounds event: each round's score, then the final."""

    note = tables.Column(
        verbose_name=_("Note"), orderable=False, default="", attrs={"td": {"class": "note"}}
    )

    class Meta:
        order_by = ("rank",)
        attrs = {"class": "leaderboard"}
        sequence = ("rank", "name", "final", "unit", "...", "note")


def final_table(results: FinalResults) -> FinalTable:
    places = results.event.precision
    columns = [
        (f"r{r.pk}", NumberColumn(f"r{r.pk}", verbose_name=f"{r.name} ×{r.weight.normalize():f}"))
        for r in results.rounds
    ]
    columns.append(
        ("final", NumberColumn("final", verbose_name=_("Final score"), css_class="num final"))
    )
    records = []
    for row in results.ranked:
        record = {**who(row.rank, row.appearance), "note": ""}
        for r in results.rounds:
            record[f"r{r.pk}"] = stage_text(row.rounds[r.pk], places)
            record[sort_key(f"r{r.pk}")] = sortable(row.rounds[r.pk])
        record["final"] = stage_text(row.stage, places)
        record[sort_key("final")] = sortable(row.stage)
        record["note"] = waiting_for(row.stage, results.rounds)
        records.append(record)
    return FinalTable(records, extra_columns=columns)
