"""Making a season: its periods, subjects and scorecard from a preset, its first organiser."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain import roles
from common.domain.refusals import Refused
from common.models import Contestant, Role, Unit
from season.domain import grades
from season.domain.audit import record
from season.domain.presets import PRESETS
from season.domain.roles import SEASON
from season.domain.rules import checked_rule
from season.models import Dimension, Household, Indicator, Period, Season, SeasonEntry, Subject


class SeasonRefused(Refused):
    pass


PERIOD_NAMES = {
    Season.PeriodKind.MONTH: [f"{m}月" for m in range(1, 13)],
    Season.PeriodKind.QUARTER: ["第一季度", "第二季度", "第三季度", "第四季度"],
    Season.PeriodKind.WEEK: [f"第{w}周" for w in range(1, 53)],
    Season.PeriodKind.YEAR: ["全年"],
}


@transaction.atomic
def create_season(*, code: str, name: str, kind: str, actor, preset: str = "five_dimensions",
                  period_kind: str = Season.PeriodKind.MONTH, subjects=(),
                  **fields) -> Season:  # fmt: skip
    """A season with every period of its kind, the preset's scorecard (each rule checked),
    ``subjects`` (units or people, by the season's kind) in order, and ``actor`` as organiser."""
    season = Season.objects.create(code=code, name=name, kind=kind, period_kind=period_kind,
                                   **fields)  # fmt: skip
    Period.objects.bulk_create(
        Period(season=season, order=i, name=n)
        for i, n in enumerate(PERIOD_NAMES[Season.PeriodKind(period_kind)], start=1)
    )
    for d_order, plan in enumerate(PRESETS[preset], start=1):
        dimension = Dimension.objects.create(season=season, order=d_order, name=plan.name,
                                             weight=Decimal(plan.weight))  # fmt: skip
        for i_order, item in enumerate(plan.indicators, start=1):
            checked_rule(item.name, item.rule, item.params)
            Indicator.objects.create(
                season=season, dimension=dimension, order=i_order, name=item.name,
                weight=Decimal(item.weight), rule=item.rule, params=item.params,
                unit_label=item.unit_label,
            )  # fmt: skip
    field = {
        Season.Kind.UNITS: "unit",
        Season.Kind.PEOPLE: "person",
        Season.Kind.HOUSEHOLDS: "household",
    }[Season.Kind(kind)]
    Subject.objects.bulk_create(
        Subject(season=season, order=i, **{field: s}) for i, s in enumerate(subjects, start=1)
    )
    record(season, actor, SeasonEntry.Kind.CREATED, reason=_("preset: %(p)s") % {"p": preset})
    grades.with_preset(season, actor)
    if actor is not None and actor.is_authenticated:
        roles.grant(SEASON, season, actor, Role.ORGANISER, actor)
    return season


@transaction.atomic
def new_season(*, code: str, name: str, kind: str, period_kind: str, preset: str,
               subjects: list[tuple[str, str]], actor, **fields) -> Season:  # fmt: skip
    """A season made on the site: its subjects by name (``imports.subjects``), the same
    ``Unit`` / ``Contestant`` rows the events use where they exist already, new ones if not."""
    if Season.objects.filter(code=code).exists():
        raise SeasonRefused(_("A season with the code %(code)s exists already.") % {"code": code})
    if preset not in PRESETS:
        raise SeasonRefused(_("Unknown scorecard preset."))
    made = []
    for subject_name, unit_name in subjects:
        if kind == Season.Kind.HOUSEHOLDS:  # "户主, 村/组"
            made.append(Household.objects.get_or_create(name=subject_name, place=unit_name)[0])
            continue
        unit = Unit.objects.filter(name=unit_name).first() or Unit.objects.create(name=unit_name)
        if kind == Season.Kind.UNITS:
            made.append(unit)
        else:
            person = Contestant.objects.filter(name=subject_name, unit=unit).first()
            made.append(person or Contestant.objects.create(name=subject_name, unit=unit))
    return create_season(code=code, name=name, kind=kind, actor=actor, preset=preset,
                         period_kind=period_kind, subjects=made, **fields)  # fmt: skip
