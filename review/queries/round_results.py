"""The results of a round of any shape — the flat one is a tree of one segment and one panel —
fetched in a fixed number of queries and scored by ``common.scoring.tree``: the one scoring
path of the contest. Each row carries its round stage (segments, panels, selections) and, on
demand, each panel's ``common.scoring.AppearanceResult`` (criterion means, untrimmed mean,
median) that the tie-break chain, the ranking page and the workbook read."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from common import scoring
from common.scoring import tree
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, Criterion, Event, Judge, Round, ScoreSheet, TieBreakRule
from review.queries.adjustments import adjustment_totals, with_adjustment
from review.queries.sheet_scores import ScoresText
from review.queries.structure import RoundShape, round_shape

#: ``{segment id: {panel id: {judge id: sheet total}}}`` of one appearance's counted sheets
Totals = dict[int, dict[int, dict[int, Decimal]]]
#: ``{segment id: {judge id: {criterion id: value}}}`` of one appearance's counted sheets
Sheets = dict[int, dict[int, dict[int, Decimal]]]

_NO_SELECTION = scoring.Selection((), (), (), 0, False)


@dataclass(frozen=True)
class RoundFrame:
    """What a row needs to know of its round to present itself (no reference back to the rows,
    so a round's results are freed as soon as nobody reads them)."""

    shape: RoundShape
    places: int
    criterion_keys: dict[int, list[int]]  # segment id → its criteria's ids

    @cached_property
    def panel_keys(self) -> list[tuple[int, int]]:
        return [(s.pk, p.pk) for s in self.shape.segments for p in self.shape.panels]

    @cached_property
    def panel_names(self) -> list[str]:
        """Each panel's name as a reader tells it from the others: 讲述·大众, or none at all
        where the round has one segment and one panel."""
        segments, panels = self.shape.segments, self.shape.panels
        return [
            "·".join(n for n in (s.name if len(segments) > 1 else "",
                                 p.name if len(panels) > 1 else "") if n)
            for s in segments for p in panels
        ]  # fmt: skip


@dataclass
class TreeRow:
    appearance: Appearance
    stage: tree.Stage  # the round's; its parts are the segments, theirs the panels
    totals: Totals
    recused: frozenset[int]
    sheets: Sheets = field(default_factory=dict, repr=False)
    expected: int = 0  # sheets expected: every panel member not recused, in every segment
    frame: RoundFrame | None = field(default=None, repr=False, compare=False)
    rank: int | None = None
    adjustment: Decimal = Decimal(0)  # 加分/扣分, already in the round's stage
    unadjusted: Decimal | None = None

    @property
    def shown_final(self) -> Decimal | None:
        return self.stage.shown

    def segment(self, segment_id: int) -> tree.Stage:
        for segment in self.stage.parts:
            if segment.key == segment_id:
                return segment
        raise KeyError(segment_id)

    def panel(self, segment_id: int, panel_id: int) -> tree.Stage:
        for panel in self.segment(segment_id).parts:
            if panel.key == panel_id:
                return panel
        raise KeyError(panel_id)

    def panel_result(self, segment_id: int, panel_id: int) -> scoring.AppearanceResult:
        """The panel's result as the flat rule publishes it: its judges' totals, who was
        dropped, its shown score, and (worked out when asked) criterion means, the untrimmed
        mean and the median over its sheets."""
        key = (segment_id, panel_id)
        found = self._panel_results.get(key)
        if found is None:
            stage = self.panel(segment_id, panel_id)
            totals = self.totals.get(segment_id, {}).get(panel_id, {})
            sheets = self.sheets.get(segment_id, {})
            selection = stage.selection or _NO_SELECTION
            found = scoring.AppearanceResult(
                totals=totals,
                selection=selection,
                final=stage.shown,
                places=self.frame.places,
                kept_sheets=[sheets[j] for j in selection.kept],
                criterion_keys=self.frame.criterion_keys.get(segment_id, []),
            )
            self._panel_results[key] = found
        return found

    @cached_property
    def _panel_results(self) -> dict:
        return {}

    @property
    def counted(self) -> int:
        """Sheets counted, over every segment and panel."""
        return sum(len(by_judge) for panels in self.totals.values() for by_judge in panels.values())

    @cached_property
    def result(self) -> scoring.AppearanceResult:
        """A flat-shaped round's only panel, with the round's final score (加减分 included);
        read once the row is complete."""
        shape = self.frame.shape
        only = self.panel_result(shape.segments[0].pk, shape.panels[0].pk)
        return replace(only, final=self.stage.shown)

    @property
    def dropped_low(self) -> list[Decimal]:
        return self._dropped("dropped_low")

    @property
    def dropped_high(self) -> list[Decimal]:
        return self._dropped("dropped_high")

    def _dropped(self, side: str) -> list[Decimal]:
        found = []
        for segment, panel in self.frame.panel_keys:
            stage = self.panel(segment, panel)
            if stage.selection is not None:
                totals = self.totals[segment][panel]
                found += [totals[j] for j in getattr(stage.selection, side)]
        return found

    def dropped_by_panel(self, side: str) -> list[tuple[str, list[Decimal]]]:
        """``[(segment·panel name, dropped totals)]`` of every panel that dropped some."""
        found = []
        for (segment, panel), name in zip(
            self.frame.panel_keys, self.frame.panel_names, strict=True
        ):
            stage = self.panel(segment, panel)
            if stage.selection is not None and getattr(stage.selection, side):
                totals = self.totals[segment][panel]
                found.append((name, [totals[j] for j in getattr(stage.selection, side)]))
        return found

    def dropped_shown(self, side: str) -> str:
        """The dropped totals as the page and the workbook show them, half up at the round's
        precision, each panel's named where the round has several (讲述·专家 95.00)."""
        places = self.frame.places
        return "；".join(
            (f"{name} " if name else "") + "、".join(scoring.shown(v, places) for v in values)
            for name, values in self.dropped_by_panel(side)
        )

    @property
    def note(self) -> str:
        """What a reader must know to re-check this row: that trimming was skipped, who has not
        scored, or which parts a round score without a value waits for."""
        shape = self.frame.shape
        if not shape.is_flat:
            return waiting_for(self.stage, shape.segments, shape.panels)
        fell_back = shape.is_flat and any(
            self.panel(s, p).selection is not None and self.panel(s, p).selection.fell_back
            for s, p in self.frame.panel_keys
        )
        if fell_back:
            return _("Too few scores to drop any: plain average of all %(n)s.") % {
                "n": self.counted
            }
        if self.counted < self.expected:
            return _("%(missing)s of %(expected)s judges have not scored.") % {
                "missing": self.expected - self.counted,
                "expected": self.expected,
            }
        return ""


@dataclass
class RoundResults:
    event: Event
    shape: RoundShape
    judges: list[Judge]
    criteria: list[Criterion]
    rows: list[TreeRow]  # in running order
    has_generated_scores: bool = False
    #: ``{(judge id, appearance id, segment id): status}`` of every sheet not submitted (a
    #: submitted one is counted, or its judge is recused)
    sheet_status: dict[tuple[int, int, int], str] = field(default_factory=dict)
    #: ``{(appearance id, segment id): {judge id: {criterion id: value}}}`` of counted sheets
    sheets: dict[tuple[int, int], dict[int, dict]] = field(default_factory=dict)
    tie_break_specs: list[scoring.TieBreak] = field(default_factory=list)
    frame: RoundFrame | None = None

    @property
    def round(self) -> Round:
        return self.shape.round

    @property
    def places(self) -> int:
        return self.frame.places

    @property
    def ranked(self) -> list[TreeRow]:
        return sorted(self.rows, key=lambda r: scoring.ranking_order(r.rank, r.appearance.order))

    @property
    def rule(self) -> scoring.Rule:
        """The (first) panel's rule: a flat-shaped round's whole rule."""
        return self.shape.rule(self.places)

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
    submitted = ScoreSheet.Status.SUBMITTED
    for judge_id, sub_id, segment_id, state, text in rows:
        if state != submitted:
            status[(judge_id, sub_id, segment_id)] = state
        elif (judge_id, sub_id) not in recused:
            counted[(sub_id, segment_id)][judge_id] = parse(text)
    panel_of = {j.pk: shape.panel_of(j.pk) for j in judges}
    single_panel = len(shape.panels) == 1 and shape.panels[0].pk
    totals: dict[int, Totals] = defaultdict(dict)
    by_appearance: dict[int, Sheets] = defaultdict(dict)
    for (sub_id, segment_id), sheets_here in counted.items():
        by_appearance[sub_id][segment_id] = sheets_here
        found = scoring.sheet_totals(sheets_here, specs[segment_id])
        if single_panel:
            totals[sub_id][segment_id] = {single_panel: found}
            continue
        panels = totals[sub_id].setdefault(segment_id, defaultdict(dict))
        for judge_id, total in found.items():
            panels[panel_of[judge_id]][judge_id] = total

    spec = shape.spec()
    seats = {j.pk: j.seat for j in judges}
    places, rounding = round_.places(event), tree.Rounding(event.rounding)
    members = defaultdict(set)
    for judge in judges:
        members[panel_of[judge.pk]].add(judge.pk)
    recused_by_appearance = defaultdict(set)
    for judge_id, sub_id in recused:
        recused_by_appearance[sub_id].add(judge_id)
    per_segment = sum(len(members[p.pk]) for p in shape.panels)
    keys = defaultdict(list)
    for criterion in criteria:
        keys[criterion.segment_id].append(criterion.pk)
    frame = RoundFrame(shape, places, dict(keys))
    results = RoundResults(event, shape, judges, criteria, [], sheet_status=status,
                           sheets=dict(counted), frame=frame)  # fmt: skip
    points = adjustment_totals(round_, only.pk if only is not None else None)
    result_rows = results.rows
    for sub in appearances:
        mine = totals.get(sub.pk, {})
        stage = tree.node_score(spec, mine, places, rounding, seats)
        recused_here = frozenset(recused_by_appearance.get(sub.pk, ()))
        expected = len(shape.segments) * (
            per_segment - sum(1 for j in recused_here if panel_of[j] is not None)
        )
        row = TreeRow(sub, stage, mine, recused_here, by_appearance.get(sub.pk, {}), expected,
                      frame)  # fmt: skip
        if points.get(sub.pk) and stage.value is not None:
            row.adjustment, row.unadjusted = points[sub.pk], stage.shown
            value, shown = with_adjustment(
                stage.value, stage.shown, points[sub.pk], places, event.rounding
            )
            row.stage = replace(stage, value=value, shown=shown)
        result_rows.append(row)
    results.tie_break_specs = [t.spec for t in TieBreakRule.objects.filter(event=event)]
    for row, rank in zip(result_rows, rank_rows(results, result_rows), strict=True):
        row.rank = rank
    results.has_generated_scores = ScoreSheet.objects.filter(
        appearance__event=event, is_generated=True
    ).exists()
    return results


def rank_rows(results: RoundResults, rows: list[TreeRow]) -> list[int | None]:
    """1-2-2-4 ranks of ``rows`` (all of the round's, or those shown so far) by their round
    score, then the round's tie-break chain."""
    chain = tie_break_chain(results)
    keys = [scoring.tree_rank_key(r.stage.shown, [link(r) for link in chain]) for r in rows]
    return scoring.competition_ranks(keys)


def tie_break_chain(results: RoundResults) -> list:
    """The event's tie-break links that apply to this round, each a function of a row: a
    segment's shown score (a segment of this round), or — in a round of one segment and one
    averaging panel — a criterion mean, the untrimmed mean or the median of its sheets. Links
    that cannot separate this round's rows are left out (a flat round's segment link is its
    round score; another round's segment is nobody's)."""
    shape = results.shape
    segments = {s.pk for s in shape.segments}
    chain = []
    for spec in results.tie_break_specs:
        if spec.kind is scoring.TieBreakKind.SEGMENT:
            if spec.criterion in segments and not shape.is_flat:  # ``criterion``: the segment
                chain.append(lambda row, s=spec.criterion: row.segment(s).shown)
        elif shape.is_flat:
            chain.append(lambda row, spec=spec: spec.value(row.result))
    return chain


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
