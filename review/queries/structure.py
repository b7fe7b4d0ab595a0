"""The shape of a round — its segments, panels and who sits where — read in three queries, and
the ``common.scoring.tree`` scheme it scores by."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from common import scoring
from common.scoring import tree
from review.models import Appearance, Event, Panel, PanelSeat, Round, Segment, first_round


@dataclass(frozen=True)
class RoundShape:
    round: Round
    segments: list[Segment]
    panels: list[Panel]
    seated: dict[int, int]  # judge id → panel id, for judges seated explicitly

    @property
    def is_flat(self) -> bool:
        """One segment and one averaging panel: scored by the flat rule, which the tree equals
        (``tests/test_scoring_tree.py``) but which also gives tie-breaks and criterion means."""
        return (
            len(self.segments) == 1
            and len(self.panels) == 1
            and self.panels[0].aggregation != Panel.Aggregation.SUM
        )

    def rule(self, places: int) -> scoring.Rule:
        return panel_rule(self.panels[0], places)

    def panel_of(self, judge_id: int) -> int | None:
        """The judge's panel in this round: their seat, else the round's first panel."""
        if judge_id in self.seated:
            return self.seated[judge_id]
        return self.panels[0].pk if self.panels else None

    def spec(self) -> tree.RoundSpec:
        panels = tuple(p.spec() for p in self.panels)
        return tree.RoundSpec(
            self.round.pk,
            tuple(tree.SegmentSpec(s.pk, panels, s.weight) for s in self.segments),
            self.round.weight,
        )


def round_shape(round_: Round) -> RoundShape:
    return RoundShape(
        round=round_,
        segments=list(Segment.objects.filter(round=round_)),
        panels=list(Panel.objects.filter(round=round_)),
        seated=dict(
            PanelSeat.objects.filter(panel__round=round_).values_list("judge_id", "panel_id")
        ),
    )


def first_panel_rule(round_id: int, places: int) -> scoring.Rule:
    """The flat rule of a round's (first) panel, in one query."""
    return panel_rule(Panel.objects.filter(round_id=round_id).order_by("order").first(), places)


def panel_rule(panel: Panel, places: int) -> scoring.Rule:
    return scoring.Rule(scoring.Method(panel.aggregation), panel.trim, places)


def scheme(event: Event, shapes: list[RoundShape]) -> tree.Scheme:
    return tree.Scheme(
        tuple(shape.spec() for shape in shapes),
        event.precision,
        tree.Rounding(event.rounding),
        tree.FinalMode(event.final_mode),
    )


def rounds_of(event: Event) -> list[Round]:
    """The event's rounds in order, each knowing whether it has appearances yet."""
    return list(
        Round.objects.filter(event=event).annotate(
            has_appearances=Exists(Appearance.objects.filter(round=OuterRef("pk")))
        )
    )


def current_round(event: Event, rounds: list[Round] | None = None) -> Round:
    """The round being contested: the latest one with appearances, else the first."""
    rounds = rounds_of(event) if rounds is None else rounds
    if not rounds:
        return first_round(event.pk)
    return next((r for r in reversed(rounds) if r.has_appearances), rounds[0])


def stage_round(event: Event, rounds: list[Round] | None = None) -> Round:
    """The round on stage: the presenting report's, else the one being contested."""
    rounds = rounds_of(event) if rounds is None else rounds
    if event.presenting_id is not None:
        on_stage = Appearance.objects.filter(pk=event.presenting_id).values_list("round_id")
        found = next((r for r in rounds if r.pk == on_stage.get()[0]), None)
        if found is not None:
            return found
    return current_round(event, rounds)
