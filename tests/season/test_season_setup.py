"""新建考核年度 on the site: a staff account makes a season of people from typed lines, reusing
the units and people the events have; a bad list is refused naming its line."""

import pytest

from common.models import Contestant, Unit
from season.models import Season
from tests.factories import client_for, make_user
from tests.pages import table_rows

pytestmark = pytest.mark.django_db

FORM = {"name": "2027年度绩效考核", "code": "centre-2027", "kind": "people",
        "period_kind": "quarter", "preset": "five_dimensions", "cumulation": "mean"}  # fmt: skip
NEW = "/seasons/new/"


def test_a_staff_account_makes_a_season_of_people():
    unit = Unit.objects.create(name="受理中心")
    Contestant.objects.create(name="王静", unit=unit)
    staff = make_user("boss", staff=True)
    client = client_for(staff)
    response = client.post(
        "/seasons/new/", {**FORM, "subjects": "王静, 受理中心\n李明, 受理中心\n"}
    )
    season = Season.objects.get(code="centre-2027")
    assert response["Location"] == f"/seasons/{season.pk}/"
    assert [p.name for p in season.periods.all()] == [
        "第一季度",
        "第二季度",
        "第三季度",
        "第四季度",
    ]
    assert [s.name for s in season.subjects.all()] == ["王静", "李明"]
    assert Contestant.objects.filter(name="王静").count() == 1  # the same person, reused
    assert season.roles.get().user == staff
    assert client_for(make_user("plain")).get("/seasons/new/").status_code == 403


def test_a_bad_list_is_refused_naming_its_line_and_nothing_is_made():
    client = client_for(make_user("boss", staff=True))
    response = client.post(
        "/seasons/new/", {**FORM, "subjects": "王静, 受理中心\n\n王静, 受理中心"}
    )
    assert response.status_code == 400
    problems = table_rows(response.content.decode(), "problems")
    assert [(p["行"], p["问题"]) for p in problems] == [("3", "“王静”已在第 1 行出现。")]
    assert not Season.objects.exists() and not Unit.objects.exists()


def test_a_village_season_ranks_households():
    client = client_for(make_user("village", staff=True))
    form = {**FORM, "code": "village-2027", "kind": "households", "period_kind": "month",
            "subjects": "张建国, 一组\n李秀英, 一组\n张建国, 二组"}  # fmt: skip
    assert client.post(NEW, form).status_code == 302
    season = Season.objects.get(code="village-2027")
    names = [s.name for s in season.subjects.named()]
    assert names == ["张建国（一组）", "李秀英（一组）", "张建国（二组）"]
    assert not Unit.objects.exists() and not Contestant.objects.exists()
