"""The workbook of a contest tree: its 核算 formulas come from the same scheme as the tool's
numbers, and LibreOffice recounts every round equal — through segments, weighted panels and
both rounding options, on values whose exact result sits on a rounding half."""

import io
import subprocess
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from common.scoring import round_half_up
from common.scoring.tree import Aggregation, Fallback, PanelSpec
from review.exports.recheck import PANEL_PARTS, panel_parts, thousandths
from review.models import Event, Panel, Round, TieBreakRule
from review.queries.round_results import round_results
from tests.factories import (
    HALVES,
    build_event,
    client_for,
    give,
    seed_004_contest,
    submit_sheet,
    two_segments_two_panels,
)
from tests.pages import table_rows
from tests.recount import engines, recalculated
from tests.tools import require_program

pytestmark = pytest.mark.django_db


def test_every_aggregation_has_its_formula():
    assert set(PANEL_PARTS) == set(Aggregation)
    for aggregation in Aggregation:
        for fallback in Fallback:
            n, d = panel_parts(PanelSpec(1, aggregation, 2, fallback=fallback), "A1:A9", 10)
            assert "A1:A9" in n and d.startswith("IF(COUNT(A1:A9)=0,0,")


def test_weights_become_whole_thousandths():
    assert [thousandths(Decimal(w)) for w in ("0.7", "0.333", "1", "2.5")] == [700, 333, 1000, 2500]
    with pytest.raises(ValueError):
        thousandths(Decimal("0.3333"))


def download(client, event) -> bytes:
    response = client.get(f"/events/{event.pk}/results.xlsx")
    assert response.status_code == 200
    return response.content


def recounts(data: bytes, tmp_path, engine="libreoffice") -> dict[str, list[list[str]]]:
    """Every 核算 sheet as ``engine`` recalculates it: ``{title: rows}``."""
    sheets = recalculated(data, tmp_path, engine)
    return {name: rows for name, rows in sheets.items() if name.endswith("核算")}


def test_the_workbook_has_a_sheet_per_round_segment_and_panel(organiser):
    event, *_ = seed_004_contest()
    names = load_workbook(io.BytesIO(download(client_for(organiser), event))).sheetnames
    assert names[:7] == [
        "说明",
        "复赛 汇总排名",
        "1-得分图",
        "1-1-1 红色故事讲述·专家评委",
        "1-1-2 红色故事讲述·大众评审",
        "复赛 核算",
        "1-分项统计",
    ]
    assert names[7].startswith("评分表1-1-") and "2-得分图" in names and "2-分项统计" in names
    assert "2-3-2 微党课演绎·大众评审" in names and "决赛 核算" in names and "修改记录" in names


@pytest.mark.libreoffice
@engines
def test_libreoffice_and_gnumeric_recount_a_seed_004_contest_equal(organiser, tmp_path, engine):
    event, *_ = seed_004_contest()
    sheets = recounts(download(client_for(organiser), event), tmp_path, engine)
    assert set(sheets) == {"复赛 核算", "决赛 核算"}
    assert [len(rows) for rows in sheets.values()] == [60, 30]
    for rows in sheets.values():
        assert {row[4] for row in rows} == {"一致"}
        scored = [row for row in rows if row[3]]
        assert all(Decimal(row[2]) == Decimal(row[3]) for row in scored)
    assert len([row for row in sheets["决赛 核算"] if row[3]]) == 27  # 3 finalists still to score


# 讲述 and 问答 are scored alike by five judges: 专家 (1–3) drop 90 and 70 → 80, 大众 (4, 5)
# 60 and 65 → 62.5; each segment 0.7×80 + 0.3×62.5 = 74.75, the round exactly 74.75 too:
# a half at one decimal, which binary floating point holds as 74.74999… after the weighting.
@pytest.mark.libreoffice
@pytest.mark.parametrize("rounding", ["once", "each_stage"])
@pytest.mark.parametrize("public", list(Aggregation))
@engines
def test_libreoffice_and_gnumeric_recount_halves_for_every_rule(
    organiser, tmp_path, rounding, public, engine
):
    event, round_, subs, judges, criteria = two_segments_two_panels(precision=1)
    Event.objects.filter(pk=event.pk).update(rounding=rounding)
    Panel.objects.filter(round=round_, order=2).update(aggregation=public)
    for segment, criterion in criteria.items():
        for judge, value in zip(judges, HALVES, strict=True):
            give(judge, subs[0], segment, criterion, value)
        for judge, value in zip(judges, ("33.3", "12.25", "99", "0.5", "41"), strict=True):
            give(judge, subs[1], segment, criterion, value)
    event.refresh_from_db()
    tool = {r.appearance.order: r.stage.shown for r in round_results(event, round_).rows}
    if public == Aggregation.MEAN:
        assert tool[1] == Decimal("74.8")  # the half, rounded up
    (rows,) = recounts(download(client_for(organiser), event), tmp_path, engine).values()
    assert [row[4] for row in rows] == ["一致"] * 3
    assert [row[2] for row in rows] == [f"{tool[1]}", f"{tool[2]}", ""]


