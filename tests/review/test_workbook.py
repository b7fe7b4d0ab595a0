"""The report workbook, read back sheet by sheet, and recalculated by LibreOffice."""

import io
import re
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from common.exports.layout import printed_points
from common.scoring import round_half_up
from review.domain.corrections import reopen_sheet
from review.domain.sheets import save_sheet
from review.exports.results_workbook import round_scale
from review.models import Event, Recusal, ScoreSheet, TieBreakRule
from review.queries.results import event_results
from tests.factories import build_event, client_for, submit_sheet
from tests.pages import table_rows
from tests.recount import engines, recalculated

pytestmark = pytest.mark.django_db

# Totals chosen so exact means land on a rounding half: (85.125 + 85.125) / 2, thirds, …
SHEETS = [
    [[34.5, 17, 17, 16.625], [34.5, 17, 17, 16.625], [30, 15, 15, 15], [40, 20, 20, 20]],
    [[30, 15, 15, 15.33], [31, 15, 15, 15.33], [32, 15, 15, 15.34], [29, 14, 14, 14]],
    [[36, 18, 18, 18], [36, 18, 18, 18], [36, 18, 18, 18], [36, 18, 18, 18]],
    [[20, 10, 10, 10], [38.5, 19.5, 19.5, 19.5], [25, 12.5, 12.5, 12.5], [33, 16, 16, 17]],
    [[39, 19, 19, 19], [12, 6, 6, 6], [27.5, 13, 13.5, 13], [33, 16.5, 16.5, 16.5]],
]


def scored_event(organiser, **event_fields):
    """5 reports × 4 judges; judge 4 recused from report 5 and only drafted report 4."""
    event, criteria, subs, judges = build_event(
        appearances=5, judges=4, status=Event.Status.CLOSED, **event_fields
    )
    for c in criteria:  # allow two decimals for the awkward totals
        c.step = Decimal("0.01")
        c.save()
    Recusal.objects.create(judge=judges[3], contestant=subs[4].contestant, reason="回避")
    for sub, sheets in zip(subs, SHEETS, strict=True):
        for judge, values in zip(judges, sheets, strict=True):
            if (sub.order, judge.seat) == (5, 4):
                continue
            if (sub.order, judge.seat) == (4, 4):
                ScoreSheet.objects.create(judge=judge, appearance=sub)  # a draft
                continue
            submit_sheet(judge, sub, values)
    return event, criteria, subs, judges


def download(organiser, event):
    response = client_for(organiser).get(f"/events/{event.pk}/results.xlsx")
    assert response.status_code == 200
    return response.content


def records(ws, header_row=4):
    header = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(header, values, strict=False)))
    return rows


