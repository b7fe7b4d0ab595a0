"""The scoring rules of a 赛马会, as pure functions over ``Decimal``. No Django imports.

The pipeline, for one appearance:

1. **Sheet total** of one judge: ``Σ score(c) × weight(c)`` over the criteria the judge scored.
   A weight of 1 leaves a criterion as scored; a criterion scored 0–10 with weight 4 contributes
   up to 40. Products and sums of decimals are exact, so totals are never rounded.
2. **Counted sheets**: only submitted sheets of judges not recused. A judge who did not score is
   left out, never counted as 0.
3. **Selection**: every method keeps some sheets and drops the rest; the result is the exact
   mean of the kept totals.

   - ``mean``: keeps all.
   - ``trimmed``: drops the ``k`` lowest and the ``k`` highest totals (去掉最高分和最低分).
   - ``trimmed_auto``: like ``trimmed`` with ``k`` from :data:`AUTO_TRIM_TABLE` by the number
     of counted sheets (1–3 → 0, 4–6 → 1, 7+ → 2).
   - ``median``: keeps the middle total (odd count) or the two middle totals (even count).

   Too few to trim: trimming ``k`` per side needs at least ``2k + 1`` counted sheets. With fewer,
   the plain mean of all counted sheets is used and the outcome says so (``fell_back``).

   Equal totals are ordered by seat number (``tie_order``), so which of two equal totals is
   dropped is a rule a person applies from the workbook: at the low end the smaller seat is
   dropped first, then at the high end the smaller seat among the rest. The final score never
   depends on it (the dropped values are equal); the criterion means, and through a criterion
   tie-break the ranks, do. The result never depends on the order judges are given in.
4. **Rounding**, once, at the end: the exact mean (a :class:`~fractions.Fraction`) is rounded
   half-up (四舍五入, as Excel's ROUND) at the event's display precision. Per-criterion means are
   rounded the same way, for display only.
5. **Ranking** on the rounded final score — what people see is what ranks — using standard
   competition ranking (1, 2, 2, 4). An optional tie-break chain compares further rounded values;
   entries still equal share the rank.

Per-criterion means are taken over the *kept* sheets, so for every method
``Σ weight(c) × mean(c) == final`` before rounding: the published numbers add up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import Any


class Method(StrEnum):
    MEAN = "mean"
    TRIMMED = "trimmed"
    TRIMMED_AUTO = "trimmed_auto"
    MEDIAN = "median"


#: ``(fewest counted sheets, sheets dropped at each end)``, first match wins.
AUTO_TRIM_TABLE: tuple[tuple[int, int], ...] = ((7, 2), (4, 1), (0, 0))


def auto_trim_count(count: int) -> int:
    for fewest, per_side in AUTO_TRIM_TABLE:
        if count >= fewest:
            return per_side
    return 0


# ---------------------------------------------------------------------------------------------
# Rounding


def round_half_up(value: Decimal | Fraction | int, places: int) -> Decimal:
    """Round half away from zero at ``places`` decimals, exactly (no binary floating point)."""
    exact = Fraction(value)
    return round_ratio(exact.numerator, exact.denominator, places)


def shown(value: Decimal | Fraction | int, places: int) -> str:
    """The number as displayed: half up at ``places``, with exactly ``places`` decimals (a
    format spec on a ``Decimal`` would round half-to-even)."""
    return f"{round_half_up(value, places):.{places}f}"


def round_mean(total: Decimal, count: int, places: int) -> Decimal:
    """``round_half_up(total / count, places)``, without a Fraction on the hot path.

    The quotient is taken to 60 significant digits and then rounded half-up once. That is
    exact: with ``k`` decimals in ``total``, the mean is either exactly a half at ``places``
    (then the division is exact) or at least ``1 / (2·count·10^(k+places))`` away from every
    half — far more than the quotient's error beyond its 60th digit.
    """
    quotient = _DIVIDE.divide(total, count)
    quantum = _QUANTUM.get(places) or Decimal(1).scaleb(-places)
    return quotient.quantize(quantum, rounding=ROUND_HALF_UP, context=_DIVIDE)


_DIVIDE = Context(prec=60, traps=[InvalidOperation, DivisionByZero, Overflow])
_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(0, 11)}


def round_ratio(numerator: int, denominator: int, places: int) -> Decimal:
    """``numerator / denominator`` (denominator > 0) rounded half away from zero."""
    whole, remainder = divmod(abs(numerator) * 10**places, denominator)
    if 2 * remainder >= denominator:
        whole += 1
    if numerator < 0:
        whole = -whole
    return Decimal(whole).scaleb(-places)


# ---------------------------------------------------------------------------------------------
# One judge's sheet


@dataclass(frozen=True)
class CriterionSpec:
    key: Hashable
    max_score: Decimal
    weight: Decimal = Decimal(1)


def sheet_total(scores: Mapping[Hashable, Decimal], criteria: Sequence[CriterionSpec]) -> Decimal:
    """``Σ score × weight`` over the criteria present in ``scores``, exactly."""
    with localcontext(EXACT):
        return _total(scores, criteria)


def sheet_totals(
    sheets: Mapping[Hashable, Mapping[Hashable, Decimal]], criteria: Sequence[CriterionSpec]
) -> dict:
    """:func:`sheet_total` of every sheet ``{key: scores}``, exactly, in one go."""
    with localcontext(EXACT):
        return _totals(sheets, criteria)


def _total(scores, criteria) -> Decimal:
    return sum([scores[c.key] * c.weight for c in criteria if c.key in scores], start=Decimal(0))


def _totals(sheets, criteria) -> dict:
    """:func:`_total` of every sheet; plain sums of the values when no criterion is weighted
    and the sheets hold only these criteria (the common case, and the hot path of big events)."""
    if all(c.weight == 1 for c in criteria) and frozenset(c.key for c in criteria).issuperset(
        chain.from_iterable(sheets.values())
    ):
        zero = Decimal(0)
        return {judge: sum(scores.values(), zero) for judge, scores in sheets.items()}
    return {judge: _total(scores, criteria) for judge, scores in sheets.items()}


def max_total(criteria: Sequence[CriterionSpec]) -> Decimal:
    return sum((c.max_score * c.weight for c in criteria), start=Decimal(0))


# ---------------------------------------------------------------------------------------------
# Across judges


@dataclass(frozen=True)
class Selection:
    """Which judges' totals count toward the result, and which were dropped."""

    kept: tuple[Hashable, ...]
    dropped_low: tuple[Hashable, ...]
    dropped_high: tuple[Hashable, ...]
    per_side: int
    fell_back: bool

    @property
    def count(self) -> int:
        return len(self.kept) + len(self.dropped_low) + len(self.dropped_high)