@pytest.mark.libreoffice
@pytest.mark.parametrize("rounding", ["once", "each_stage"])
@engines
def test_a_weighted_final_is_ranked_and_recounted_across_rounds(
    organiser, tmp_path, rounding, engine
):
    from review.models import Round
    from review.queries.final_results import final_results

    event, *_ = seed_004_contest()
    Event.objects.filter(pk=event.pk).update(final_mode="weighted_rounds", rounding=rounding)
    Round.objects.filter(event=event, order=1).update(weight=Decimal("0.4"))
    Round.objects.filter(event=event, order=2).update(weight=Decimal("0.6"))
    event.refresh_from_db()
    final = final_results(event)
    semifinal, last = final.rounds
    row = next(r for r in final.rows if r.stage.value is not None)
    weighted = (
        Fraction(2, 5) * row.rounds[semifinal.pk].value + Fraction(3, 5) * row.rounds[last.pk].value
    )
    if rounding == "each_stage":  # the rounds are carried rounded, and so is the final
        weighted = Fraction(round_half_up(weighted, 2))
    assert row.stage.value == weighted
    assert sum(r.stage.value is None for r in final.rows) == 3  # finalists still to score
    client = client_for(organiser)
    page = client.get(f"/events/{event.pk}/results/?round=final").content.decode()
    assert "最终排名" in page and "复赛 ×0.4" in page and "决赛 ×0.6" in page
    data = download(client, event)
    assert "最终排名" in load_workbook(io.BytesIO(data), read_only=True).sheetnames
    rows = recalculated(data, tmp_path, engine)["最终排名"]
    assert len(rows) == 30
    assert {r[8] for r in rows} == {"一致"}
    assert sum(1 for r in rows if r[6]) == 27
    assert all(Decimal(r[6]) == Decimal(r[7]) for r in rows if r[7])


@pytest.mark.libreoffice
@engines
def test_a_median_panel_without_sheets_has_a_zero_not_an_error(organiser, tmp_path, engine):
    """Its N column showed #VALUE! / #NUM! (14 cells in a recount)."""
    event, round_, subs, judges, criteria = two_segments_two_panels()
    Panel.objects.filter(round=round_, order=2).update(aggregation="median")
    for segment, criterion in criteria.items():
        for judge in judges[:3]:  # 专家 only: 大众 has no sheet
            give(judge, subs[0], segment, criterion, "80")
    sheets = recalculated(download(client_for(organiser), event), tmp_path, engine, skip_rows=3)
    (header, *rows) = next(rows for name, rows in sheets.items() if name.endswith("核算"))
    public_n = [i for i, title in enumerate(header) if title.endswith("大众 N")]
    assert len(public_n) == 2
    for row in rows:
        assert [Decimal(row[i]) for i in public_n] == [0, 0], row


@pytest.mark.libreoffice
def test_long_names_give_unique_sheet_titles_within_31_characters(organiser, tmp_path):
    """Cut to 31, two rounds' sheets met, and openpyxl renamed one to 32 characters, which
    Excel offers to repair."""
    from review.models import Round

    event, *_ = seed_004_contest()
    stem = "全市红色故事讲解员大赛暨党史知识竞赛现场评审一二三四五六七八九"  # 31 characters
    assert len(stem) == 31
    Round.objects.filter(event=event, order=1).update(name=stem + "复赛")
    Round.objects.filter(event=event, order=2).update(name=stem + "决赛")
    Event.objects.filter(pk=event.pk).update(final_mode="weighted_rounds")
    data = download(client_for(organiser), event)
    titles = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    assert sum(t.startswith(stem[:25]) for t in titles) >= 4
    sheets = recalculated(data, tmp_path, "libreoffice")
    recounted = [rows for name, rows in sheets.items() if "核算" in name or name.startswith(stem)]
    assert {row[8] for row in sheets["最终排名"]} == {"一致"} and recounted


