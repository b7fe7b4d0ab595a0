"""Cross-inspections as tests need them: a season of units and its draws."""

from common.models import Unit
from inspection.domain.draws import Constraints, commit, make
from season.domain.seasons import create_season
from tests.factories.accounts import make_user


def units_season(size=8, code="units-2026", prefix=""):
    """A units season of ``size`` 单位 (名称 单位01 …) with its organiser."""
    organiser = make_user(f"{prefix}inspection-organiser")
    units = [Unit.objects.create(name=f"{prefix}单位{i:02d}") for i in range(1, size + 1)]
    season = create_season(code=code, name="2026年度交叉检查", kind="units", actor=organiser,
                           subjects=units)  # fmt: skip
    return season, organiser, list(season.subjects.order_by("order"))


def drawn(period, organiser, **constraints):
    """A committed and made draw of ``period``."""
    commit(period, Constraints(**constraints), organiser)
    return make(period, organiser)
