"""The scorecard set on the site: weights and the rules' parameters, refused whole when a rule
cannot work, and a published period keeping the scorecard it was published with."""

import pytest

from season.domain.periods import publish
from season.domain.scorecard import PARAMETERS
from season.models import Indicator
from tests.factories import client_for
from tests.factories.season import fill_month, month_of, service_centre
from tests.pages import table_rows, visible_text

pytestmark = pytest.mark.django_db


def form_of(season) -> dict:
    """The scorecard form as the page shows it, unchanged."""
    data = {f"dw-{d.pk}": str(d.weight) for d in season.dimensions.all()}
    data |= {"board-top": "3", "board-bottom": "3", "board-red_at": "", "board-black_at": ""}
    for i in Indicator.objects.filter(season=season):
        data[f"iw-{i.pk}"] = str(i.weight)
        for name, form in PARAMETERS[i.rule]:
            value = i.params.get(name, True if form == "flag" else None)
            if name == "bands":
                value = "\n".join(f"{b['lower'] or ''},{b['upper'] or ''},{b['points']}"
                                  for b in value)  # fmt: skip
            elif name == "table":
                value = ",".join(value)
            elif isinstance(value, bool):
                if not value:
                    continue
                value = "1"
            data[f"p-{i.pk}-{name}"] = "" if value is None else str(value)
    return data


def test_the_organiser_changes_a_rule_and_the_open_period_follows(django_assert_max_num_queries):
    season, organiser, subjects, indicators = service_centre()
    january, february = month_of(season, 1), month_of(season, 2)
    fill_month(january, subjects, indicators)
    fill_month(february, subjects, indicators)
    publish(january, organiser)
    client = client_for(organiser)
    data = form_of(season)
    data[f"p-{indicators['办件量'].pk}-target"] = "240"  # 240 件 is now full points
    assert client.post(f"/seasons/{season.pk}/scorecard/save/", data).status_code == 302
    indicators["办件量"].refresh_from_db()
    assert indicators["办件量"].params["target"] == "240"
    jan = {
        r["考核对象"]: r
        for r in table_rows(
            client.get(f"/seasons/{season.pk}/periods/{january.pk}/").content.decode(), "standing"
        )
    }
    feb = {
        r["考核对象"]: r
        for r in table_rows(
            client.get(f"/seasons/{season.pk}/periods/{february.pk}/").content.decode(), "standing"
        )
    }
    assert jan["窗口1"]["总分"] == "81.75"  # published with 300 as the target
    assert feb["窗口1"]["总分"] == "87.75"  # 240 of 240 → 100: 30 + 10 + 20 + 13.5 + 14.25
    page = visible_text(client.get(f"/seasons/{season.pk}/scorecard/").content.decode())
    assert "240 得 100 分" in page
    assert season.log.filter(kind="scorecard").count() == 1


def test_a_rule_that_cannot_work_is_refused_naming_it():
    season, organiser, _subjects, indicators = service_centre()
    client = client_for(organiser)
    data = form_of(season)
    data[f"p-{indicators['办件量'].pk}-floor"] = "400"  # above the target of 300
    data[f"p-{indicators['群众满意率'].pk}-bands"] = ",95,80\n90,,100"  # overlapping
    data[f"dw-{season.dimensions.first().pk}"] = "很多"
    response = client.post(f"/seasons/{season.pk}/scorecard/save/", data)
    assert response.status_code == 400
    problems = [(p["列"], p["问题"]) for p in table_rows(response.content.decode(), "problems")]
    assert ("工作数量", "权重须为 0 至 999.999 之间的数") in problems
    assert ("办件量 · floor", "起点值高于目标值（越高越好时）") in problems
    assert ("群众满意率 · bands[1]", "与另一区间重叠") in problems
    indicators["办件量"].refresh_from_db()
    assert indicators["办件量"].params["floor"] == "0"
    assert not season.log.filter(kind="scorecard").exists()


def test_the_red_and_black_board_is_set_on_the_scorecard_page():
    season, organiser, subjects, indicators = service_centre()
    fill_month(month_of(season), subjects, indicators)
    client = client_for(organiser)
    data = form_of(season) | {"board-top": "1", "board-black_at": "85"}
    assert client.post(f"/seasons/{season.pk}/scorecard/save/", data).status_code == 302
    season.refresh_from_db()
    assert (season.board_top, season.black_at) == (1, 85)
    page = visible_text(client.get(f"/seasons/{season.pk}/periods/{month_of(season).pk}/")
                        .content.decode())  # fmt: skip
    assert "红榜：前 1 名" in page and "黑榜：总分不高于 85" in page
    bad = form_of(season) | {"board-top": "很多"}
    response = client.post(f"/seasons/{season.pk}/scorecard/save/", bad)
    assert response.status_code == 400
    season.refresh_from_db()
    assert season.board_top == 1
