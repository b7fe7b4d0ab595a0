"""Roster import: round trips, updates by natural key, and a clear located message for every kind
of bad input — with nothing saved."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from common.models import Contestant, Unit
from review.models import Appearance, Criterion, Event, Judge
from review.queries.structure import round_shape
from tests.factories import build_event, client_for, seed_004_contest, submit_sheet

pytestmark = pytest.mark.django_db

HEADERS = {
    "评分标准": ["顺序", "名称", "满分", "步长", "权重", "评分细则"],
    "述职人": ["出场顺序", "姓名", "职务", "单位", "述职题目", "述职内容"],
    "评委": ["序号", "姓名", "用户名", "单位"],
    "单位": ["单位名称"],
}
GOOD = {
    "评分标准": [[1, "实绩成效", 40, 0.5, 1, "看实绩"], [2, "创新突破", 20, 0.5, 1, ""]],
    "述职人": [
        [1, "张三", "处长", "甲处", "报告一", "内容一"],
        [2, "李四", "副处长", "乙处", "报告二", ""],
    ],
    "评委": [[1, "王评委", "wang", "丙处"], [2, "赵评委", "zhao", ""]],
    "单位": [["甲处"], ["乙处"], ["丙处"]],
}


#: The contest tree's columns, at the end of their sheets.
GROWN = {"评分标准": ["环节"], "评委": ["评委组"]}


def workbook(sheets=None, grown=False, **changes) -> bytes:
    """A roster file: ``GOOD`` with some sheets' rows replaced (``grown``: with the tree's
    columns)."""
    sheets = sheets or {**GOOD, **changes}
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(HEADERS.get(name, ["x"]) + (GROWN.get(name, []) if grown else []))
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def event():
    return Event.objects.create(name="空白活动")


def upload(organiser, event, data: bytes, name="roster.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client_for(organiser).post(f"/events/{event.pk}/control/roster/", {"file": file})


def problems(response) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.message) for p in response.context["problems"]]


def nothing_saved(event):
    return not (
        Criterion.objects.filter(event=event).exists()
        or Appearance.objects.filter(event=event).exists()
        or Judge.objects.filter(event=event).exists()
    )


def test_import_creates_everything(organiser, event):
    response = upload(organiser, event, workbook())
    assert response.status_code == 200, response.context.get("problems")
    assert list(Criterion.objects.filter(event=event).values_list("name", "max_score")) == [
        ("实绩成效", 40),
        ("创新突破", 20),
    ]
    subs = Appearance.objects.filter(event=event).select_related("contestant__unit")
    assert [(s.order, s.contestant.name, s.contestant.unit.name, s.title) for s in subs] == [
        (1, "张三", "甲处", "报告一"),
        (2, "李四", "乙处", "报告二"),
    ]
    judges = Judge.objects.filter(event=event).select_related("user", "unit")
    assert [(j.seat, j.display_name, j.user.username, j.unit and j.unit.name) for j in judges] == [
        (1, "王评委", "wang", "丙处"),
        (2, "赵评委", "zhao", None),
    ]
    assert not judges[0].user.has_usable_password()  # judges log in by QR code
    page = response.content.decode()
    assert "导入完成" in page


def test_export_then_import_into_an_empty_event_round_trips(demo_event, organiser):
    template = client_for(organiser).get(f"/events/{demo_event.pk}/control/roster.xlsx")
    assert template.status_code == 200
    empty = Event.objects.create(name="新活动")
    response = upload(organiser, empty, template.content)
    assert response.status_code == 200, response.context.get("problems")

    def snapshot(event):
        return (
            list(
                Criterion.objects.filter(event=event).values_list(
                    "order", "name", "max_score", "step", "weight", "guidance"
                )
            ),
            list(
                Appearance.objects.filter(event=event).values_list(
                    "order", "contestant__name", "contestant__post", "contestant__unit__name",
                    "title", "statement",
                )
            ),
            list(
                Judge.objects.filter(event=event).values_list(
                    "seat", "display_name", "user__username", "unit__name"
                )
            ),
        )  # fmt: skip

    assert snapshot(empty) == snapshot(demo_event)
    assert len(snapshot(empty)[1]) == 8


def test_reimport_updates_instead_of_duplicating_and_reports_missing_rows(organiser, event):
    upload(organiser, event, workbook())
    edited = workbook(
        述职人=[
            [1, "李四", "副处长", "乙处", "报告二（修改）", ""],  # swapped order, new title
            [2, "张三", "处长", "甲处", "报告一", "内容一"],
        ],
        评委=[[1, "王评委", "wang", "丙处"]],  # 赵评委 left out
    )
    response = upload(organiser, event, edited)
    assert response.status_code == 200, response.context.get("problems")
    subs = Appearance.objects.filter(event=event).select_related("contestant")
    assert [(s.order, s.contestant.name, s.title) for s in subs] == [
        (1, "李四", "报告二（修改）"),
        (2, "张三", "报告一"),
    ]
    assert Contestant.objects.filter(name="张三").count() == 1
    assert Judge.objects.filter(event=event).count() == 2, "missing rows are not deleted"
    report = response.context["report"]
    assert report.not_in_file["评委"] == ["赵评委"]
    assert dict((s, (n, u, k)) for s, n, u, k in report.rows())["述职人"] == (0, 2, 0)
    assert "赵评委" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"述职人": [[1, "", "处长", "甲处", "报告一", ""]]},
            ("述职人", 2, "B（姓名）", "“姓名”为空。"),
        ),
        (
            {
                "述职人": [
                    [1, "张三", "", "甲处", "报告一", ""],
                    [2, "张三", "", "甲处", "报告二", ""],
                ]
            },
            ("述职人", 3, "B（姓名）", "述职人“张三”在同一单位重复出现（首次在第 2 行）。"),
        ),
        (
            {"述职人": [[1, "张三", "", "丁处", "报告一", ""]]},
            ("述职人", 2, "D（单位）", "未知单位“丁处”：请先在“单位”工作表中添加。"),
        ),
        (
            {"评分标准": [[1, "实绩成效", "四十", 0.5, 1, ""]]},
            ("评分标准", 2, "C（满分）", "“四十”不是数字。"),
        ),
        (
            {"评分标准": [[1, "实绩成效", 10, 3, 1, ""]]},
            ("评分标准", 2, "D（步长）", "步长 3 不能整除满分 10。"),
        ),
        (
            {
                "述职人": [
                    [1, "张三", "", "甲处", "报告一", ""],
                    [1, "李四", "", "乙处", "报告二", ""],
                ]
            },
            ("述职人", 3, "A（出场顺序）", "出场顺序 1 重复（首次在第 2 行）。"),
        ),
        (
            {"述职人": [[0, "张三", "", "甲处", "报告一", ""]]},
            ("述职人", 2, "A（出场顺序）", "“0”不是 1 到 9999 之间的整数。"),
        ),
        (
            {"评分标准": [[1, "实绩成效", 40, 0.5, 1, ""], [2, "实绩成效", 20, 0.5, 1, ""]]},
            ("评分标准", 3, "B（名称）", "评分标准“实绩成效”重复出现（首次在第 2 行）。"),
        ),
        (
            {"评委": [[1, "王评委", "wang", ""], [2, "赵评委", "wang", ""]]},
            ("评委", 3, "C（用户名）", "用户名“wang”重复（首次在第 2 行）。"),
        ),
    ],
)
def test_each_bad_row_is_located_and_nothing_is_saved(organiser, event, changes, expected):
    response = upload(organiser, event, workbook(**changes))
    assert response.status_code == 400
    assert problems(response) == [expected]
    assert nothing_saved(event)
    assert Unit.objects.count() == 0


def test_one_bad_row_among_good_ones_saves_nothing(organiser, event):
    rows = [[i, f"人{i}", "", "甲处", f"报告{i}", ""] for i in range(1, 30)]
    rows[17][3] = "不存在的处"
    response = upload(organiser, event, workbook(述职人=rows))
    assert [p[:2] for p in problems(response)] == [("述职人", 19)]
    assert nothing_saved(event)


def test_all_problems_are_listed_at_once(organiser, event):
    response = upload(
        organiser,
        event,
        workbook(
            评分标准=[[1, "", "x", 0.5, 1, ""]],
            述职人=[[1, "张三", "", "丁处", "", ""]],
        ),
    )
    assert [p[:3] for p in problems(response)] == [
        ("评分标准", 2, "B（名称）"),
        ("评分标准", 2, "C（满分）"),
        ("述职人", 2, "E（述职题目）"),
        ("述职人", 2, "D（单位）"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的。"),
        (b"name,unit\nzhang,a\n", "这不是 Excel .xlsx 文件，请另存为 .xlsx 后重试。"),
        (b"PK\x03\x04 broken zip", "这不是 Excel .xlsx 文件，请另存为 .xlsx 后重试。"),
    ],
)
def test_files_that_are_not_rosters(organiser, event, data, message):
    response = upload(organiser, event, data)
    assert response.status_code == 400
    assert [p[3] for p in problems(response)] == [message]


def test_workbook_with_headers_only(organiser, event):
    response = upload(organiser, event, workbook(sheets={n: [] for n in HEADERS}))
    assert [p[3] for p in problems(response)] == ["文件中没有可导入的行。"]


def test_huge_file(organiser, event):
    response = upload(organiser, event, b"PK" + b"\0" * (5 * 1024 * 1024 + 10))
    assert response.status_code == 400
    assert [p["message"] if isinstance(p, dict) else p.message
            for p in response.context["problems"]] == ["文件超过 5 MB。"]  # fmt: skip


def test_merged_header_cells(organiser, event):
    wb = load_workbook(io.BytesIO(workbook()))
    wb["述职人"].merge_cells("A1:B1")
    buffer = io.BytesIO()
    wb.save(buffer)
    response = upload(organiser, event, buffer.getvalue())
    assert problems(response) == [
        ("述职人", 1, "A1:B1", "表头有合并单元格，请取消合并，使每一列有自己的表头。")
    ]
    assert nothing_saved(event)


def test_extra_and_missing_sheets(organiser, event):
    sheets = {**GOOD, "备注": [["随便写的"]]}
    del sheets["评委"]
    response = upload(organiser, event, workbook(sheets=sheets))
    assert [p[0] or p[3] for p in problems(response)] == [
        "多余的工作表：备注。名单只包含以下工作表：评分标准、述职人、评委、单位。",
        "评委",
    ]
    assert problems(response)[1][3] == "缺少该工作表。"


def test_unknown_and_missing_columns(organiser, event):
    wb = load_workbook(io.BytesIO(workbook()))
    wb["评委"]["C1"] = "账号"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = upload(organiser, event, buffer.getvalue())
    assert problems(response) == [
        ("评委", 1, "C", "未知的列“账号”。"),
        ("评委", 1, "", "缺少“用户名”列。"),
    ]


def test_criteria_are_locked_once_judges_scored(organiser):
    event, criteria, (sub, *_), (judge, *_) = build_event(judges=1)
    submit_sheet(judge, sub, [30, 15, 15, 15])
    rows = [[c.order, c.name, c.max_score, 0.5, 1, ""] for c in criteria]
    rows[0][2] = 50
    data = workbook(评分标准=rows, 述职人=[], 评委=[], 单位=[])
    response = upload(organiser, event, data)
    assert problems(response) == [
        ("评分标准", None, "", "评委已经评分：评分标准的名称、满分、步长和权重不能再修改。")
    ]
    assert Criterion.objects.get(pk=criteria[0].pk).max_score == 40


def test_order_taken_by_a_row_not_in_the_file(organiser, event):
    upload(organiser, event, workbook())
    response = upload(organiser, event, workbook(述职人=[[2, "王五", "", "甲处", "报告三", ""]]))
    assert problems(response) == [
        ("述职人", 2, "A（出场顺序）", "出场顺序 2 已被活动中的李四使用，但李四不在本文件中。")
    ]


def test_template_has_headers_and_unit_lists(organiser, event):
    data = client_for(organiser).get(f"/events/{event.pk}/control/roster.xlsx").content
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["评分标准", "述职人", "评委", "单位"]
    for name, header in HEADERS.items():
        assert [c.value for c in wb[name][1]] == header + GROWN.get(name, [])
    rules = wb["述职人"].data_validations.dataValidation
    assert [(r.type, r.formula1, str(r.sqref)) for r in rules] == [
        ("list", "'单位'!$A$2:$A$5001", "D2:D5001")
    ]
    assert wb["评委"].data_validations.dataValidation[0].allow_blank


def test_only_organisers_import(event):
    _, _, _, (judge, *_) = build_event()
    client = client_for(judge.user)
    assert client.get(f"/events/{event.pk}/control/roster/").status_code == 403
    assert client.get(f"/events/{event.pk}/control/roster.xlsx").status_code == 403


def test_command(event, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook())
    call_command("import_roster", str(event.pk), str(good))
    assert "述职人: 2 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(述职人=[[1, "张三", "", "丁处", "报告", ""]]))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_roster", str(event.pk), str(bad))
    assert "未知单位“丁处”" in capsys.readouterr().err


# --- hostile and broken files ------------------------------------------------------------------


def replace_part(data: bytes, part: str, content: bytes) -> bytes:
    """The same .xlsx with one part's bytes replaced."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == part else source.read(info))
    return out.getvalue()


