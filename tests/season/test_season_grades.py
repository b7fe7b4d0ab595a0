"""The year-end 等次: 优秀 at most 15 % of the field (rounded down), a tie at its boundary settled
by the organiser with a reason (the awards' tie mechanism), thresholds and 绩效系数."""

import pytest

from season.domain import grades
from season.models import Grade
from tests.factories import client_for, make_user
from tests.factories.season import fill_month, month_of, service_centre
from tests.pages import table_rows, visible_text

pytestmark = pytest.mark.django_db

#: seven windows; 窗口1 and 窗口2 tie at the top (the same values on every indicator)
SEVEN = {f"窗口{i}": (300 - 20 * max(i - 1, 1) * (i > 2), 1 + (i > 2), 100 - i * (i > 2), 99, 95)
         for i in range(1, 8)}  # fmt: skip


@pytest.fixture
def centre():
    season, organiser, subjects, indicators = service_centre(size=7)
    fill_month(month_of(season), subjects, indicators, SEVEN)
    return season, organiser, subjects


def page(client, season):
    html = client.get(f"/seasons/{season.pk}/grades/").content.decode()
    return html, {r["考核对象"]: r for r in table_rows(html, "grades-standing")}


def test_a_tie_at_the_share_waits_for_the_organisers_pick(centre):
    season, organiser, subjects = centre
    client = client_for(organiser)
    html, rows = page(client, season)
    # 15 % of 7 = 1.05, rounded down: one 优秀 place, and two tied for it
    assert rows["窗口1"]["名次"] == rows["窗口2"]["名次"] == "1"
    assert rows["窗口1"]["等次"] == rows["窗口2"]["等次"] == "待定夺"
    assert rows["窗口7"]["等次"] == "待定夺"  # later grades wait too
    assert "优秀的分界处并列" in visible_text(html)
    url = f"/seasons/{season.pk}/grades/pick/"
    grade = Grade.objects.get(season=season, name="优秀")
    client.post(url, {"grade": grade.pk, "picked": [subjects[0].pk], "reason": ""})
    assert page(client, season)[1]["窗口1"]["等次"] == "待定夺"  # no reason, no pick
    client.post(url, {"grade": grade.pk, "picked": [subjects[0].pk, subjects[1].pk],
                      "reason": "两人都好"})  # fmt: skip
    assert page(client, season)[1]["窗口1"]["等次"] == "待定夺"  # one place, not two
    client.post(url, {"grade": grade.pk, "picked": [subjects[1].pk], "reason": "全年无差错"})
    _html, rows = page(client, season)
    assert rows["窗口2"]["等次"] == "优秀"
    assert {rows[f"窗口{i}"]["等次"] for i in (1, 3, 4, 5, 6, 7)} == {"称职"}
    entry = season.log.filter(kind="grade_pick").get()
    assert entry.reason == "全年无差错" and entry.detail["picked"] == ["窗口2"]


def test_thresholds_and_coefficients_from_the_page(centre):
    season, organiser, _subjects = centre
    client = client_for(organiser)
    rows = [
        ("优秀", "percent", "15", "", "down", "", "all_higher", "1.2"),
        ("称职", "threshold", "", "", "down", "80", "pick", "1"),
        ("基本称职", "threshold", "", "", "down", "60", "pick", "0.8"),
        ("不称职", "rest", "", "", "down", "", "pick", "0"),
    ]
    data = {}
    for i, row in enumerate(rows):
        data |= {f"{f}-{i}": v for f, v in zip(grades_fields(), row, strict=True)}
    assert client.post(f"/seasons/{season.pk}/grades/save/", data).status_code == 302
    _html, shown = page(client, season)
    # every tied subject gets 优秀 (all_higher); then by the thresholds
    assert shown["窗口1"]["等次"] == shown["窗口2"]["等次"] == "优秀"
    assert shown["窗口1"]["绩效系数"] == "1.20"
    totals = {name: row["累计"] for name, row in shown.items()}
    for name, row in shown.items():
        if row["等次"] == "称职":
            assert float(totals[name]) >= 80
        if row["等次"] == "不称职":
            assert float(totals[name]) < 60 and row["绩效系数"] == "0.00"


def grades_fields():
    return ("name", "quota", "percent", "count", "rounding", "threshold", "policy", "coefficient")


def test_grades_that_cannot_work_are_refused_whole(centre):
    season, organiser, _subjects = centre
    before = list(Grade.objects.filter(season=season).values_list("name", flat=True))
    client = client_for(organiser)
    response = client.post(f"/seasons/{season.pk}/grades/save/",
                           {"name-0": "优秀", "quota-0": "percent", "percent-0": "",
                            "name-1": "称职", "quota-1": "rest"}, follow=True)  # fmt: skip
    assert "优秀：请填写" in visible_text(response.content.decode())
    assert list(Grade.objects.filter(season=season).values_list("name", flat=True)) == before
    with pytest.raises(grades.GradesRefused):
        grades.set_grades(season, [{"name": "优秀", "quota": "percent", "percent": "150"}],
                          organiser)  # fmt: skip
    viewer = make_user("leader")
    from common.domain import roles
    from season.domain.roles import SEASON

    roles.grant(SEASON, season, viewer, "viewer", organiser)
    assert client_for(viewer).post(f"/seasons/{season.pk}/grades/save/", {}).status_code == 403
