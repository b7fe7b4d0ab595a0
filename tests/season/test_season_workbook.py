"""The season's workbook: the monthly 考核清单 and the year-end workbook, whose 核算 sheets
recount every total, dimension and rank from the values typed — equal in LibreOffice and
Gnumeric, on a total that lands exactly on a half where binary floating point falls below it."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from common.scoring.tree import Rounding
from season.domain.periods import publish
from season.exports.workbook import season_workbook_bytes
from tests.factories.season import JANUARY, fill_month, month_of, service_centre
from tests.recount import engines, recalculated

pytestmark = pytest.mark.django_db

#: 窗口4 holds the trap: 101 件 → 33⅔, 4.9 天 → 2.5, the highest 价值量 → 100, 96 % → 90,
#: 差错 95.3: 10.1 + 0.5 + 20 + 13.5 + 14.295 = 58.395 exactly, shown 58.40.
TRAP = (101, "4.9", 120, 96, "95.3")
FEBRUARY = {"窗口1": (300, 2, 50, 99, 100), "窗口2": (150, 3, 60, 92, 100),
            "窗口3": (90, 5, 70, 80, 60), "窗口4": (300, 1, 40, 97, "99.5")}  # fmt: skip


def test_the_trap_is_one():
    """Summed in binary floating point, 窗口4's total falls below the half and rounds down."""
    v, t, _value, _sat, e = TRAP
    floating = 0.3 * (v / 3) + 0.2 * (25 * (5 - float(t))) + 0.2 * 100 + 0.15 * 90
    floating += 0.15 * float(e)
    assert D(repr(floating)) < D("58.395")


def season_with_two_months(rounding=Rounding.ONCE, cumulation="mean"):
    season, organiser, subjects, indicators = service_centre(size=4)
    season.rounding, season.cumulation = rounding.value, cumulation
    season.save()
    season.periods.filter(order=2).update(weight=D("1.5"))
    january, february = month_of(season, 1), month_of(season, 2)
    fill_month(january, subjects, indicators, {**JANUARY, "窗口4": TRAP})
    publish(january, organiser)
    fill_month(january, subjects, indicators, {"窗口1": (250, 3, 88, 96, 95)}, organiser,
               reason="补录")  # fmt: skip
    fill_month(february, subjects, indicators, FEBRUARY)
    return season, organiser


def test_the_workbook_lists_each_period_and_recounts_it():
    season, _organiser = season_with_two_months()
    wb = load_workbook(io.BytesIO(season_workbook_bytes(season)))
    assert wb.sheetnames == ["说明", "排名", "走势", "等次", "维度-工作数量", "维度-工作效率",
                             "维度-工作价值量", "维度-服务评价", "维度-工作质量", "红黑榜", "1月",
                             "1月核算", "2月", "2月核算", "累计核算"]  # fmt: skip
    assert len(wb["走势"]._charts) == 4  # a line chart per subject
    january = wb["1月"]
    header = [c.value for c in january[4]]
    rows = {r[1]: dict(zip(header, r, strict=True))
            for r in january.iter_rows(min_row=5, values_only=True)}  # fmt: skip
    assert D(str(rows["窗口4"]["总分"])) == D("58.40") and rows["窗口4"]["名次"] == 3
    assert rows["窗口3"]["总分"] is None and rows["窗口3"]["名次"] is None
    only_january = load_workbook(io.BytesIO(season_workbook_bytes(season, [month_of(season)])))
    assert "2月" not in only_january.sheetnames and "1月核算" in only_january.sheetnames


def test_a_formula_like_name_is_text_in_every_sheet():
    season, _organiser = season_with_two_months()
    subject = season.subjects.get(order=1)
    subject.unit.name = '=HYPERLINK("http://x")'
    subject.unit.save()
    wb = load_workbook(io.BytesIO(season_workbook_bytes(season)))
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=5):
            for cell in row:
                if cell.value == subject.unit.name:
                    assert cell.data_type == "s", ws.title


def agreement(sheets):
    """Every 一致 column of every 核算 sheet, and the rows read."""
    verdicts, rows = [], 0
    for title, table in sheets.items():
        if not title.endswith("核算"):
            continue
        header, *body = table
        columns = [k for k, h in enumerate(header) if h in ("一致", "各维度一致")]
        assert columns, title
        for row in body:
            rows += 1
            verdicts += [(title, row[1], header[k], row[k]) for k in columns]
    return verdicts, rows


@pytest.mark.libreoffice
@engines
@pytest.mark.parametrize(
    ("rounding", "cumulation"),
    [(Rounding.ONCE, "mean"), (Rounding.EACH_STAGE, "mean"), (Rounding.ONCE, "weighted"),
     (Rounding.EACH_STAGE, "sum")],
)  # fmt: skip
def test_every_published_number_recounts_equal(tmp_path, engine, rounding, cumulation):
    season, _organiser = season_with_two_months(rounding, cumulation)
    sheets = recalculated(season_workbook_bytes(season), tmp_path, engine, skip_rows=3)
    verdicts, rows = agreement(sheets)
    assert rows == 3 * 4
    assert [v for v in verdicts if v[3] != "一致"] == []
    header, *body = sheets["1月核算"]
    trap = dict(zip(header, next(r for r in body if r[1] == "窗口4"), strict=True))
    assert D(trap["按公式总分"]) == D("58.40")
    cumulative = {r[1]: r for r in sheets["累计核算"][1:]}
    # 窗口3 has no January total: the mean counts February alone, a sum or weighting has none
    assert (cumulative["窗口3"][4] != "") == (cumulation == "mean")
    assert cumulative["窗口1"][4] != ""
