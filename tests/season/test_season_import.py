"""A period's values through its template: downloaded, filled, uploaded; every bad file refused
with its place and nothing written; a re-import changes only what changed."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import Workbook, load_workbook

from common.domain.problems import Invalid
from season.domain.periods import publish
from season.domain.values import ValuesRefused
from season.exports.template import template_bytes
from season.imports.values import import_values
from season.models import Value
from tests.factories.season import month_of, service_centre

pytestmark = pytest.mark.django_db

HEADER = ["序号", "考核对象", "办件量（件）", "平均办结时长（天）", "价值量积分（分）",
          "群众满意率（%）", "差错扣分（分）"]  # fmt: skip


def book(rows, title="1月", header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD = [[1, "窗口1", 240, 3, 88, 96, 95], [2, "窗口2", 300, 1, 80, 99, 90],
        [3, "窗口3", 100, 5, 70, None, 80]]  # fmt: skip


def test_the_template_round_trips_and_a_re_import_changes_only_what_changed():
    season, organiser, subjects, _indicators = service_centre()
    january = month_of(season)
    blank = load_workbook(io.BytesIO(template_bytes(january)))
    assert blank.sheetnames == ["1月"]
    assert [c.value for c in blank["1月"][1]] == HEADER
    assert [[c.value for c in row][:2] for row in blank["1月"].iter_rows(min_row=2)] == [
        [1, "窗口1"], [2, "窗口2"], [3, "窗口3"]]  # fmt: skip
    assert len(import_values(january, book(GOOD), organiser, reason="月度录入")) == 14
    filled = load_workbook(io.BytesIO(template_bytes(january)))["1月"]
    assert [c.value for c in filled[2]] == [1, "窗口1", 240, 3, 88, 96, 95]
    again = [list(row) for row in GOOD]
    again[1][6] = 85  # one change
    again[0][2] = None  # one value removed
    assert len(import_values(january, book(again), organiser, reason="月度录入")) == 2
    assert Value.objects.filter(period=january).count() == 13
    changes = season.log.filter(kind="values").last().detail["changes"]
    assert sorted(c[3] or "" for c in changes) == ["", "85"]


@pytest.mark.parametrize(
    ("rows", "place", "words"),
    [
        ([[1, "窗口9", 1, 1, 1, 90, 1]], ("1月", 2, "B"), "窗口9"),
        ([[1, "窗口1", 1, 1, 1, 90, 1], [2, "窗口1", 2, 2, 2, 90, 2]], ("1月", 3, "B"), "第 2 行"),
        ([[1, "窗口1", "很多", 1, 1, 90, 1]], ("1月", 2, "C"), "很多"),
        ([[1, "窗口1", "=1+1", 1, 1, 90, 1]], ("1月", 2, "C"), "公式"),
        ([[1, "窗口1", 1, 1, 1, 90, 101]], ("1月", 2, "差错扣分"), "0–100"),
        ([[1, None, 1, 1, 1, 90, 1]], ("1月", 2, "B"), "没有考核对象"),
    ],
)
def test_a_bad_file_is_refused_with_its_place_and_nothing_is_written(rows, place, words):
    season, organiser, _subjects, _indicators = service_centre()
    january = month_of(season)
    with pytest.raises(Invalid) as refused:
        import_values(january, book(rows), organiser)
    found = [(p.sheet, p.row, p.column) for p in refused.value.problems]
    assert place in found, found
    assert any(words in p.message for p in refused.value.problems)
    assert not Value.objects.exists()


def test_a_wrong_sheet_an_unknown_column_or_not_a_workbook_is_refused():
    season, organiser, _subjects, _indicators = service_centre()
    january = month_of(season)
    with pytest.raises(Invalid, match="1月"):
        import_values(january, book(GOOD, title="2月"), organiser)
    with pytest.raises(Invalid) as unknown:
        import_values(january, book([], header=[*HEADER[:2], "加班时长"]), organiser)
    assert [(p.row, p.column) for p in unknown.value.problems] == [(1, "C")]
    with pytest.raises(Invalid, match="xlsx"):
        import_values(january, b"PK\x03\x04 not really", organiser)
    with pytest.raises(Invalid):
        import_values(january, b"", organiser)


def test_a_published_period_takes_a_file_only_as_a_correction():
    season, organiser, _subjects, _indicators = service_centre()
    january = month_of(season)
    import_values(january, book(GOOD), organiser, reason="月度录入")
    publish(january, organiser)
    changed = [list(row) for row in GOOD]
    changed[2][5] = 97
    with pytest.raises(ValuesRefused):
        import_values(january, book(changed), organiser)
    assert len(import_values(january, book(changed), organiser, reason="补录满意率")) == 1
    assert Value.objects.get(period=january, indicator__name="群众满意率",
                             subject__unit__name="窗口3").value == D(97)  # fmt: skip