def sheet_part(data: bytes, title: str) -> str:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    path = wb[title]._worksheet_path
    wb.close()
    return path


def test_an_empty_maximum_is_a_located_message_not_an_error(organiser, event):
    response = upload(organiser, event, workbook(评分标准=[[1, "实绩成效", None, 0.5, 1, ""]]))
    assert response.status_code == 400
    assert problems(response) == [("评分标准", 2, "C（满分）", "“满分”为空。")]
    assert nothing_saved(event)


def test_formula_cells_are_refused_where_they_are(organiser, event):
    data = workbook(述职人=[[1, '=HYPERLINK("x")', "处长", "甲处", '=A1&"报告"', ""]])
    response = upload(organiser, event, data)
    assert response.status_code == 400
    message = "单元格中是公式；请直接填写数值（复制后“粘贴为数值”）。"
    assert problems(response) == [("述职人", 2, "B", message), ("述职人", 2, "E", message)] + [
        ("述职人", 2, "B（姓名）", "“姓名”为空。"),
        ("述职人", 2, "E（述职题目）", "“述职题目”为空。"),
    ]
    assert nothing_saved(event)


def test_malformed_sheet_xml_is_a_message(organiser, event):
    data = workbook()
    broken = replace_part(data, sheet_part(data, "述职人"), b"<worksheet><sheetData><row>")
    response = upload(organiser, event, broken)
    assert response.status_code == 400
    assert [p[3] for p in problems(response)] == ["文件已损坏，无法读取。请在 Excel 中重新保存。"]
    assert nothing_saved(event)


