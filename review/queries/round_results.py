"""The results of a round shaped as a tree (several segments or panels, or a summing panel),
fetched in a fixed number of queries and scored by ``common.scoring.tree``.

A single-segment, single-panel round is scored by ``review.queries.results`` instead (the flat
rule, which the tree equals and which also gives tie-breaks and criterion means);
``review.queries.standing`` is where a reader that needs any round's standing gets it."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from common import scoring
from common.scoring import tree
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, Criterion, Event, Judge, Round, ScoreSheet, TieBreakRule
from review.queries.adjustments import adjustment_totals, with_adjustment
from review.queries.results import event_results
from review.queries.sheet_scores import ScoresText
from review.queries.structure import RoundShape, round_shape

#: ``{segment id: {panel id: {judge id: sheet total}}}`` of one appearance's counted sheets
Totals = dict[int, dict[int, dict[int, Decimal]]]


@dataclass
class TreeRow:
    appearance: Appearance
    stage: tree.Stage  # the round's; its parts are the segments, theirs the panels
    totals: Totals
    recused: frozenset[int]
    rank: int | None = None
    adjustment: Decimal = Decimal(0)  # 加分/扣分, already in the round's stage
    unadjusted: Decimal | None = None

    @property
    def shown_final(self) -> Decimal | None:
        return self.stage.shown

    def segment(self, segment_id: int) -> tree.Stage:
        return next(s for s in self.stage.parts if s.key == segment_id)

    def panel(self, segment_id: int, panel_id: int) -> tree.Stage:
        return next(p for p in self.segment(segment_id).parts if p.key == panel_id)


@dataclass
class RoundResults:
    event: Event
    shape: RoundShape
    judges: list[Judge]
    criteria: list[Criterion]
    rows: list[TreeRow]  # in running order
    has_generated_scores: bool = False
    #: ``{(judge id, appearance id, segment id): status}`` of every sheet
    sheet_status: dict[tuple[int, int, int], str] = field(default_factory=dict)
    #: ``{(appearance id, segment id): {judge id: {criterion id: value}}}`` of counted sheets
    sheets: dict[tuple[int, int], dict[int, dict]] = field(default_factory=dict)

    @property
    def round(self) -> Round:
        return self.shape.round

    @property
    def places(self) -> int:
        return self.round.places(self.event)

    @property
    def ranked(self) -> list[TreeRow]:
        return sorted(self.rows, key=lambda r: scoring.ranking_order(r.rank, r.appearance.order))

    def members(self, panel_id: int) -> list[Judge]:
        return [j for j in self.judges if self.shape.panel_of(j.pk) == panel_id]


def round_results(
    event: Event, round_: Round, only: Appearance | None = None, shape: RoundShape | None = None
) -> RoundResults:
    """Every appearance of the round, ranked; or ``only`` one of them (unranked)."""
    shape = shape or round_shape(round_)
    judges = list(Judge.objects.filter(event=event).select_related("unit"))
    criteria = list(Criterion.objects.filter(segment__round=round_))
    appearances = Appearance.objects.filter(round=round_)
    if only is not None:
        appearances = appearances.filter(pk=only.pk)
    appearances = list(appearances.select_related("contestant__unit"))
    recused = recused_pairs(judges, appearances, declared_recusals(event.pk))
    specs = defaultdict(list)
    for criterion in criteria:
        specs[criterion.segment_id].append(criterion.spec)

    counted: dict[tuple[int, int], dict[int, dict]] = defaultdict(dict)
    status = {}
    parse = ScoresText().parse
    sheets = ScoreSheet.objects.filter(appearance__round=round_)
    if only is not None:
        sheets = sheets.filter(appearance=only)
    rows = sheets.order_by().values_list(
        "judge_id", "appearance_id", "segment_id", "status", "scores_text"
    )
    for judge_id, sub_id, segment_id, state, text in rows:
        status[(judge_id, sub_id, segment_id)] = state
        if state != ScoreSheet.Status.SUBMITTED or (judge_id, sub_id) in recused:
            continue
        counted[(sub_id, segment_id)][judge_id] = parse(text)
    totals: dict[int, Totals] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    panel_of = {j.pk: shape.panel_of(j.pk) for j in judges}
    for (sub_id, segment_id), sheets_here in counted.items():
        for judge_id, total in scoring.sheet_totals(sheets_here, specs[segment_id]).items():
            totals[sub_id][segment_id][panel_of[judge_id]][judge_id] = total

    spec = shape.spec()
    seats = {j.pk: j.seat for j in judges}
    places, rounding = round_.places(event), tree.Rounding(event.rounding)
    result_rows = []
    points = adjustment_totals(round_, only.pk if only is not None else None)
    for sub in appearances:
        mine = totals.get(sub.pk, {})
        stage = tree.node_score(spec, mine, places, rounding, seats)
        recused_here = frozenset(j.pk for j in judges if (j.pk, sub.pk) in recused)
        row = TreeRow(sub, stage, mine, recused_here)
        if points.get(sub.pk) and stage.value is not None:
            row.adjustment, row.unadjusted = points[sub.pk], stage.shown
            value, shown = with_adjustment(
                stage.value, stage.shown, points[sub.pk], places, event.rounding
            )
            row.stage = replace(stage, value=value, shown=shown)
        result_rows.append(row)
    chain = [
        t.segment_id for t in TieBreakRule.objects.filter(event=event, kind="segment")
        if t.segment_id in {s.pk for s in shape.segments}
    ]  # fmt: skip
    keys = [
        scoring.tree_rank_key(r.stage.shown, [r.segment(s).shown for s in chain])
        for r in result_rows
    ]
    for row, rank in zip(result_rows, scoring.competition_ranks(keys), strict=True):
        row.rank = rank
    if shape.is_flat and only is None:
        # A single-segment, single-panel round is ranked by the flat rule, whose tie-break chain
        # reads criterion means and medians the tree keeps no record of: the same ranks as the
        # ranking page, the awards and advancement (``queries.standing``).
        flat = {r.appearance.pk: r.rank for r in event_results(event, round_, shape).rows}
        for row in result_rows:
            row.rank = flat[row.appearance.pk]
    generated = ScoreSheet.objects.filter(appearance__event=event, is_generated=True).exists()
    return RoundResults(
        event, shape, judges, criteria, result_rows, generated, status, dict(counted)
    )


def waiting_for(stage: tree.Stage, parts, panels=()) -> str:
    """What a stage without a value waits for, by the parts' names — down to the panel
    (讲述·大众) where a part lacks only some of its ``panels``, never the whole part."""
    if not stage.missing:
        return ""
    names = {part.pk: part.name for part in parts}
    panel_names = {panel.pk: panel.name for panel in panels}
    children = {child.key: child for child in stage.parts}
    missing = []
    for key in stage.missing:
        child = children.get(key)
        name = names.get(key, str(key))
        if child is not None and child.state is tree.State.INCOMPLETE and panel_names:
            missing += [f"{name}·{panel_names.get(p, p)}" for p in child.missing]
        else:
            missing.append(name)
    return _("Waiting for: %(parts)s") % {"parts": "、".join(missing)}
