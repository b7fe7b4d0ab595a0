"""Seasons as tests need them: a service centre's season of units on the five-dimension preset."""

from decimal import Decimal

from common.models import Unit
from season.domain.seasons import create_season
from season.domain.values import enter_values
from season.models import Indicator, Period
from tests.factories.accounts import make_user


def service_centre(size=3, code="centre-2026", prefix=""):
    organiser = make_user(f"{prefix}season-organiser")
    units = [Unit.objects.create(name=f"{prefix}窗口{i}") for i in range(1, size + 1)]
    season = create_season(code=code, name="2026年度绩效考核", kind="units",
                           actor=organiser, subjects=units)  # fmt: skip
    indicators = {i.name: i for i in Indicator.objects.filter(season=season)}
    return season, organiser, list(season.subjects.all()), indicators


def month_of(season, order=1) -> Period:
    return season.periods.get(order=order)


#: 1月 of a service centre of three, as typed in the template: 办件量, 平均办结时长, 价值量积分,
#: 群众满意率, 差错扣分 (窗口3 has no 满意率 yet).
JANUARY = {"窗口1": (240, 3, 88, 96, 95), "窗口2": (300, 1, 80, 99, 90),
           "窗口3": (100, 5, 70, None, 80)}  # fmt: skip
NAMES = ("办件量", "平均办结时长", "价值量积分", "群众满意率", "差错扣分")


def fill_month(period, subjects, indicators, table=JANUARY, actor=None, reason="月度录入"):
    """Enter ``table`` (``{subject name: five values}``) through the domain (差错扣分 is a manual
    score, so the entry carries a reason)."""
    by_name = {s.name: s for s in subjects}
    rows = [
        (n, by_name[name], indicators[indicator], None if value is None else Decimal(value))
        for n, (name, values) in enumerate(table.items(), start=2)
        for indicator, value in zip(NAMES, values, strict=True)
    ]
    return enter_values(period, rows, actor, sheet=period.name, reason=reason)
