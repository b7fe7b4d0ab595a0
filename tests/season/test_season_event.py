"""A 赛马会 night as one component of a season: the event's final score (or points by its rank)
taken into a period as an indicator's values, through the contest app's hand-over at start-up
(the season never imports the contest app), and recounted in the workbook's 核算."""

from decimal import Decimal as D

import pytest

from season.domain.event_values import EventRefused, take_event_result
from season.domain.seasons import create_season
from season.domain.values import enter_values
from season.exports.workbook import season_workbook_bytes
from season.models import Indicator, Season, Value
from tests.factories import build_event, client_for, make_user, submit_sheet
from tests.pages import table_rows
from tests.recount import engines, recalculated

pytestmark = pytest.mark.django_db

#: each judge's sheet per report (every judge alike, so the report's score is its total)
SHEETS = {1: (36, 18, 18, 18), 2: (32, 16, 16, 16), 3: (34, 17, 17, 17)}  # 90, 80, 85


def night_and_season(mode="score"):
    event, _criteria, appearances, judges = build_event(judges=3)
    for appearance in appearances:
        for judge in judges:
            submit_sheet(judge, appearance, SHEETS[appearance.order])
    organiser = make_user("units-organiser", staff=True)
    season = create_season(code="units-2022", name="各单位年度考核", kind=Season.Kind.UNITS,
                           actor=organiser, preset="units_with_a_night",
                           period_kind=Season.PeriodKind.YEAR,
                           subjects=[a.contestant.unit for a in appearances])  # fmt: skip
    night = Indicator.objects.get(season=season, rule="event")
    night.params = {"event": event.pk, "mode": mode, "factor": "1",
                    "table": ["10", "8", "6"], "rest": "0"}  # fmt: skip
    night.save()
    return event, season, night, organiser


def test_the_nights_final_score_becomes_each_units_value():
    _event, season, night, organiser = night_and_season()
    year = season.periods.get()
    assert year.name == "全年"
    take_event_result(year, night, organiser)
    values = dict(Value.objects.filter(indicator=night).values_list("subject__order", "value"))
    assert values == {1: D(90), 2: D(80), 3: D(85)}
    assert season.log.filter(kind="values").last().reason == "来自测试赛马会"


def test_points_by_the_nights_rank_and_the_page_button():
    _event, season, night, organiser = night_and_season(mode="rank")
    year = season.periods.get()
    routine = Indicator.objects.get(season=season, rule="manual")
    client = client_for(organiser)
    url = f"/seasons/{season.pk}/periods/{year.pk}/"
    assert client.post(url + "event/", {"indicator": night.pk}).status_code == 302
    ranks = dict(Value.objects.filter(indicator=night).values_list("subject__order", "value"))
    assert ranks == {1: 1, 2: 3, 3: 2}
    enter_values(year, [(s.order, s, routine, D(90)) for s in season.subjects.all()], organiser,
                 reason="日常考核")  # fmt: skip
    rows = {r["考核对象"]: r for r in table_rows(client.get(url).content.decode(), "standing")}
    # 0.5 × 10 points (1st) + 0.5 × 90 = 50; 2nd: 0.5 × 8 + 45 = 49; 3rd: 0.5 × 6 + 45 = 48
    shown = sorted((r["名次"], r["总分"]) for r in rows.values())
    assert shown == [("1", "50.00"), ("2", "49.00"), ("3", "48.00")]


def test_an_indicator_without_its_event_is_refused():
    _event, season, night, organiser = night_and_season()
    night.params = {**night.params, "event": 999999}
    night.save()
    with pytest.raises(EventRefused):
        take_event_result(season.periods.get(), night, organiser)
    assert not Value.objects.filter(indicator=night).exists()


@pytest.mark.libreoffice
@engines
@pytest.mark.parametrize("mode", ["score", "rank"])
def test_the_nights_points_recount_equal(tmp_path, engine, mode):
    _event, season, night, organiser = night_and_season(mode)
    year = season.periods.get()
    take_event_result(year, night, organiser)
    routine = Indicator.objects.get(season=season, rule="manual")
    enter_values(year, [(s.order, s, routine, D("87.5") + s.order) for s in season.subjects.all()],
                 organiser, reason="日常考核")  # fmt: skip
    sheets = recalculated(season_workbook_bytes(season), tmp_path, engine, skip_rows=3)
    header, *body = sheets["全年核算"]
    same = [k for k, h in enumerate(header) if h in ("一致", "各维度一致")]
    assert len(body) == 3 and all(row[k] == "一致" for row in body for k in same)
