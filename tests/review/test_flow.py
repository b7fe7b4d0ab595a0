"""The whole loop through the web: fixture → judges score on the forms → ranking → workbook."""

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from common.scoring import round_half_up
from review.models import Appearance, Criterion, Event, Judge, ScoreSheet
from tests.factories import client_for
from tests.pages import table_rows

pytestmark = pytest.mark.django_db

# Scores per report (in presentation order) per judge seat 1…7, criteria in order
# (实绩成效 40, 创新突破 20, 数据支撑 20, 作风与体会 20). Judge 4 sits in 市发改委产业发展处
# and is recused from report 1; judge 7 never scores report 8.
SHEETS = {
    1: {
        1: "36 18 17.5 17",
        2: "34 17 17 16",
        3: "38 19 18 18",
        5: "30 15 15 15",
        6: "35 17.5 17 16.5",
        7: "33 16 16 16",
    },
    2: {s: "32 16 16 16" for s in range(1, 8)},
    3: {
        1: "35 17 17 17",
        2: "35 17 17 17",
        3: "34 17 17 17",
        4: "36 18 18 18",
        5: "35 17 17 17",
        6: "33 16 16 16",
        7: "40 20 20 20",
    },
    4: {
        1: "32 16 16 16",
        2: "32 16 16 16",
        3: "32 16 16 16",
        4: "32 16 16 16",
        5: "32 16 16 16",
        6: "32 16 16 16",
        7: "32 16 16 16",
    },
    5: {
        1: "28 14 14 14",
        2: "39.5 19.5 19.5 19.5",
        3: "30 15 15.5 15",
        4: "31 15 15 15",
        5: "29.5 15 15 15",
        6: "30 15 15 15",
        7: "27 13 13 13",
    },
    6: {
        1: "37 18 18 18",
        2: "36.5 18 18 18",
        3: "37 18.5 18 18",
        4: "37 18 18 18",
        5: "36 18 18 18",
        6: "38 18 18 18",
        7: "35 18 18 18",
    },
    7: {
        1: "20 10 10 10",
        2: "25 12 12 12",
        3: "22 11 11 11",
        4: "21 10.5 10 10",
        5: "24 12 12 12",
        6: "23 11 11 11",
        7: "22.5 11 11 11",
    },
    8: {
        1: "36 18 17.5 17",
        2: "34 17 17 16",
        3: "38 19 18 18",
        4: "30 15 15 15",
        5: "35 17.5 17 16.5",
        6: "33 16 16 16",
    },
}


def expected_final(totals):
    """去掉一个最高分和一个最低分, worked independently of the app."""
    kept = sorted(Fraction(Decimal(t)) for t in totals)[1:-1]
    return round_half_up(sum(kept) / len(kept), 2)


def score_through_the_forms(event, organiser):
    """Run the show from the control room; judges score each report while it is open."""
    criteria = list(Criterion.objects.filter(event=event))
    control = client_for(organiser)
    act = f"/events/{event.pk}/control/act/"
    judges = {j: client_for(j.user) for j in Judge.objects.filter(event=event)}
    for sub in Appearance.objects.filter(event=event):
        control.post(act, {"action": "present", "appearance": sub.pk})
        control.post(act, {"action": "open", "appearance": sub.pk})
        for judge, client in judges.items():
            values = SHEETS[sub.order].get(judge.seat)
            if values is None:
                continue
            data = {f"c{c.pk}": v for c, v in zip(criteria, values.split(), strict=True)}
            url = f"/events/{event.pk}/judge/{sub.pk}/"
            assert client.post(url, {**data, "action": "review"}).status_code == 200
            assert client.post(url, {**data, "action": "submit"}).status_code == 302
        control.post(act, {"action": "reveal", "appearance": sub.pk, "override": "1"})
        assert Appearance.objects.get(pk=sub.pk).phase == "revealed"