def test_every_sheet_agrees_with_the_leaderboard(organiser):
    event, criteria, subs, judges = scored_event(organiser)
    TieBreakRule.objects.create(event=event, kind="untrimmed_mean")
    wb = load_workbook(io.BytesIO(download(organiser, event)))
    assert wb.sheetnames == [
        "说明", "汇总排名", "得分图", "评分明细", "核算", "分项统计",
        "评分表1-评委1", "评分表2-评委2", "评分表3-评委3", "评分表4-评委4",
    ]  # fmt: skip

    notes = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["计分规则"] == "去掉一个最高分和一个最低分后取平均；保留 2 位小数，四舍五入"
    assert notes["评委人数"] == 4 and notes["述职人数"] == 5
    assert notes["数据说明"] == "分数为评委实际提交的评分。"

    page = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    board = {r["述职人"]: r for r in table_rows(page, "leaderboard")}
    summary = records(wb["汇总排名"])
    assert [r["述职人"] for r in summary] == sorted(board, key=lambda n: int(board[n]["名次"]))
    for row in summary:
        shown = board[row["述职人"]]
        assert row["名次"] == int(shown["名次"])
        assert Decimal(str(row["最终得分"])) == Decimal(shown["最终得分"])
        for c in criteria:
            assert f"{Decimal(str(row[c.name])):.2f}" == shown[c.name]
        assert row["计分评委数"] == shown["计分评委数"]
        assert row["去掉的最高分"] == (
            None if shown["去掉的最高分"] == "—" else shown["去掉的最高分"]
        )
        assert (row["备注"] or "") == shown["备注"]

    # 评分明细: sheet totals, the dropped ones struck through and filled.
    results = event_results(event)
    detail = wb["评分明细"]
    for offset, row in enumerate(results.rows):
        cells = detail[5 + offset][2:6]
        dropped = {*row.result.selection.dropped_low, *row.result.selection.dropped_high}
        for judge, cell in zip(results.judges, cells, strict=True):
            total = row.result.totals.get(judge.pk)
            if total is not None:
                assert Decimal(str(cell.value)) == total
            assert bool(cell.font.strike) is (judge.pk in dropped)
            assert (cell.fill.fgColor.rgb == "00FFC7CE") is (judge.pk in dropped)
    assert detail["F8"].value == "草稿，未计入"
    assert detail["F9"].value == "回避"
    labels = [r[0] for r in detail.iter_rows(values_only=True) if r[0] and "满分" in str(r[0])]
    assert labels == ["实绩成效（满分 40）", "创新突破（满分 20）", "数据支撑（满分 20）",
                      "作风与体会（满分 20）"]  # fmt: skip

    # 核算: each formula reads its own row of whole numbers in 评分明细, each made from that
    # row's own total (as many decimals as the totals have: 1/1000 on SQLite, which keeps the
    # three-decimal values these sheets were given; 1/100 on PostgreSQL, which rounds them).
    scale = round_scale(results.tree)
    assert scale in (100, 1000)
    for offset, row in enumerate(records(wb["核算"])):
        line = 5 + offset
        numerator = next(v for k, v in row.items() if k and k.endswith(" N") and "·" in k)
        refs = set(re.findall(r"'评分明细'!\$H(\d+):\$K(\d+)", numerator))
        assert refs == {(str(line), str(line))}, numerator
        assert {f"F{line}", f"G{line}"} <= set(re.findall(r"[A-Z]+\d+", row["公式复核得分"]))
        wholes = [c.value for c in detail[line][7:11]]
        assert wholes == [
            f'=IF(ISNUMBER({col}{line}),ROUND({col}{line}*{scale},0),"")' for col in "CDEF"
        ]
        final = results.rows[offset].result.final
        assert row["系统得分"] == (float(final) if final is not None else None)

    # 分项统计, worked independently.
    stats = {r["评分标准"]: r for r in records(wb["分项统计"])}
    for index, c in enumerate(criteria):
        values = [
            Decimal(str(sheet[index]))
            for order, sheets in enumerate(SHEETS, start=1)
            for seat, sheet in enumerate(sheets, start=1)
            if (order, seat) not in {(5, 4), (4, 4)}
        ]
        row = stats[c.name]
        assert row["评分个数"] == len(values) == 18
        assert Decimal(str(row["平均分"])) == round_half_up(Fraction(sum(values)) / 18, 2)
        assert Decimal(str(row["最低分"])) == min(values)
        assert Decimal(str(row["最高分"])) == max(values)
        assert Decimal(str(row["标准差"])) == round_half_up(statistics.stdev(values), 2)

    # One sheet per judge, printable for signature.
    sheet4 = wb["评分表4-评委4"]
    judge_rows = records(sheet4)
    assert [r["备注"] for r in judge_rows] == [None, None, None, "草稿，未计入", "回避"]
    assert [r["总分"] for r in judge_rows] == [100, 71, 90, None, None]
    texts = [r[0] for r in sheet4.iter_rows(values_only=True) if r and r[0]]
    assert "评委签字：＿＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿＿＿" in texts

    # The bar chart, on a page of its own, plots the ranking's final scores on the real scale.
    (chart,) = wb["得分图"]._charts
    assert type(chart).__name__ == "BarChart"
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100)
    header = [c.value for c in wb["汇总排名"][4]]
    column = get_column_letter(header.index("最终得分") + 1)
    assert chart.series[0].val.numRef.f == f"'汇总排名'!${column}$5:${column}$9"
    assert chart.series[0].cat.numRef.f == "'汇总排名'!$C$5:$C$9"  # the contestants' names


