"""A period's standing and the season's cumulative one, in a fixed number of queries: every
subject's card (``common.scoring.indicators.card``), 1-2-2-4 ranks by the total, then by the
dimensions' shown scores in their order (the stated tie-break). A published period is scored by
the scorecard frozen when it was published; its values may since have been corrected."""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter

from django.db import connections
from django.db.models import BigIntegerField, F, Func

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
    """``values``: ``{indicator id: column}`` of one period, each column the subjects' values in
    whole 1/10000 (``exact_cards.units``; ``None``: no value) in the order of ``subjects``.
    Rounding once, in whole numbers (``exact_cards``); rounding each stage, stage by stage."""
    places, rounding = season.precision, Rounding(season.rounding)
    ids = [s.pk for s in subjects]
    absent = [None] * len(ids)

    def column(indicator):
        return values.get(indicator.key, absent)

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
        given = {s: None if u is None else Decimal(u).scaleb(-4)
                 for s, u in zip(ids, column(indicator), strict=True)}  # fmt: skip
        for subject_id, value in indicators.period_points(build(kind, params), given).items():
            points[subject_id][indicator.key] = value
    return {
        s.pk: indicators.card(scheme.dimensions, scheme.indicators, points[s.pk], places, rounding)
        for s in subjects
    }


class _Units(Func):
    """A stored value in whole 1/10000, as SQLite and PostgreSQL both write it."""

    template = f"CAST(ROUND(%(expressions)s * {exact_cards.SCALE}) AS BIGINT)"
    output_field = BigIntegerField()


def value_columns(values, subjects) -> dict[int, dict[int, list]]:
    """``{period id: {indicator id: column}}`` (see ``cards``) of ``values`` (a ``Value``
    queryset) in one query, each value in whole 1/10000: the database multiplies and rounds
    (values keep four decimals, so this is exact) and the rows come as the driver gives them (a
    whole number needs no converter), in the order of the values' unique index. A period with
    every value is then cut into its columns by slicing; any other goes row by row."""
    ids = [s.pk for s in subjects]
    whole = _Units(F("value"))
    ordered = values.order_by("period_id", "subject_id", "indicator_id")
    sql, params = ordered.values_list(
        "period_id", "subject_id", "indicator_id", whole
    ).query.sql_with_params()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    keys, numbers = list(map(itemgetter(2), rows)), list(map(itemgetter(3), rows))
    by_period: dict[int, dict[int, list]] = {}
    start = 0
    while start < len(rows):
        period = rows[start][0]
        end = bisect_right(rows, period, lo=start, key=itemgetter(0))
        by_period[period] = _full(rows, keys, numbers, start, end, ids) or _sparse(
            rows[start:end], ids
        )
        start = end
    return by_period


def _full(rows, keys, numbers, start, end, ids) -> dict[int, list] | None:
    """The columns of rows ``start:end`` (one period's, ordered by subject and indicator) when
    every subject of ``ids`` (ascending) has a value of the same indicators, else None: the
    first and the last row of every block of ``width`` rows are the block's subject, and every
    block has the first block's indicators."""
    size = len(ids)
    if not size or (end - start) % size:
        return None
    width = (end - start) // size
    indicators = keys[start : start + width]
    firsts = [row[1] for row in rows[start:end:width]]
    lasts = [row[1] for row in rows[start + width - 1 : end : width]]
    if firsts != ids or lasts != ids or keys[start:end] != indicators * size:
        return None
    return {key: numbers[start + k : end : width] for k, key in enumerate(indicators)}


def _sparse(rows, ids) -> dict[int, list]:
    index = {s: n for n, s in enumerate(ids)}
    columns: dict[int, list] = {}
    for _p, s, i, u in rows:
        if s in index:
            columns.setdefault(i, [None] * len(ids))[index[s]] = u
    return columns


def ranked(subjects, cards_by_subject: dict[int, Stage]) -> list[Line]:
    shown = {s.pk: cards_by_subject[s.pk].shown for s in subjects}
    chain = {s.pk: [d.shown for d in cards_by_subject[s.pk].parts] for s in subjects}
    ranks = indicators.standing_ranks(shown, chain)
    lines = [Line(s, cards_by_subject[s.pk], ranks[s.pk]) for s in subjects]
    return sorted(lines, key=lambda line: (line.rank is None, line.rank or 0, line.subject.order))


def subjects_of(season: Season) -> list[Subject]:
    """In the order of their ids, as ``value_columns`` aligns the values."""
    subjects = Subject.objects.filter(season=season).order_by("pk")
    return list(subjects.select_related("unit", "person__unit", "household"))


def period_standing(period: Period) -> list[Line]:
    season = period.season
    subjects = subjects_of(season)
    values = value_columns(Value.objects.filter(period=period), subjects).get(period.pk, {})
    scheme = scheme_of(period, current_scheme(season))
    return ranked(subjects, cards(season, scheme, subjects, values))


@dataclass(frozen=True)
class CumulativeLine:
    subject: Subject
    periods: Mapping[int, Stage]  # period id → the period's card
    value: Fraction | None
    shown: Decimal | None
    rank: int | None


class _Periods(Mapping):
    """One subject's card of each period, read from the periods' cards when asked."""

    def __init__(self, period_cards: dict[int, Mapping[int, Stage]], subject: int):
        self._cards, self._subject = period_cards, subject

    def __getitem__(self, period: int) -> Stage:
        return self._cards[period][self._subject]

    def __iter__(self):
        return iter(self._cards)

    def __len__(self):
        return len(self._cards)


def _card_column(cards: Mapping[int, Stage], subjects) -> tuple[list, int]:
    if isinstance(cards, exact_cards.Cards):
        return cards.total, cards.common
    return exact_cards.as_column([cards[s.pk].value for s in subjects])


def cumulative_standing(
    season: Season, periods: list[Period] | None = None
) -> list[CumulativeLine]:
    """Over ``periods`` (by default every period with a value), by the season's cumulation."""
    subjects = subjects_of(season)
    by_period = value_columns(
        Value.objects.filter(period__in=Period.objects.filter(season=season)), subjects
    )
    if periods is None:
        periods = [p for p in Period.objects.filter(season=season) if p.pk in by_period]
    current = current_scheme(season)
    period_cards = {
        p.pk: cards(season, scheme_of(p, current), subjects, by_period.get(p.pk, {}))
        for p in periods
    }
    series = [(p.weight, *_card_column(period_cards[p.pk], subjects)) for p in periods]
    values, shown = exact_cards.cumulative(
        series, indicators.Cumulation(season.cumulation), season.precision, len(subjects)
    )
    ranks = indicators.standing_ranks({s.pk: v for s, v in zip(subjects, shown, strict=True)})
    lines = [
        CumulativeLine(s, _Periods(period_cards, s.pk), values[n], shown[n], ranks[s.pk])
        for n, s in enumerate(subjects)
    ]
    return sorted(lines, key=lambda line: (line.rank is None, line.rank or 0, line.subject.order))
