"""A period's 红黑榜 and each line's dimension contributions, as its pages show them."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from common.scoring import indicators, round_half_up
from season.domain.standing import Line, current_scheme, period_standing, scheme_of
from season.models import Dimension, Period, Season


@dataclass(frozen=True)
class Part:
    """One dimension of a line: its score and what it adds to the total (weight × score)."""

    name: str
    weight: Decimal
    score: Decimal | None
    contribution: Decimal | None
    missing: bool


@dataclass(frozen=True)
class Row:
    line: Line
    parts: tuple[Part, ...]
    published: tuple[str | None, int | None] | None  # (shown, rank) as published, when differing

    @property
    def missing(self) -> list[str]:
        return [p.name for p in self.parts if p.missing]


@dataclass(frozen=True)
class PeriodView:
    period: Period
    dimensions: list[tuple[str, Decimal]]
    rows: list[Row]
    red: list[Row]
    black: list[Row]

    @property
    def corrected(self) -> bool:
        return any(r.published is not None for r in self.rows)


def _contribution(weight: Decimal, value: Fraction | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(Fraction(weight) * value, places)


def period_view(period: Period) -> PeriodView:
    season: Season = period.season
    lines = period_standing(period)
    scheme = scheme_of(period, current_scheme(season))
    names = dict(Dimension.objects.filter(season=season).values_list("pk", "name"))
    weights = [(d.key, d.weight) for d in scheme.dimensions]
    frozen = {s: (shown, rank) for s, shown, rank in (period.frozen or {}).get("standing", [])}
    rows = []
    for line in lines:
        parts = tuple(
            Part(names.get(key, "?"), weight, stage.shown,
                 _contribution(weight, stage.value, season.precision), stage.value is None)
            for (key, weight), stage in zip(weights, line.card.parts, strict=True)
        )  # fmt: skip
        now = (None if line.shown is None else str(line.shown), line.rank)
        was = frozen.get(line.subject.pk)
        published = tuple(was) if was is not None and tuple(was) != now else None
        rows.append(Row(line, parts, published))
    by_subject = {r.line.subject.pk: r for r in rows}
    board = indicators.red_and_black(
        {r.line.subject.pk: r.line.rank for r in rows},
        {r.line.subject.pk: r.line.shown for r in rows},
        top=season.board_top, bottom=season.board_bottom,
        red_at=season.red_at, black_at=season.black_at,
    )  # fmt: skip
    return PeriodView(
        period,
        [(names.get(k, "?"), w) for k, w in weights],
        rows,
        [by_subject[s] for s in board.red],
        [by_subject[s] for s in board.black],
    )
