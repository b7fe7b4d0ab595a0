"""Seasons as tests need them: a service centre's season of units on the five-dimension preset."""

from common.models import Unit
from season.domain.seasons import create_season
from season.models import Indicator, Period
from tests.factories.accounts import make_user


def service_centre(size=3):
    organiser = make_user("season-organiser")
    units = [Unit.objects.create(name=f"窗口{i}") for i in range(1, size + 1)]
    season = create_season(code="centre-2026", name="2026年度绩效考核", kind="units",
                           actor=organiser, subjects=units)  # fmt: skip
    indicators = {i.name: i for i in Indicator.objects.filter(season=season)}
    return season, organiser, list(season.subjects.all()), indicators


def month_of(season, order=1) -> Period:
    return season.periods.get(order=order)