def select(
    totals: Mapping[Hashable, Decimal],
    method: Method,
    trim: int = 1,
    tie_order: Mapping[Hashable, Any] | None = None,
) -> Selection:
    """Choose the kept and dropped judges for ``method`` (see the module docstring).

    Of equal totals, the judge first in ``tie_order`` (the seat number; the judge key when
    not given) is dropped first: at the low end, and then at the high end among the rest.
    """
    rank = tie_order.__getitem__ if tie_order is not None else (lambda key: key)
    ordered = tuple(
        key for _, _, key in sorted([(total, rank(key), key) for key, total in totals.items()])
    )
    count = len(ordered)
    if method is Method.MEAN or count == 0:
        return Selection(ordered, (), (), 0, False)
    if method is Method.MEDIAN:
        low_end = (count - 1) // 2
        high_start = count // 2 + 1
        return Selection(
            ordered[low_end:high_start], ordered[:low_end], ordered[high_start:], 0, False
        )
    per_side = auto_trim_count(count) if method is Method.TRIMMED_AUTO else trim
    if per_side < 0:
        raise ValueError("trim count cannot be negative")
    if count < 2 * per_side + 1:
        return Selection(ordered, (), (), 0, True)
    low, rest = ordered[:per_side], ordered[per_side:]
    # The highest, equal totals in seat order: a tie at the top drops the first seat too.
    high = sorted(rest, key=lambda key: (-totals[key], rank(key)))[:per_side]
    dropped = set(high)
    kept = tuple(key for key in rest if key not in dropped)
    return Selection(
        kept, low, tuple(sorted(high, key=lambda k: (totals[k], rank(k)))), per_side, False
    )