@pytest.mark.parametrize(
    ("rounding", "words"),
    [
        ("once", "全程精确计算，只对本轮得分四舍五入，保留 2 位小数"),
        ("each_stage", "评委组、环节和本轮得分均逐级四舍五入，保留 2 位小数"),
    ],
)
def test_the_rule_sentence_says_what_is_actually_rounded(organiser, rounding, words):
    """It said each panel was “保留 2 位小数，四舍五入” even when only the round is rounded."""
    event, round_, subs, judges, criteria = two_segments_two_panels()
    Event.objects.filter(pk=event.pk).update(rounding=rounding)
    wb = load_workbook(io.BytesIO(download(client_for(organiser), event)))
    sentence = wb.worksheets[1]["A2"].value
    assert sentence.count("四舍五入") == 1 and words in sentence
    assert "专家 ×0.7：去掉一个最高分和一个最低分后取平均；" in sentence


def test_the_notes_state_every_choice_a_recount_has_to_make(organiser):
    from review.exports.choices import CHOICES

    event, *_ = seed_004_contest()
    wb = load_workbook(io.BytesIO(download(client_for(organiser), event)))
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True) if r[0]}
    assert len(CHOICES) == 13 and all(str(question) in notes for question, _a in CHOICES)
    assert notes["四舍五入与负数"].startswith("四舍五入即“逢半远离零”")
    assert "保留 2 位小数" in notes["逐级四舍五入"] and "15 %（" not in notes["奖项比例"]
    assert notes["复赛"].startswith("复赛：本轮得分 =")


@pytest.mark.libreoffice
def notes_and_first_ranking(data: bytes) -> bytes:
    """The workbook as printed up to its first ranking: 说明, then 复赛汇总排名 (page 2); the
    rest, dozens of pages, is not what this test reads."""
    wb = load_workbook(io.BytesIO(data))
    first = next(title for title in wb.sheetnames if title.endswith("汇总排名"))
    for title in wb.sheetnames:
        if title not in (wb.sheetnames[0], first):
            del wb[title]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_tree_ranking_prints_across_a4_in_readable_type(organiser, tmp_path):
    """LibreOffice fitted 汇总排名 to the width of its long rule sentence: the table filled ~40 %
    of the page in tiny type and 制表时间 ran off it. Printed now, the sentence wraps within the
    table and the body is at least 9 pt."""
    import re

    soffice, pdftotext = require_program("soffice"), require_program("pdftotext")
    event, *_ = seed_004_contest()
    book = tmp_path / "book.xlsx"
    book.write_bytes(notes_and_first_ranking(download(client_for(organiser), event)))
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    boxes = subprocess.run([pdftotext, "-f", "2", "-l", "2", "-bbox", str(tmp_path / "book.pdf"),
                            "-"], check=True, capture_output=True, text=True).stdout  # fmt: skip
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)
    text = "".join(w for _y0, _y1, w in words)
    assert "复赛汇总排名" in text and text.count("制表时间") == 2  # the page header and the note
    ranks = [float(y1) - float(y0) for y0, y1, w in words if w in {"1", "2", "3"}]
    assert ranks and min(ranks) >= 11, ranks  # a box this tall is 9 pt type or more


def test_the_weights_common_factor_keeps_the_recount_numbers_small():
    from review.exports.recheck import final_parts, round_parts_once

    numerator, denominator = round_parts_once([(500, 700, "A1", "B1"), (500, 300, "C1", "D1")])
    assert "7*A1*" in numerator and "3*C1*" in numerator  # 350000 and 150000 over 50000
    assert denominator.endswith(",20*LCM(B1,D1))")  # 10^6 / 50000
    numerator, denominator = final_parts([(400, "A1", "B1"), (600, "C1", "D1")])
    assert "2*A1*" in numerator and denominator.endswith(",5*LCM(B1,D1))")


