"""The contest tree's scoring pipeline, pure like the rest of ``common.scoring``:

    sheet totals → panel result → segment score → round score → final

- **Panel result** (评委组): the panel's rule over its judges' sheet totals — mean, trimmed
  ``k``, trimmed by the number of sheets counted, median (all via :func:`select`), or sum. Too
  few sheets to trim falls back to the plain mean, or, with ``Fallback.NONE``, gives no result
  (state ``TOO_FEW``). No sheet at all is state ``NO_SHEETS``.
- **Segment score** (环节) = Σ panel weight × panel result.
- **Round score** (轮次) = Σ segment weight × segment score.
- **Final** = the last round's score alone, or Σ round weight × round score.

Weights multiply; they are not normalised, so panels weighted 0.7 / 0.3 keep a 100-point scale,
and segments of 40, 30 and 30 points each weighted 1 add up to 100.

A stage with a part missing has no value and says which parts are missing (state
``INCOMPLETE``): a missing panel or segment is never a silent 0, and the weights of the others are
never stretched to cover it.

Rounding: by default (``Rounding.ONCE``) everything is exact (``Fraction``) and only the value
shown is rounded half up at the display precision. With ``Rounding.EACH_STAGE`` every published
intermediate — panel result, segment, round — is rounded half up first and the next stage is
computed from the rounded numbers, as contests that announce each stage's score do.
``docs/scoring.md`` works an example both ways.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from common.scoring import Method, Selection, exact_sum, round_half_up, select


class Aggregation(StrEnum):
    MEAN = "mean"
    TRIMMED = "trimmed"
    TRIMMED_AUTO = "trimmed_auto"
    MEDIAN = "median"
    SUM = "sum"


class Fallback(StrEnum):
    MEAN = "mean"  # too few sheets to trim: the plain mean of all counted sheets
    NONE = "none"  # too few sheets to trim: no result


class Rounding(StrEnum):
    ONCE = "once"
    EACH_STAGE = "each_stage"


class FinalMode(StrEnum):
    LAST_ROUND = "last_round"
    WEIGHTED_ROUNDS = "weighted_rounds"


class State(StrEnum):
    SCORED = "scored"
    NO_SHEETS = "no_sheets"
    TOO_FEW = "too_few"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class PanelSpec:
    key: Hashable
    aggregation: Aggregation = Aggregation.TRIMMED
    trim: int = 1
    weight: Decimal = Decimal(1)
    fallback: Fallback = Fallback.MEAN


@dataclass(frozen=True)
class SegmentSpec:
    key: Hashable
    panels: tuple[PanelSpec, ...]
    weight: Decimal = Decimal(1)

    @property
    def children(self) -> tuple[PanelSpec, ...]:
        return self.panels


@dataclass(frozen=True)
class RoundSpec:
    key: Hashable
    segments: tuple[SegmentSpec, ...]
    weight: Decimal = Decimal(1)

    @property
    def children(self) -> tuple[SegmentSpec, ...]:
        return self.segments


@dataclass(frozen=True)
class Scheme:
    """How a contest turns sheets into a final score."""

    rounds: tuple[RoundSpec, ...]
    places: int = 2
    rounding: Rounding = Rounding.ONCE
    final: FinalMode = FinalMode.LAST_ROUND


@dataclass(frozen=True, slots=True)
class Stage:
    """One computed node: its exact value (``None`` without one), what is shown, and why."""

    key: Hashable
    value: Fraction | None
    shown: Decimal | None
    state: State
    missing: tuple[Hashable, ...] = ()
    parts: tuple[Stage, ...] = ()
    selection: Selection | None = field(default=None, compare=False)


def _shown(value: Fraction | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(value, places)


def _carried(value: Fraction | None, places: int, rounding: Rounding) -> Fraction | None:
    """What the next stage computes with: the exact value, or the published rounded one."""
    if value is None or rounding is Rounding.ONCE:
        return value
    return Fraction(round_half_up(value, places))


def panel_result(
    spec: PanelSpec,
    totals: Mapping[Hashable, Decimal],
    places: int,
    rounding: Rounding = Rounding.ONCE,
    tie_order: Mapping[Hashable, Any] | None = None,
) -> Stage:
    """The panel's result from its judges' counted sheet totals ``{judge: total}``."""
    if not totals:
        return Stage(spec.key, None, None, State.NO_SHEETS)
    if spec.aggregation is Aggregation.SUM:
        value = Fraction(exact_sum(totals.values()))
        chosen = Selection(tuple(totals), (), (), 0, False)
    else:
        chosen = select(totals, Method(spec.aggregation), spec.trim, tie_order)
        if chosen.fell_back and spec.fallback is Fallback.NONE:
            return Stage(spec.key, None, None, State.TOO_FEW, selection=chosen)
        numerator, denominator = exact_sum([totals[j] for j in chosen.kept]).as_integer_ratio()
        value = Fraction(numerator, denominator * len(chosen.kept))
    value = _carried(value, places, rounding)
    return Stage(spec.key, value, _shown(value, places), State.SCORED, selection=chosen)


def weighted(
    key: Hashable,
    parts: Sequence[tuple[Decimal, Stage]],
    places: int,
    rounding: Rounding = Rounding.ONCE,
) -> Stage:
    """Σ weight × part; without a value when any part has none (listing those parts)."""
    if len(parts) == 1:  # one part (a flat round's segment, its panel): no generators
        weight, only = parts[0]
        if only.value is None:
            state = State.NO_SHEETS if only.state is State.NO_SHEETS else State.INCOMPLETE
            return Stage(key, None, None, state, (only.key,), (only,))
        if weight == 1:
            return Stage(key, only.value, only.shown, State.SCORED, (), (only,))
    stages = tuple(stage for _weight, stage in parts)
    missing = tuple(stage.key for stage in stages if stage.value is None)
    if all(stage.state is State.NO_SHEETS for stage in stages):
        return Stage(key, None, None, State.NO_SHEETS, missing, stages)
    if missing:
        return Stage(key, None, None, State.INCOMPLETE, missing, stages)
    value = sum((Fraction(weight) * stage.value for weight, stage in parts), Fraction(0))
    value = _carried(value, places, rounding)
    return Stage(key, value, _shown(value, places), State.SCORED, (), stages)


def node_score(
    spec: PanelSpec | SegmentSpec | RoundSpec,
    sheets: Mapping[Hashable, Any],
    places: int,
    rounding: Rounding = Rounding.ONCE,
    tie_order: Mapping[Hashable, Any] | None = None,
) -> Stage:
    """A panel from ``{judge: total}``; a segment or round, as Σ weight × child, from
    ``{child key: …}`` one level down (a segment: ``{panel: {judge: total}}``)."""
    if isinstance(spec, PanelSpec):
        return panel_result(spec, sheets, places, rounding, tie_order)
    children = []
    for child in spec.children:
        below = sheets.get(child.key, _NOTHING)
        children.append((child.weight, node_score(child, below, places, rounding, tie_order)))
    return weighted(spec.key, children, places, rounding)


_NOTHING: Mapping = {}


segment_score = round_score = node_score


def final_score(
    scheme: Scheme,
    sheets: Mapping[Hashable, Mapping],
    tie_order: Mapping[Hashable, Any] | None = None,
) -> Stage:
    """One contestant's final from ``{round key: {segment key: {panel key: {judge: total}}}}``.

    With ``LAST_ROUND`` only the last round counts (a round the contestant did not reach has no
    sheets, and so no final)."""
    places, rounding = scheme.places, scheme.rounding
    rounds = [
        (r.weight, node_score(r, sheets.get(r.key, {}), places, rounding, tie_order))
        for r in scheme.rounds
    ]
    if scheme.final is FinalMode.LAST_ROUND:
        rounds = [(Decimal(1), rounds[-1][1])]
    return weighted("final", rounds, places, rounding)