def test_every_sheet_is_print_ready(organiser):
    event, *_ = scored_event(organiser)
    wb = load_workbook(io.BytesIO(download(organiser, event)))
    for ws in wb.worksheets:
        assert str(ws.page_setup.paperSize) == "9", ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.HeaderFooter.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert ws.HeaderFooter.oddHeader.right.text.startswith("制表时间：")
        if ws.title not in ("说明", "得分图"):
            assert ws.print_title_rows == "$4:$4", ws.title
            assert ws.freeze_panes is not None
        widths = [d.width for d in ws.column_dimensions.values()]
        assert widths and (ws.title == "得分图" or all(w >= 8 for w in widths))
    assert wb["汇总排名"].auto_filter.ref.startswith("A4:")
    # CJK text gets double width: the name column fits the longest name.
    assert wb["汇总排名"].column_dimensions["C"].width >= 2 * len("述职人1") - 1


def readable_points(ws) -> float:
    """The body text's printed size once the sheet is fitted to its pages across."""
    widths = [d.width for d in ws.column_dimensions.values()]
    landscape = ws.page_setup.orientation == "landscape"
    return printed_points(widths, landscape, int(ws.page_setup.fitToWidth))


@pytest.mark.parametrize("judges", [7, 25])
def test_every_sheet_prints_at_nine_points_or_more(organiser, judges):
    """Leadership reads the workbook on A4: no sheet is shrunk below 9 pt to fit. The ranking
    fits one page across; a sheet with a column per judge runs over more pages, repeating its
    leading columns."""
    event, criteria, subs, seats = build_event(appearances=4, judges=judges,
                                               status=Event.Status.CLOSED)  # fmt: skip
    subs[0].contestant.unit.name = "市人力社保局就业促进和失业保险处" * 2
    subs[0].contestant.unit.save()
    for sub in subs:
        for seat in seats:
            submit_sheet(seat, sub, ["33.5", "17", "18", "16.5"])
    wb = load_workbook(io.BytesIO(download(organiser, event)))
    for ws in wb.worksheets:
        if ws.title == "得分图":
            continue
        assert readable_points(ws) >= 9, (ws.title, readable_points(ws))
    assert int(wb["汇总排名"].page_setup.fitToWidth) == 1
    if judges == 25:
        assert int(wb["评分明细"].page_setup.fitToWidth) > 1
        assert wb["评分明细"].print_title_cols == "$A:$B"


def test_generated_scores_are_labelled_on_every_sheet(demo_event, organiser):
    from django.core.management import call_command

    call_command("demo_data", seed=4, scored=8, verbosity=0)
    wb = load_workbook(io.BytesIO(download(organiser, demo_event)))
    notes = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["数据说明"].startswith("演示数据")
    for title in ("汇总排名", "评分明细", "核算", "分项统计"):
        assert wb[title]["A3"].value.startswith("演示数据"), title


def test_audit_sheet_only_when_there_is_a_log(organiser):
    event, criteria, subs, judges = scored_event(organiser)
    assert "修改记录" not in load_workbook(io.BytesIO(download(organiser, event))).sheetnames
    sheet = ScoreSheet.objects.get(judge=judges[0], appearance=subs[0])
    reopen_sheet(sheet, organiser, "复核")
    Event.objects.filter(pk=event.pk).update(status="scoring")
    values = {c.pk: Decimal(10) for c in criteria}
    save_sheet(judges[0], subs[0], values, submit=True, actor=judges[0].user)
    log = records(load_workbook(io.BytesIO(download(organiser, event)))["修改记录"])
    assert [r["事项"] for r in log] == ["退回评分表"] + ["修改分数"] * 4


def recalculated_recheck(path, tmp_path, engine) -> list[list[str]]:
    return recalculated(path.read_bytes(), tmp_path, engine)["核算"]


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "rule",
    [
        {"aggregation": "trimmed", "trim": 1},
        {"aggregation": "trimmed", "trim": 2},
        {"aggregation": "trimmed", "trim": 0},
        {"aggregation": "trimmed_auto"},
        {"aggregation": "mean", "precision": 1},
        {"aggregation": "median", "precision": 0},
        {"aggregation": "trimmed", "trim": 1, "precision": 3},
    ],
)
@engines
def test_libreoffice_and_gnumeric_recalculate_every_final_score(organiser, tmp_path, rule, engine):
    event, *_ = scored_event(organiser, **rule)
    path = tmp_path / "results.xlsx"
    path.write_bytes(download(organiser, event))
    rows = recalculated_recheck(path, tmp_path, engine)
    results = event_results(event)
    assert len(rows) == len(results.rows) == 5
    for values, row in zip(rows, results.rows, strict=True):
        by_formula, by_tool, same = values[2], values[3], values[4]
        expected = row.result.final
        if expected is None:
            assert by_formula == by_tool == ""
        else:
            assert Decimal(by_formula) == Decimal(by_tool) == expected, (rule, row.appearance.order)
        assert same == "一致"