@pytest.mark.libreoffice
@engines
def test_a_row_past_exact_whole_numbers_says_so_instead_of_agreeing(tmp_path, engine):
    """Above 10^15 a spreadsheet's whole numbers are no longer exact (15 significant digits,
    though a double holds 2^53): the row cannot vouch for itself."""
    from openpyxl import Workbook

    from review.exports.recheck import checked_same

    wb = Workbook()
    ws = wb.active
    ws.title = "核算"
    formula = checked_same("A1", "B1", ("C1", "D1"), 2, "一致", "不一致", "超出精确复核范围")
    ws.append([10**15 + 10, 3, 1.5, 1.5, formula])
    ws.append([10**14, 3, 1.5, 1.5, formula.replace("A1", "A2").replace("B1", "B2")
               .replace("C1", "C2").replace("D1", "D2")])  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    rows = recalculated(buffer.getvalue(), tmp_path, engine, skip_rows=0)["核算"]
    assert [row[4] for row in rows] == ["超出精确复核范围", "一致"]


def test_a_tree_round_has_its_chart_statistics_and_a_signed_sheet_per_judge(organiser):
    event, round_, subs, judges, criteria = two_segments_two_panels()
    (tell, told), (ask, asked) = criteria.items()
    for judge, value in zip(judges, HALVES, strict=True):
        give(judge, subs[0], tell, told, value)
    for judge, value in zip(judges, ("50", "100", "75", "70", "71"), strict=True):
        give(judge, subs[0], ask, asked, value)
    give(judges[0], subs[1], tell, told, "88")
    data = download(client_for(organiser), event)
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    at = names.index("汇总排名")  # the event's only round: its sheets are named without it
    assert names[at + 1] == "得分图"
    assert names.index("核算") < names.index("分项统计") < names.index("评分表1-评委1")
    assert [n for n in names if n.startswith("评分表")] == [
        f"评分表{i}-评委{i}" for i in range(1, 6)
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the chart is a real chart part
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())

    stats = [[c.value for c in row] for row in book["分项统计"].iter_rows(min_row=5)]
    # 讲述: 90 80 70 60 65 and 88 → mean 75.5, sample s.d. √153.5 = 12.389…; 问答: 50 100 75 70
    # 71 → 73.2, √318.7 = 17.852…
    assert stats[0][:9] == ["讲述", "讲述", 100, 1, 6, 75.5, 60, 90, 12.39]
    assert stats[1][:9] == ["问答", "问答", 100, 1, 5, 73.2, 50, 100, 17.85]

    first = [[c.value for c in row] for row in book["评分表1-评委1"].iter_rows()]
    body = {row[1]: row for row in first if row[0] in (1, 2, 3)}
    names_in_order = [s.contestant.name for s in subs]
    assert body[names_in_order[0]][2:7] == [90, 90, 50, 50, None]
    assert body[names_in_order[1]][2:7] == [88, 88, None, None, "问答：未评分"]
    assert body[names_in_order[2]][6] == "讲述：未评分；问答：未评分"
    assert any(row[0] and str(row[0]).startswith("评委签字") for row in first)


def test_a_flat_round_of_a_contest_ranks_alike_on_the_page_and_in_the_workbook(organiser):
    """A tie the event's chain breaks by a criterion's mean (甲: 40 against 30) was 1, 2 on the
    ranking page and in the awards, but 1, 1 in the workbook of an event with a second round."""
    event, criteria, appearances, judges = build_event(
        appearances=2, judges=3, criteria=(("甲", "50"), ("乙", "50"))
    )
    TieBreakRule.objects.create(event=event, order=0, kind="criterion", criterion=criteria[0])
    for judge in judges:
        submit_sheet(judge, appearances[0], ["30", "40"])
        submit_sheet(judge, appearances[1], ["40", "30"])
    Round.objects.create(event=event, order=2, name="决赛")
    page = client_for(organiser).get(f"/events/{event.pk}/results/?round=1").content.decode()
    rows = table_rows(page, "leaderboard")
    assert [(row["名次"], row["述职人"]) for row in rows] == [("1", "述职人2"), ("2", "述职人1")]
    book = load_workbook(io.BytesIO(download(client_for(organiser), event)))
    ranking = list(book["第一轮 汇总排名"].iter_rows(min_row=5, max_row=6, values_only=True))
    assert [row[:3] for row in ranking] == [(1, 2, "述职人2"), (2, 1, "述职人1")]
