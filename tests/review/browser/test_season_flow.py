"""The season's night-to-night work in a browser: an organiser imports a month from its template
after a refused bad file, sees the 红黑榜 move, publishes the month; a staff member opens their
own scorecard on a phone; the year-end workbook comes through the job's progress bar and
recounts equal in LibreOffice."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from season.exports.template import template_bytes
from season.models import Period, Value
from tests.factories import make_user
from tests.factories.browser import password_login, phone
from tests.factories.jobs import run_queued_tasks
from tests.factories.season import JANUARY, fill_month, month_of, service_centre
from tests.recount import recalculated

pytestmark = pytest.mark.django_db(transaction=True)

#: February as typed into the template: 窗口3 now first, 窗口2 last
FEBRUARY = [(300, 1, 95, 99, 100), (120, 4, 60, 91, 80), (310, 1, 99, 99, 100)]


def filled_template(period, rows, broken=False) -> bytes:
    wb = load_workbook(io.BytesIO(template_bytes(period)))
    ws = wb[period.name]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=3):
            ws.cell(r, c, value)
    if broken:
        ws.cell(3, 3, "一百二")  # text where 办件量 belongs
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def board_text(page, colour: str) -> str:
    return page.locator(f"section.board.{colour} ol").inner_text()


def test_a_month_from_import_to_the_year_end_workbook(browser, live_server, tmp_path):
    season, organiser, subjects, indicators = service_centre()
    fill_month(month_of(season, 1), subjects, indicators, JANUARY)
    season.board_top = season.board_bottom = 1
    season.save()
    february = month_of(season, 2)
    base = live_server.url
    desk = browser.new_context(accept_downloads=True).new_page()
    password_login(desk, base, organiser)
    desk.goto(f"{base}/seasons/{season.pk}/periods/{february.pk}/")
    expect(desk.locator("section.board.red")).to_contain_text("暂无")
    # a bad file first: refused with its place, nothing kept
    desk.goto(f"{base}/seasons/{season.pk}/periods/{february.pk}/import/")
    desk.fill("#id_reason", "2月录入")  # 差错扣分 is a manual score: its entry says why
    desk.set_input_files("#id_file", files=[{"name": "2月.xlsx", "mimeType": "application/xlsx",
                                             "buffer": filled_template(february, FEBRUARY,
                                                                       broken=True)}])  # fmt: skip
    desk.click("#check-and-import")
    problems = desk.locator("table.problems tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.first).to_contain_text("“一百二”不是数字")
    assert not Value.objects.filter(period=february).exists()
    desk.set_input_files(
        "#id_file",
        files=[
            {
                "name": "2月.xlsx",
                "mimeType": "application/xlsx",
                "buffer": filled_template(february, FEBRUARY),
            }
        ],
    )
    desk.click("#check-and-import")
    expect(desk.get_by_role("heading", name="15 个数值有改动")).to_be_visible()
    desk.click("text=查看排名")
    assert board_text(desk, "red").split()[:2] == ["1", "窗口3"]
    assert board_text(desk, "black").split()[:2] == ["3", "窗口2"]
    desk.click("#publish")
    expect(desk.locator(".messages")).to_contain_text("2月已公布")
    assert Period.objects.get(pk=february.pk).status == Period.Status.PUBLISHED
    # a staff member on a phone: their own scorecard, and its trend over both months
    contact = make_user("window-3")
    subjects[2].contact = contact
    subjects[2].save()
    mobile = phone(browser)
    password_login(mobile, base, contact)
    mobile.click("text=评分卡：窗口3")
    expect(mobile.locator("h1")).to_have_text("窗口3")
    expect(mobile.locator("svg circle")).to_have_count(1)  # only 2月 is published
    assert mobile.locator("table.breakdown").is_visible()
    mobile.screenshot(path=str(tmp_path / "scorecard.png"), full_page=True)
    # the year-end workbook through its job's progress bar
    desk.goto(f"{base}/seasons/{season.pk}/")
    desk.click("#year-end")
    expect(desk.locator("progress")).to_be_visible()
    assert run_queued_tasks() == 1
    download_link = desk.locator("#download")
    expect(download_link).to_be_visible(timeout=10_000)  # the page refreshes itself
    with desk.expect_download() as download:
        download_link.click()
    data = download.value.path().read_bytes()
    sheets = recalculated(data, tmp_path, "libreoffice", skip_rows=3)
    verdicts = [cell for title, rows in sheets.items() if title.endswith("核算")
                for row in rows for cell in row if cell in ("一致", "不一致")]  # fmt: skip
    assert verdicts and set(verdicts) == {"一致"}
