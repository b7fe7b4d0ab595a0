"""The demo's cross-inspections and stamps: labelled generated, seed 001's eight units over three
verified draws with problems, photos, reviews (one sent back) and counts in the season; a
village's 24 households stamped over three months with their rewards in the season; both made
again the same from their seed."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from inspection.domain.draws import verify
from inspection.models import Draw, Photo, Problem
from season.exports.workbook import season_workbook_bytes
from season.models import Season, Value

pytestmark = pytest.mark.django_db


def test_the_demo_cross_inspections_are_labelled_verified_and_reproducible():
    call_command("loaddata", "ningbo_2022", verbosity=0)
    call_command("demo_inspection", seed=7, verbosity=0)
    season = Season.objects.get(code="ningbo-2022-inspection-demo")
    assert season.is_generated and season.name.startswith("【演示数据】")
    assert season.subjects.count() == 8
    draws = list(Draw.objects.filter(season=season))
    assert len(draws) == 3 and all(verify(d) == [] for d in draws)
    problems = Problem.objects.filter(pair__draw__season=season)
    assert problems.filter(status="sent_back").count() == 1
    assert problems.filter(status="accepted").exists()
    assert not Photo.objects.filter(problem__in=problems, thumbnail="").exists()
    counts = sorted(Value.objects.filter(period__season=season).values_list(
        "period__order", "subject__order", "indicator__name", "value"))  # fmt: skip
    assert counts and {c[2] for c in counts} == {"发现问题", "被查出问题"}
    call_command("demo_inspection", seed=7, verbosity=0)  # again: the same, replaced
    again = Season.objects.get(code="ningbo-2022-inspection-demo")
    assert sorted(Value.objects.filter(period__season=again).values_list(
        "period__order", "subject__order", "indicator__name", "value")) == counts  # fmt: skip


def test_the_demo_village_is_stamped_with_its_rewards_in_the_season():
    call_command("demo_stamps", seed=7, verbosity=0)
    season = Season.objects.get(code="village-2026-demo")
    assert season.is_generated and season.subjects.count() == 24
    assert season.stamps.count() == 24 * 3 * 4
    rewards = Value.objects.filter(period__season=season, indicator__name="月度奖励")
    assert rewards.count() == 24 * 3
    assert {v for v in rewards.values_list("value", flat=True)} <= {0, 1, 2}


def test_the_year_end_workbook_holds_the_cross_inspections_and_the_stamps():
    """Each app built on the season adds its sheet to the season's year-end workbook: the
    units' accepted problems period by period, the households' rewards month by month."""
    call_command("loaddata", "ningbo_2022", verbosity=0)
    call_command("demo_inspection", seed=7, verbosity=0)
    call_command("demo_stamps", seed=7, verbosity=0)
    units = Season.objects.get(code="ningbo-2022-inspection-demo")
    book = load_workbook(io.BytesIO(season_workbook_bytes(units)))
    rows = list(book["交叉检查"].iter_rows(min_row=5, values_only=True))
    accepted = Problem.objects.filter(pair__draw__season=units,
                                      status__in=["accepted", "rectified", "closed"])  # fmt: skip
    assert len(rows) == 8 and sum(row[-2] for row in rows) == accepted.count()
    assert "积分奖励" not in book.sheetnames
    village = Season.objects.get(code="village-2026-demo")
    book = load_workbook(io.BytesIO(season_workbook_bytes(village)))
    rewards = list(book["积分奖励"].iter_rows(min_row=5, values_only=True))
    assert len(rewards) == 24 and "交叉检查" not in book.sheetnames