def test_full_flow(demo_event, organiser):
    event = demo_event
    assert event.status == Event.Status.SCORING
    score_through_the_forms(event, organiser)
    assert ScoreSheet.objects.filter(status="submitted").count() == sum(map(len, SHEETS.values()))

    page = client_for(organiser).get(f"/events/{event.pk}/results/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "演示数据" not in html, "these scores came from judges, not the generator"
    rows = {r["述职人"]: r for r in table_rows(html, "leaderboard")}

    expected = {}
    for sub in Appearance.objects.filter(event=event).select_related("contestant"):
        totals = [sum(Decimal(v) for v in s.split()) for s in SHEETS[sub.order].values()]
        expected[sub.contestant.name] = expected_final(totals)
    for name, final in expected.items():
        assert Decimal(rows[name]["最终得分"]) == final, name
    # Report 1: judge 4 recused → 6 of 6 expected; report 8: 6 of 7.
    assert rows["张艳"]["计分评委数"] == "6/6"
    assert rows["陈浩"]["计分评委数"] == "6/7"
    # Report 2: all seven equal at 80 → drops one 80.00 each way, scores 80.00.
    assert rows["朱立富"]["去掉的最高分"] == "80.00" and rows["朱立富"]["最终得分"] == "80.00"
    # Reports 1 and 8 have identical sheets: a shared rank, and the next rank is skipped.
    assert rows["张艳"]["名次"] == rows["陈浩"]["名次"]
    by_score = sorted(expected.values(), reverse=True)
    for name, row in rows.items():
        assert int(row["名次"]) == 1 + sum(1 for s in by_score if s > expected[name])

    download = client_for(organiser).get(f"/events/{event.pk}/results.xlsx")
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(download.content))
    assert workbook.sheetnames[:6] == ["说明", "汇总排名", "得分图", "评分明细", "核算", "分项统计"]
    summary = workbook["汇总排名"]
    header = [c.value for c in summary[4]]
    seen = {}
    for values in summary.iter_rows(min_row=5, values_only=True):
        record = dict(zip(header, values, strict=True))
        seen[record["述职人"]] = record
    assert set(seen) == set(rows)
    for name, row in rows.items():
        assert seen[name]["名次"] == int(row["名次"])
        assert Decimal(str(seen[name]["最终得分"])) == Decimal(row["最终得分"])
        assert summary.cell(5, header.index("最终得分") + 1).number_format == "0.00"

    # Every published number is reproducible from the sheet totals in 评分明细: the cells not
    # struck through average to the final score.
    detail = workbook["评分明细"]
    assert [c.value for c in detail[4]][:3] == ["出场顺序", "述职人", "评委1 演示评委1"]
    kept = {}
    for cells in detail.iter_rows(min_row=5, max_row=12):
        name = cells[1].value
        counted = [c for c in cells[2:] if isinstance(c.value, int | float)]
        kept[name] = [Fraction(str(c.value)) for c in counted if not c.font.strike]
        struck = [c for c in counted if c.font.strike]
        assert len(struck) == 2, name  # one highest and one lowest
    assert detail.cell(5, 2 + 4).value == "回避"  # judge 4 is recused from report 1
    for name, totals in kept.items():
        assert round_half_up(sum(totals) / len(totals), 2) == Decimal(rows[name]["最终得分"])
    assert set(kept) == set(rows)


def test_export_command_writes_the_same_workbook(demo_event, tmp_path):
    from django.core.management import call_command

    call_command("demo_data", seed=7, scored=8, verbosity=0)
    out = tmp_path / "results.xlsx"
    call_command("export_results", str(demo_event.pk), str(out), verbosity=0)
    workbook = load_workbook(out)
    summary = workbook["汇总排名"]
    assert "演示数据" in summary["A3"].value, "generated scores are labelled in the export"
    assert summary.freeze_panes == "C5"
    assert str(summary.page_setup.paperSize) == summary.PAPERSIZE_A4
    column = [c.value for c in summary[4]].index("最终得分")
    finals = [row[column] for row in summary.iter_rows(min_row=5, values_only=True)]
    assert len(finals) == 8 and all(isinstance(v, float | int) for v in finals)


def test_export_command_names_a_missing_event(db, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="No event .42."):
        call_command("export_results", "42", str(tmp_path / "x.xlsx"))