#: Decimal arithmetic that refuses to round: any inexact sum or product raises instead.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])


def exact_sum(values) -> Decimal:
    with localcontext(EXACT):
        return sum(values, start=Decimal(0))


def exact_mean(values: Sequence[Decimal]) -> Fraction | None:
    """The mean as an exact fraction (one Fraction per mean keeps big events fast)."""
    if not values:
        return None
    with localcontext(EXACT):
        return _mean(values)


def _mean(values) -> Fraction | None:
    """:func:`exact_mean` inside an :data:`EXACT` context the caller holds."""
    if not values:
        return None
    return Fraction(sum(values, start=Decimal(0))) / len(values)


def median(values: Sequence[Decimal]) -> Fraction | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return (Fraction(ordered[middle - 1]) + Fraction(ordered[middle])) / 2


@dataclass(frozen=True)
class Rule:
    method: Method = Method.TRIMMED
    trim: int = 1
    places: int = 2


@dataclass(frozen=True)
class AppearanceResult:
    """Everything published about one appearance. ``final`` is rounded; ``exact`` is not."""

    totals: Mapping[Hashable, Decimal]
    selection: Selection
    final: Decimal | None
    places: int = 2
    #: the kept sheets and the criterion keys, for the criterion means
    kept_sheets: Sequence[Mapping[Hashable, Decimal]] = ()
    criterion_keys: Sequence[Hashable] = ()

    @property
    def count(self) -> int:
        return self.selection.count

    @cached_property
    def criterion_means(self) -> dict[Hashable, Decimal | None]:
        """Each criterion's mean over the kept sheets, rounded like the final score.

        Worked out when first asked for: a page of a big ranking shows a hundred rows."""
        with localcontext(EXACT):
            return {
                key: round_mean(sum(values), len(values), self.places) if values else None
                for key, values in _columns(self.kept_sheets, self.criterion_keys).items()
            }

    @cached_property
    def exact(self) -> Fraction | None:
        """The exact mean of the kept totals, before rounding."""
        return exact_mean([self.totals[j] for j in self.selection.kept])

    @cached_property
    def untrimmed_mean(self) -> Decimal | None:
        """Mean of every counted sheet, dropped ones included (a tie-break)."""
        value = exact_mean(list(self.totals.values()))
        return None if value is None else round_half_up(value, self.places)

    @cached_property
    def median(self) -> Decimal | None:
        value = median(list(self.totals.values()))
        return None if value is None else round_half_up(value, self.places)


def score_appearance(
    sheets: Mapping[Hashable, Mapping[Hashable, Decimal]],
    criteria: Sequence[CriterionSpec],
    rule: Rule,
    tie_order: Mapping[Hashable, Any] | None = None,
) -> AppearanceResult:
    """Score one appearance from its counted sheets: ``{judge: {criterion: score}}``;
    ``tie_order`` (judge → seat) decides which of equal totals is dropped."""
    places = rule.places
    with localcontext(EXACT):
        totals = _totals(sheets, criteria)
        selection = select(totals, rule.method, rule.trim, tie_order)
        kept = [sheets[j] for j in selection.kept]
        final = (
            round_mean(sum([totals[j] for j in selection.kept]), len(kept), places)
            if kept
            else None
        )
    return AppearanceResult(
        totals=totals,
        selection=selection,
        final=final,
        places=places,
        kept_sheets=kept,
        criterion_keys=[c.key for c in criteria],
    )


def _columns(sheets: list[Mapping], keys: list) -> dict[Hashable, Sequence[Decimal]]:
    """``{key: the values the sheets give it}``, skipping sheets without the key."""
    if len(keys) > 1 and sheets:
        try:  # every sheet has every key: transpose in one pass
            rows = map(itemgetter(*keys), sheets)
            return dict(zip(keys, zip(*rows, strict=True), strict=True))
        except KeyError:
            pass
    return {key: [s[key] for s in sheets if key in s] for key in keys}


# ---------------------------------------------------------------------------------------------
# Ranking