# Totals whose exact trimmed mean is a half (k=1, precision 0) while summing them in binary
# floating point lands just below it: 0.5+4+1.6+2.3+1.9+4.4+3.1+2.1 − 4.4 − 0.5 = 14.999…98.
SUM_TRAPS = [
    [0.5, 4, 1.6, 2.3, 1.9, 4.4, 3.1, 2.1],
    [9.3, 9.7, 4.4, 9.2, 7.1, 7.5, 9.5, 8.4],
    [6.3, 2.4, 1.6, 6.3, 3.5, 0.4, 8.6, 0.9],
    [4.8, 8.2, 0.0, 9.9, 2.5, 2.7, 0.9, 1.9],
    [0.2, 4.6, 8.1, 4.1, 5.8, 8.6, 1.8, 9.7],
]


@pytest.mark.libreoffice
@engines
def test_recount_is_exact_on_accumulated_sum_traps(organiser, tmp_path, engine):
    event, (criterion,), subs, judges = build_event(
        appearances=len(SUM_TRAPS), judges=8, criteria=(("实绩", "10"),), precision=0,
        status=Event.Status.CLOSED,
    )  # fmt: skip
    criterion.step = Decimal("0.1")
    criterion.save()
    for sub, totals in zip(subs, SUM_TRAPS, strict=True):
        for judge, total in zip(judges, totals, strict=True):
            submit_sheet(judge, sub, [total])
    results = event_results(event)
    expected = [
        round_half_up(
            (
                Fraction(sum(map(Decimal, map(str, t))))
                - Fraction(str(max(t)))
                - Fraction(str(min(t)))
            )
            / 6,
            0,
        )  # noqa: E501
        for t in SUM_TRAPS
    ]
    assert [r.result.final for r in results.rows] == expected == [3, 9, 4, 4, 6]
    path = tmp_path / "traps.xlsx"
    path.write_bytes(download(organiser, event))
    rows = recalculated_recheck(path, tmp_path, engine)
    assert [(r[2], r[3], r[4]) for r in rows[: len(SUM_TRAPS)]] == [
        (str(v), str(v), "一致") for v in expected
    ]
    notes = {r[0]: r[1] for r in load_workbook(path)["说明"].iter_rows(values_only=True) if r[0]}
    assert "整数" in notes["公式的精确性"]


def test_dropped_scores_are_rounded_half_up_on_the_page_and_in_the_workbook(organiser):
    event, (criterion,), (sub,), judges = build_event(
        appearances=1, judges=4, criteria=(("实绩", "40"),), precision=0,
        status=Event.Status.PUBLISHED,
    )  # fmt: skip
    for judge, total in zip(judges, [24.5, 30, 31, 36.5], strict=True):
        submit_sheet(judge, sub, [total])
    page = client_for(organiser).get(f"/events/{event.pk}/results/").content.decode()
    (row,) = table_rows(page, "leaderboard")
    assert (row["去掉的最高分"], row["去掉的最低分"]) == ("37", "25")
    wb = load_workbook(io.BytesIO(download(organiser, event)))
    (summary,) = records(wb["汇总排名"])
    assert (summary["去掉的最高分"], summary["去掉的最低分"]) == ("37", "25")


FORMULA_LIKE = '=HYPERLINK("http://x","点我")'


OURS = {("results", "核算"), ("results", "评分明细")}