def test_values_beyond_the_database_digits_and_lengths(organiser, event):
    data = workbook(
        评分标准=[[1, "实绩成效", 100000, 0.5, 1, ""], [2, "创新", 20, 0.5, 1234.5, ""]],
        述职人=[[1, "张" * 101, "处长", "甲处", "报告", ""]],
    )
    response = upload(organiser, event, data)
    assert response.status_code == 400
    assert problems(response) == [
        ("评分标准", 2, "C（满分）", "必须小于 10000。"),
        ("评分标准", 3, "E（权重）", "必须小于 1000。"),
        ("述职人", 2, "B（姓名）", "太长：101 个字符，最多 100 个。"),
    ]
    assert nothing_saved(event)
    # Every page that shows events still works.
    client = client_for(organiser)
    for url in ("/", f"/events/{event.pk}/control/", f"/events/{event.pk}/results/"):
        assert client.get(url).status_code == 200


def test_a_small_file_declaring_millions_of_cells_is_refused_while_streaming(organiser, event):
    import tracemalloc

    data = workbook()
    cells = b"<c/>" * 2_000_000
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    )
    bomb = replace_part(data, sheet_part(data, "述职人"), xml)
    assert len(bomb) < 140 * 1024
    tracemalloc.start()
    response = upload(organiser, event, bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 400
    assert problems(response) == [
        ("述职人", None, "", "单元格过多（超过 60012 个），超出名单所需。请删除未使用的行和列。")
    ]
    assert peak < 100 * 1024 * 1024, peak
    assert nothing_saved(event)


def test_a_file_that_unpacks_too_big_is_refused_before_reading(organiser, event):
    data = workbook()
    padded = replace_part(data, "docProps/app.xml", b" " * (41 * 1024 * 1024))
    response = upload(organiser, event, padded)
    assert [p[3] for p in problems(response)] == [
        "文件解压后超过 40 MB，名单远没有这么大。请删除与名单无关的内容后重试。"
    ]


def test_an_oversized_upload_stops_being_read(organiser, event):
    from common.imports.uploads import LimitedUploadHandler

    handler = LimitedUploadHandler(1000)
    with pytest.raises(Exception) as stopped:
        handler.receive_data_chunk(b"x" * 1001, 0)
    assert type(stopped.value).__name__ == "StopUpload" and handler.exceeded
    response = upload(organiser, event, b"PK" + b"\0" * (6 * 1024 * 1024))
    assert response.status_code == 400
    assert [p["message"] for p in response.context["problems"]] == ["文件超过 5 MB。"]


def test_the_import_checks_the_csrf_token(organiser, event):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    file = io.BytesIO(workbook())
    file.name = "roster.xlsx"
    response = client.post(f"/events/{event.pk}/control/roster/", {"file": file})
    assert response.status_code == 403
    assert nothing_saved(event)


def test_a_roster_goes_into_one_round_by_segment_and_panel(organiser):
    """A contest tree's roster: criteria name their segment, judges their panel; a name the
    round does not have is a located problem and nothing is saved."""
    from review.models import Criterion, Panel, Segment

    event, *_ = build_event(appearances=0, judges=0, criteria=())
    round_ = event.rounds.get()
    Segment.objects.create(round=round_, order=2, name="问答", weight=Decimal("0.4"))
    Panel.objects.create(round=round_, order=2, name="大众", weight=Decimal("0.3"))
    first = round_.segments.get(order=1).name
    rows = {
        "评分标准": [[1, "内容", 60, "", "", "", first], [1, "准确", 40, "", "", "", "问答"]],
        "评委": [[1, "甲", "judge-a", "", ""], [2, "乙", "judge-b", "", "大众"]],
    }
    bad = {**rows, "评分标准": [*rows["评分标准"], [2, "速度", 10, "", "", "", "抢答"]]}
    response = upload(organiser, event, workbook(grown=True, **bad))
    assert [p[:3] for p in problems(response)] == [("评分标准", 4, "环节")]
    assert "抢答" in problems(response)[0][3] and not Criterion.objects.filter(event=event)
    response = upload(organiser, event, workbook(grown=True, **rows))
    assert response.status_code == 200, problems(response)
    assert {(c.segment.name, c.name) for c in Criterion.objects.filter(event=event)} == {
        (first, "内容"),
        ("问答", "准确"),
    }
    shape = round_shape(round_)
    judges = {j.user.username: shape.panel_of(j.pk) for j in event.judges.all()}
    assert judges == {"judge-a": shape.panels[0].pk, "judge-b": shape.panels[1].pk}
    template = load_workbook(io.BytesIO(client_for(organiser).get(
        f"/events/{event.pk}/control/roster.xlsx").content))  # fmt: skip
    assert [r[6] for r in template["评分标准"].iter_rows(min_row=2, values_only=True)] == [
        first,
        "问答",
    ]
    assert [r[4] for r in template["评委"].iter_rows(min_row=2, values_only=True)] == [
        "评委",
        "大众",
    ]


def test_a_cell_far_out_is_refused_at_once_by_its_address(organiser, event):
    """One value at XFD1048576 made the reader pad a million rows of 16,384 columns."""
    wb = load_workbook(io.BytesIO(workbook()))
    wb["述职人"]["XFD1048576"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    assert len(buffer.getvalue()) < 20 * 1024
    response = upload(organiser, event, buffer.getvalue())
    assert response.status_code == 400
    assert problems(response) == [
        (
            "述职人",
            None,
            "",
            "单元格 XFD1048576 超出了名单的范围（5000 行，A 至 AZ 列）。"
            "请删除名单以外的所有内容后重试。",
        )
    ]
    assert nothing_saved(event)


def test_a_round_that_sent_its_contestants_on_takes_no_roster(organiser):
    """A 复赛 that had sent 30 on took 31 more appearances and new panel seats."""
    from review.models import Appearance, PanelSeat

    event, *_ = seed_004_contest(final_scored=0)
    semi = event.rounds.get(order=1)
    before = (Appearance.objects.filter(round=semi).count(), PanelSeat.objects.count())
    file = io.BytesIO(workbook())
    file.name = "roster.xlsx"
    response = client_for(organiser).post(
        f"/events/{event.pk}/control/roster/?round=1", {"file": file}
    )
    assert response.status_code == 400
    assert [p[3] for p in problems(response)] == ["复赛已将选手送入下一轮，名单不能再改。"]
    assert (Appearance.objects.filter(round=semi).count(), PanelSeat.objects.count()) == before


def test_a_new_events_template_lists_none_of_another_events_units(organiser):
    """A new event's template listed the Ningbo 处室 of the other event on the same server."""
    other, *_ = build_event(prefix="宁波")
    mine, *_ = build_event(prefix="本处")
    data = client_for(organiser).get(f"/events/{mine.pk}/control/roster.xlsx").content
    units = [
        r[0] for r in load_workbook(io.BytesIO(data))["单位"].iter_rows(min_row=2, values_only=True)
    ]
    assert units and all(name.startswith("本处") or "评委单位" in name for name in units), units
    assert not any(name.startswith("宁波") for name in units)
