"""A period's standing and the season's cumulative one, in a fixed number of queries: every
subject's card (``common.scoring.indicators.card``), 1-2-2-4 ranks by the total, then by the
dimensions' shown scores in their order (the stated tie-break). A published period is scored by
the scorecard frozen when it was published; its values may since have been corrected."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from common.scoring import exact_cards, indicators
from common.scoring.tree import Rounding, Stage
from season.domain.rules import build
from season.models import Dimension, Indicator, Period, Season, Subject, Value


@dataclass(frozen=True)
class Scheme:
    """The scorecard a period is scored by: ``(key, weight)`` dimensions, indicator specs."""

    dimensions: tuple[indicators.Dimension, ...]
    indicators: tuple[indicators.Indicator, ...]
    rules: dict[int, tuple[str, dict]]  # indicator id → (rule kind, params)

    def as_json(self) -> dict:
        return {
            "dimensions": [[d.key, str(d.weight)] for d in self.dimensions],
            "indicators": [
                [i.key, i.dimension, str(i.weight), *self.rules[i.key]] for i in self.indicators
            ],  # fmt: skip
        }

    @classmethod
    def from_json(cls, data: dict) -> "Scheme":
        dims = tuple(indicators.Dimension(k, Decimal(w)) for k, w in data["dimensions"])
        inds = tuple(indicators.Indicator(k, d, Decimal(w)) for k, d, w, *_r in data["indicators"])
        rules = {k: (kind, params) for k, _d, _w, kind, params in data["indicators"]}
        return cls(dims, inds, rules)


def current_scheme(season: Season) -> Scheme:
    dims = tuple(
        indicators.Dimension(d.pk, d.weight) for d in Dimension.objects.filter(season=season)
    )
    rows = list(Indicator.objects.filter(season=season))
    inds = tuple(indicators.Indicator(i.pk, i.dimension_id, i.weight) for i in rows)
    return Scheme(dims, inds, {i.pk: (i.rule, i.params) for i in rows})


def scheme_of(period: Period, current: Scheme) -> Scheme:
    if period.frozen:
        return Scheme.from_json(period.frozen["scheme"])
    return current


@dataclass(frozen=True)
class Line:
    subject: Subject
    card: Stage  # parts: the dimensions, theirs the indicators
    rank: int | None

    @property
    def shown(self) -> Decimal | None:
        return self.card.shown


def cards(season: Season, scheme: Scheme, subjects, values) -> dict[int, Stage]:
    """``values``: ``{indicator id: {subject id: Decimal}}`` of one period. Rounding once, in
    whole numbers (``exact_cards``); rounding each stage, stage by stage."""
    places, rounding = season.precision, Rounding(season.rounding)
    ids = [s.pk for s in subjects]
    empty: dict = {}

    def column(indicator):
        given = values.get(indicator.key, empty)
        return {s: given.get(s) for s in ids}

    if rounding is Rounding.ONCE:
        points, denominators = {}, {}
        for indicator in scheme.indicators:
            rule = build(*scheme.rules[indicator.key])
            denominators[indicator.key] = exact_cards.denominator(rule)
            points[indicator.key] = exact_cards.numerators(rule, column(indicator))
        return exact_cards.exact_cards(scheme.dimensions, scheme.indicators, points,
                                       denominators, ids, places)  # fmt: skip
    points: dict[int, dict[int, Fraction | None]] = defaultdict(dict)
    for indicator in scheme.indicators:
        kind, params = scheme.rules[indicator.key]
        earned = indicators.period_points(build(kind, params), column(indicator))
        for subject_id, value in earned.items():
            points[subject_id][indicator.key] = value
    return {
        s.pk: indicators.card(scheme.dimensions, scheme.indicators, points[s.pk], places, rounding)
        for s in subjects
    }


def ranked(subjects, cards_by_subject: dict[int, Stage]) -> list[Line]:
    shown = {s.pk: cards_by_subject[s.pk].shown for s in subjects}
    chain = {s.pk: [d.shown for d in cards_by_subject[s.pk].parts] for s in subjects}
    ranks = indicators.standing_ranks(shown, chain)
    lines = [Line(s, cards_by_subject[s.pk], ranks[s.pk]) for s in subjects]
    return sorted(lines, key=lambda line: (line.rank is None, line.rank or 0, line.subject.order))


def subjects_of(season: Season) -> list[Subject]:
    return list(
        Subject.objects.filter(season=season).select_related("unit", "person__unit", "household")
    )


def period_standing(period: Period) -> list[Line]:
    season = period.season
    subjects = subjects_of(season)
    values: dict[int, dict] = defaultdict(dict)
    for s, i, v in Value.objects.filter(period=period).values_list(
        "subject_id", "indicator_id", "value"
    ):
        values[i][s] = v
    scheme = scheme_of(period, current_scheme(season))
    return ranked(subjects, cards(season, scheme, subjects, values))


@dataclass(frozen=True)
class CumulativeLine:
    subject: Subject
    periods: dict[int, Stage]  # period id → the period's card
    value: Fraction | None
    shown: Decimal | None
    rank: int | None


def cumulative_standing(
    season: Season, periods: list[Period] | None = None
) -> list[CumulativeLine]:
    """Over ``periods`` (by default every period with a value), by the season's cumulation."""
    subjects = subjects_of(season)
    by_period: dict[int, dict] = defaultdict(lambda: defaultdict(dict))
    for p, s, i, v in Value.objects.filter(period__season=season).values_list(
        "period_id", "subject_id", "indicator_id", "value"
    ):
        by_period[p][i][s] = v
    if periods is None:
        periods = [p for p in Period.objects.filter(season=season) if p.pk in by_period]
    current = current_scheme(season)
    period_cards = {
        p.pk: cards(season, scheme_of(p, current), subjects, by_period.get(p.pk, {}))
        for p in periods
    }
    how = indicators.Cumulation(season.cumulation)
    totals = {}
    for subject in subjects:
        series = [(p.weight, period_cards[p.pk][subject.pk].value) for p in periods]
        totals[subject.pk] = indicators.cumulative(series, how, season.precision)
    ranks = indicators.standing_ranks({s: shown for s, (_v, shown) in totals.items()})
    lines = [
        CumulativeLine(
            s, {p.pk: period_cards[p.pk][s.pk] for p in periods}, *totals[s.pk], ranks[s.pk]
        )  # fmt: skip
        for s in subjects
    ]
    return sorted(lines, key=lambda line: (line.rank is None, line.rank or 0, line.subject.order))
