"""The results of an event: fetched in a fixed number of queries, scored by ``common.scoring``."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from common import scoring
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, Criterion, Event, Judge, Round, ScoreSheet, TieBreakRule
from review.queries.adjustments import adjustment_totals, with_adjustment
from review.queries.sheet_scores import ScoresText
from review.queries.structure import RoundShape, current_round, first_panel_rule, round_shape


@dataclass
class ResultRow:
    appearance: Appearance
    result: scoring.AppearanceResult
    expected: int  # judges not recused
    recused: frozenset[int]  # judge ids
    rank: int | None = None
    adjustment: Decimal = Decimal(0)  # 加分/扣分, already in ``result.final``
    unadjusted: Decimal | None = None  # the judges' score before them

    @property
    def counted(self) -> int:
        return self.result.count

    @property
    def shown_final(self) -> Decimal | None:
        return self.result.final

    @property
    def note(self) -> str:
        """What a reader must know to re-check this row, e.g. that trimming was skipped."""
        if self.result.selection.fell_back:
            return _("Too few scores to drop any: plain average of all %(n)s.") % {
                "n": self.counted
            }
        if self.counted < self.expected:
            return _("%(missing)s of %(expected)s judges have not scored.") % {
                "missing": self.expected - self.counted,
                "expected": self.expected,
            }
        return ""

    def totals_of(self, judge_ids) -> list[Decimal]:
        return [self.result.totals[j] for j in judge_ids]

    @property
    def dropped_low(self) -> list[Decimal]:
        return self.totals_of(self.result.selection.dropped_low)

    @property
    def dropped_high(self) -> list[Decimal]:
        return self.totals_of(self.result.selection.dropped_high)


@dataclass
class EventResults:
    event: Event
    criteria: list[Criterion]
    judges: list[Judge]
    rows: list[ResultRow]  # in presentation order
    #: ``{appearance_id: {judge_id: {criterion_id: value}}}`` of every counted sheet
    sheets: dict[int, dict[int, dict[int, Decimal]]] = field(default_factory=dict)
    #: ``{(judge_id, appearance_id): status}`` of every sheet, counted or not
    sheet_status: dict[tuple[int, int], str] = field(default_factory=dict)
    has_generated_scores: bool = False
    tie_break_specs: list[scoring.TieBreak] = field(default_factory=list)
    rule: scoring.Rule | None = None
    round: Round | None = None

    @property
    def places(self) -> int:
        return self.rule.places

    @property
    def ranked(self) -> list[ResultRow]:
        return sorted(self.rows, key=lambda r: scoring.ranking_order(r.rank, r.appearance.order))


def event_results(
    event: Event, round_: Round | None = None, shape: RoundShape | None = None
) -> EventResults:
    """One flat round's results (by default the round being contested)."""
    round_ = round_ or current_round(event)
    rule = (shape or round_shape(round_)).rule(round_.places(event))
    criteria = list(Criterion.objects.filter(segment__round=round_))
    judges = list(Judge.objects.filter(event=event).select_related("unit"))
    appearances = list(Appearance.objects.filter(round=round_).select_related("contestant__unit"))
    tie_breaks = [t.spec for t in TieBreakRule.objects.filter(event=event)]
    recused = recused_pairs(judges, appearances, declared_recusals(event.pk))

    sheet_rows = (
        ScoreSheet.objects.filter(appearance__round=round_)
        .order_by()
        .values_list("judge_id", "appearance_id", "status", "scores_text")
    )
    sheet_status = {}
    counted: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(dict)
    submitted = ScoreSheet.Status.SUBMITTED
    parse = ScoresText().parse
    for judge_id, appearance_id, status, text in sheet_rows:
        sheet_status[(judge_id, appearance_id)] = status
        if status == submitted and (judge_id, appearance_id) not in recused:
            counted[appearance_id][judge_id] = parse(text)
    has_generated = ScoreSheet.objects.filter(appearance__event=event, is_generated=True).exists()

    specs = [c.spec for c in criteria]
    recused_by_appearance = defaultdict(set)
    for judge_id, appearance_id in recused:
        recused_by_appearance[appearance_id].add(judge_id)
    rows = [
        _row(sub, counted.get(sub.pk, {}), specs, rule, judges, recused_by_appearance[sub.pk])
        for sub in appearances
    ]
    add_adjustments(rows, adjustment_totals(round_), rule.places, event.rounding)
    for row, rank in zip(
        rows, scoring.rank_results([r.result for r in rows], tie_breaks), strict=True
    ):
        row.rank = rank
    return EventResults(
        event=event,
        criteria=criteria,
        judges=judges,
        rows=rows,
        sheets=dict(counted),
        sheet_status=sheet_status,
        has_generated_scores=has_generated,
        tie_break_specs=tie_breaks,
        rule=rule,
        round=round_,
    )


def appearance_row(event: Event, appearance: Appearance, judges: list[Judge], recused) -> ResultRow:
    """One report's result from its own sheets (unranked): what the control room shows of the
    report on stage, without scoring the whole event."""
    criteria = [c.spec for c in Criterion.objects.filter(segment__round=appearance.round_id)]
    rule = first_panel_rule(appearance.round_id, appearance.round.places(event))
    parse = ScoresText().parse
    sheets = {
        judge_id: parse(text)
        for judge_id, text in ScoreSheet.objects.filter(
            appearance=appearance, status=ScoreSheet.Status.SUBMITTED
        )
        .order_by()
        .values_list("judge_id", "scores_text")
        if (judge_id, appearance.pk) not in recused
    }
    recused_here = {j.pk for j in judges if (j.pk, appearance.pk) in recused}
    row = _row(appearance, sheets, criteria, rule, judges, recused_here)
    points = adjustment_totals(appearance.round_id, appearance.pk)
    add_adjustments([row], points, rule.places, event.rounding)
    return row


def add_adjustments(rows: list[ResultRow], totals, places: int, rounding: str) -> None:
    """Put each row's 加分/扣分 into its final score (``common.scoring.adjust``)."""
    for row in rows:
        points = totals.get(row.appearance.pk)
        if not points or row.result.final is None:
            continue
        row.adjustment, row.unadjusted = points, row.result.final
        _exact, final = with_adjustment(
            row.result.exact, row.result.final, points, places, rounding
        )
        row.result = replace(row.result, final=final)


def _row(appearance, sheets, specs, rule, judges: list[Judge], recused_here) -> ResultRow:
    """One report's unranked row from its counted sheets ``{judge_id: {criterion_id: value}}``.

    Expected: every judge of the event not recused from the report, present or not."""
    return ResultRow(
        appearance=appearance,
        result=scoring.score_appearance(sheets, specs, rule, {j.pk: j.seat for j in judges}),
        expected=len(judges) - len(recused_here),
        recused=frozenset(recused_here),
    )
