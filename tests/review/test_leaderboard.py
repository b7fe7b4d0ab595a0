"""The leaderboard page: notes a reader needs, sorting, and the same notes in the workbook."""

import io

import pytest
from openpyxl import load_workbook

from review.models import Event
from tests.factories import build_event, client_for, submit_sheet
from tests.pages import table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_gaps():
    event, _, subs, judges = build_event(appearances=3, judges=5, status=Event.Status.CLOSED)
    for judge in judges:  # report 1: everyone; top and bottom are dropped
        submit_sheet(judge, subs[0], [30 + judge.seat, 15, 15, 15])
    for judge in judges[:2]:  # report 2: only two sheets, too few to drop one at each end
        submit_sheet(judge, subs[1], [39, 19, 19, 19 - judge.seat])
    return event


def test_notes_explain_fallback_and_missing_judges(event_with_gaps, organiser):
    html = client_for(organiser).get(f"/events/{event_with_gaps.pk}/results/").content.decode()
    rows = {r["述职人"]: r for r in table_rows(html, "leaderboard")}
    assert rows["述职人1"]["备注"] == ""
    assert rows["述职人1"]["去掉的最高分"] == "80.00"  # totals 76…80
    assert rows["述职人1"]["去掉的最低分"] == "76.00"
    assert rows["述职人1"]["最终得分"] == "78.00"
    assert rows["述职人2"]["备注"] == "评分人数不足，未去掉最高分和最低分：按全部 2 个分数平均。"
    assert rows["述职人2"]["去掉的最高分"] == "—"
    assert rows["述职人2"]["最终得分"] == "94.50"  # (95 + 94) / 2
    assert rows["述职人3"]["最终得分"] == "—" and rows["述职人3"]["名次"] == "—"
    assert rows["述职人3"]["计分评委数"] == "0/5"
    assert rows["述职人3"]["备注"] == "5 位评委中有 5 位尚未评分。"


def test_sorting_by_final_keeps_blanks_last(event_with_gaps, organiser):
    client = client_for(organiser)
    url = f"/events/{event_with_gaps.pk}/results/"
    names = [
        r["述职人"]
        for r in table_rows(client.get(url + "?sort=-final").content.decode(), "leaderboard")
    ]
    assert names == ["述职人2", "述职人1", "述职人3"]
    names = [
        r["述职人"]
        for r in table_rows(client.get(url + "?sort=name").content.decode(), "leaderboard")
    ]
    assert names == ["述职人1", "述职人2", "述职人3"]


def test_workbook_carries_the_notes(event_with_gaps, organiser):
    response = client_for(organiser).get(f"/events/{event_with_gaps.pk}/results.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["汇总排名"]
    header = [c.value for c in sheet[4]]
    notes = {
        row[header.index("述职人")]: row[header.index("备注")]
        for row in sheet.iter_rows(min_row=5, values_only=True)
    }
    assert notes["述职人2"].startswith("评分人数不足")
    assert notes["述职人1"] is None


def test_pages_of_the_ranking_are_cached_apart(organiser, monkeypatch):
    monkeypatch.setattr("review.views.results.RANKING_PER_PAGE", 2)
    event, criteria, subs, judges = build_event(appearances=5, judges=3, status=Event.Status.CLOSED)
    for i, sub in enumerate(subs):
        for judge in judges:
            submit_sheet(judge, sub, [20 + i, 10, 10, 10])
    client = client_for(organiser)
    url = f"/events/{event.pk}/results/"
    pages = [
        [
            (r["名次"], r["述职人"])
            for r in table_rows(client.get(url + q).content.decode(), "leaderboard")
        ]
        for q in ("", "?page=2", "?page=3", "?page=2&sort=name", "?page=x")
    ]
    assert pages[0] == [("1", "述职人5"), ("2", "述职人4")]
    assert pages[1] == [("3", "述职人3"), ("4", "述职人2")]
    assert pages[2] == [("5", "述职人1")]
    assert pages[3] == [("3", "述职人3"), ("2", "述职人4")]
    assert pages[4] == pages[0]  # a bad page number shows the first page
    # Sorting by a criterion reads every row's criterion mean, not only the shown rows'.
    by_first = table_rows(
        client.get(f"{url}?sort=c{criteria[0].pk}&page=1").content.decode(), "leaderboard"
    )
    assert [(r["述职人"], r["实绩成效"], r["创新突破"]) for r in by_first] == [
        ("述职人1", "20.00", "10.00"),
        ("述职人2", "21.00", "10.00"),
    ]


def test_names_are_escaped_in_the_ranking(organiser):
    event, _, subs, judges = build_event(appearances=1, judges=1, status=Event.Status.CLOSED)
    contestant = subs[0].contestant
    contestant.name = '<script>alert("x")</script>'
    contestant.save()
    html = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