class TieBreakKind(StrEnum):
    CRITERION = "criterion"  # higher mean on one criterion
    UNTRIMMED_MEAN = "untrimmed_mean"  # higher mean of all counted sheets, dropped ones included
    MEDIAN = "median"  # higher median of all counted sheets
    SEGMENT = "segment"  # a contest tree: higher score in one segment (common.scoring.tree)


@dataclass(frozen=True)
class TieBreak:
    kind: TieBreakKind
    criterion: Hashable | None = None

    def value(self, result: AppearanceResult) -> Decimal | None:
        """This link's value for a flat round (a round of one segment: no segment link)."""
        if self.kind is TieBreakKind.SEGMENT:
            return None
        if self.kind is TieBreakKind.CRITERION:
            return result.criterion_means.get(self.criterion)
        if self.kind is TieBreakKind.UNTRIMMED_MEAN:
            return result.untrimmed_mean
        return result.median


_LOWEST = Decimal("-Infinity")


def competition_ranks(keys: Sequence[Any | None]) -> list[int | None]:
    """Standard competition ranking, higher key first: 1, 2, 2, 4. ``None`` gets no rank."""
    ordered = sorted((k for k in keys if k is not None), reverse=True)
    places = range(len(ordered), 0, -1)
    first_place = dict(zip(reversed(ordered), places, strict=True))  # the first place wins
    return [None if k is None else first_place[k] for k in keys]


def ranking_order(rank: int | None, order: int) -> tuple[bool, int, int]:
    """How a ranking lists its rows: by rank, the unranked last, ties in running order."""
    return (rank is None, rank or 0, order)


def tree_rank_key(shown: Decimal | None, segment_scores: Sequence[Decimal | None]) -> tuple | None:
    """A tree round's ranking key: its shown score, then the chain's segments' shown scores
    (a missing one below every score)."""
    if shown is None:
        return None
    return (shown, *(_LOWEST if v is None else v for v in segment_scores))


def rank_key(result: AppearanceResult, tie_breaks: Sequence[TieBreak]) -> tuple | None:
    if result.final is None:
        return None
    chain = (tb.value(result) for tb in tie_breaks)
    return (result.final, *(_LOWEST if v is None else v for v in chain))


def rank_results(
    results: Sequence[AppearanceResult], tie_breaks: Sequence[TieBreak] = ()
) -> list[int | None]:
    return competition_ranks([rank_key(r, tie_breaks) for r in results])


# ---------------------------------------------------------------------------------------------
# A judge's typed input


class ScoreInputError(ValueError):
    """A bad score as typed; ``code`` names the rule broken, ``params`` fill the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_score(raw: str, max_score: Decimal, step: Decimal) -> Decimal:
    """Read a typed score, or raise :class:`ScoreInputError` with the first rule it breaks.

    Codes, checked in this order: ``empty``, ``not_number``, ``negative``,
    ``too_many_decimals`` (more decimals than the step has), ``over_max``, ``off_step``.
    Full-width digits and point (as Chinese input methods type them) are accepted.
    """
    text = unicodedata.normalize("NFKC", raw or "").strip().replace("。", ".")
    if not text:
        raise ScoreInputError("empty")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ScoreInputError("not_number", value=raw)
    value = Decimal(text)
    if value < 0:
        raise ScoreInputError("negative", value=raw)
    allowed = decimal_places(step)
    if decimal_places(value) > allowed:
        raise ScoreInputError("too_many_decimals", value=raw, places=allowed)
    if value > max_score:
        raise ScoreInputError("over_max", value=raw, max=max_score)
    if value % step != 0:
        raise ScoreInputError("off_step", value=raw, step=step)
    return value


def step_divides(max_score: Decimal, step: Decimal) -> bool:
    return step > 0 and max_score % step == 0


__all__ = [
    "AUTO_TRIM_TABLE",
    "CriterionSpec",
    "Method",
    "Rule",
    "ScoreInputError",
    "Selection",
    "AppearanceResult",
    "TieBreak",
    "TieBreakKind",
    "auto_trim_count",
    "competition_ranks",
    "exact_mean",
    "max_total",
    "parse_score",
    "rank_results",
    "round_half_up",
    "shown",
    "round_mean",
    "score_appearance",
    "select",
    "sheet_total",
    "step_divides",
]
