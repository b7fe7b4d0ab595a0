"""What a person sees of a season: its periods (a subject's contact sees only the published
ones), the cumulative standing over them, and one subject's scorecard across the periods."""

from dataclasses import dataclass
from decimal import Decimal

from common.scoring import indicators
from season.domain.standing import CumulativeLine, cumulative_standing
from season.models import Dimension, Period, Season, SeasonRole, Subject


def visible_periods(season: Season, sees_open: bool) -> list[Period]:
    periods = Period.objects.filter(season=season)
    if not sees_open:
        periods = periods.filter(status=Period.Status.PUBLISHED)
    return list(periods)


def periods_with_values(season: Season, periods: list[Period]) -> list[Period]:
    filled = set(
        Period.objects.filter(season=season, values__isnull=False).values_list("pk", flat=True)
    )
    return [p for p in periods if p.pk in filled]


@dataclass(frozen=True)
class SeasonView:
    season: Season
    periods: list[Period]  # every period the person may see
    counted: list[Period]  # those with values: the cumulative standing's columns
    lines: list[CumulativeLine]


def season_view(season: Season, sees_open: bool) -> SeasonView:
    periods = visible_periods(season, sees_open)
    counted = periods_with_values(season, periods)
    return SeasonView(season, periods, counted, cumulative_standing(season, counted))


@dataclass(frozen=True)
class PeriodCard:
    period: Period
    shown: Decimal | None
    rank: int | None
    dimensions: list[tuple[str, Decimal | None]]
    missing: list[str]


@dataclass(frozen=True)
class SubjectView:
    subject: Subject
    field: int
    cards: list[PeriodCard]
    cumulative: CumulativeLine


def subject_view(season: Season, subject: Subject, sees_open: bool) -> SubjectView:
    view = season_view(season, sees_open)
    names = list(Dimension.objects.filter(season=season).values_list("name", flat=True))
    cards = []
    for period in view.counted:
        stages = {line.subject.pk: line.periods[period.pk] for line in view.lines}
        ranks = indicators.standing_ranks(
            {s: stage.shown for s, stage in stages.items()},
            {s: [d.shown for d in stage.parts] for s, stage in stages.items()},
        )
        mine = stages[subject.pk]
        dims = [(n, d.shown) for n, d in zip(names, mine.parts, strict=False)]
        cards.append(PeriodCard(period, mine.shown, ranks[subject.pk], dims,
                                [n for n, v in dims if v is None]))  # fmt: skip
    line = next(line for line in view.lines if line.subject.pk == subject.pk)
    return SubjectView(subject, len(view.lines), cards, line)


def my_seasons(user) -> list[tuple[Season, str | None, list[Subject]]]:
    """``(season, role or None, the subjects whose contact the user is)`` for the start page."""
    if not user.is_authenticated or not user.is_active:
        return []
    found: dict[int, list] = {}
    if user.is_superuser:
        for season in Season.objects.all():
            found[season.pk] = [season, "organiser", []]
    else:
        for role in SeasonRole.objects.filter(user=user).select_related("season"):
            found[role.season_id] = [role.season, role.role, []]
    for subject in Subject.objects.filter(contact=user).select_related("season", "unit", "person"):
        found.setdefault(subject.season_id, [subject.season, None, []])[2].append(subject)
    return [tuple(v) for v in found.values()]