def test_text_that_users_typed_is_text_in_every_cell_we_write(organiser):
    """A name, title, reason or comment that starts like a formula is a string cell; our own
    核算 formulas and 评分明细's whole-number helpers are the only formulas."""
    event, criteria, subs, judges = build_event(
        appearances=2, judges=3, status=Event.Status.CLOSED, theme="+2",
        criteria=(("=SUM(1)", "40"), ("@crit", "20")),
    )  # fmt: skip
    event.name = "=1+1 赛马会"
    event.save()
    subs[0].contestant.name, subs[0].contestant.post = FORMULA_LIKE, "-处长"
    subs[0].contestant.save()
    subs[0].title = "@cmd|' /C calc'!A0"
    subs[0].save()
    judges[0].display_name = "=评委"
    judges[0].save()
    for judge in judges:
        for sub in subs:
            submit_sheet(judge, sub, [30, 15])
    sheet = ScoreSheet.objects.get(judge=judges[1], appearance=subs[0])
    reopen_sheet(sheet, organiser, "=reason")
    save_sheet(judges[1], subs[0], {c.pk: Decimal(10) for c in criteria}, submit=True,
               comment="+comment", actor=organiser)  # fmt: skip
    client = client_for(organiser)
    books = {
        "results": load_workbook(io.BytesIO(download(organiser, event))),
        "roster": load_workbook(
            io.BytesIO(client.get(f"/events/{event.pk}/control/roster.xlsx").content)
        ),
    }
    formulas = 0
    guarded = set()
    for book_name, wb in books.items():
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert (book_name, ws.title) in OURS, cell.coordinate
                        assert ws.title == "核算" or cell.value.startswith("=IF(ISNUMBER(")
                        formulas += 1
                    elif isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                        assert cell.data_type == "s", (book_name, ws.title, cell.coordinate)
                        assert cell.quotePrefix, (book_name, ws.title, cell.coordinate)
                        guarded.add(cell.value)
    assert formulas >= 2 * (3 + 3)
    assert {FORMULA_LIKE, "-处长", "@cmd|' /C calc'!A0", "=评委", "=reason", "=SUM(1)",
            "@crit", "=1+1 赛马会", "+2"} <= guarded  # fmt: skip


def test_qr_zip_names_are_sanitised(organiser):
    import zipfile

    from review.domain.tokens import issue_token

    event, _, _, (judge, *_) = build_event(judges=1)
    judge.display_name = "=../../etc/评委"
    judge.save()
    issue_token(judge, organiser)
    data = client_for(organiser).get(f"/events/{event.pk}/control/qr.zip").content
    (name,) = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert name == "judge-1-etc_评委.png"


@pytest.mark.libreoffice
@engines
def test_two_dropped_at_each_end_recount_equal_in_every_engine(organiser, tmp_path, engine):
    """Gnumeric evaluated ``SUMPRODUCT(LARGE(r,{1,2}))`` as ``LARGE(r,1)``: every row whose panel
    drops two or more at each end was wrong there."""
    event, (criterion,), subs, judges = build_event(
        appearances=2, judges=7, criteria=(("实绩", "100"),), status=Event.Status.CLOSED,
        aggregation="trimmed", trim=2,
    )  # fmt: skip
    for sub, totals in zip(subs, [(99, 95, 80, 78, 77, 60, 41), (70, 70, 70, 71, 69, 90, 10)],
                           strict=True):  # fmt: skip
        for judge, total in zip(judges, totals, strict=True):
            submit_sheet(judge, sub, [total])
    tool = [r.result.final for r in event_results(event).rows]
    assert tool == [Decimal("78.33"), Decimal("70.00")]  # (80+78+77)/3; (70+70+70)/3
    path = tmp_path / "two.xlsx"
    path.write_bytes(download(organiser, event))
    rows = recalculated_recheck(path, tmp_path, engine)
    assert [(Decimal(r[2]), r[4]) for r in rows[:2]] == [(t, "一致") for t in tool]


def test_numbers_are_written_as_their_exact_decimal_text():
    """openpyxl wrote ``Decimal("8.21")`` as ``8.210000000000001``."""
    import re
    import zipfile

    from openpyxl import Workbook

    import review.exports  # noqa: F401 — installs the writer

    wb = Workbook()
    wb.active.append([Decimal("8.21"), 8.21, Decimal("74.750"), Decimal("-1.7875"), 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert re.findall(r"<v>([^<]*)</v>", xml) == ["8.21", "8.21", "74.750", "-1.7875", "3"]
