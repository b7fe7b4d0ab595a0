"""The season's pages as its people and its subjects' contacts use them: the standing with every
dimension's contribution, the 红黑榜 moving, publishing and corrections, the keyboard grid saving
only what changed (and never over someone else's newer value), a contact's own scorecard."""

import io

import pytest
from openpyxl import Workbook

from common.domain import roles
from season.domain.periods import publish
from season.domain.roles import SEASON
from season.models import Value
from tests.factories import client_for, make_user
from tests.factories.season import fill_month, month_of, service_centre
from tests.pages import table_rows, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    season, organiser, subjects, indicators = service_centre()
    return season, organiser, subjects, indicators


def period_url(season, period, tail=""):
    return f"/seasons/{season.pk}/periods/{period.pk}/{tail}"


def board(html, colour):
    text = visible_text(html)
    red, black = text.split("红榜", 1)[1].split("黑榜", 1)
    return (red if colour == "red" else black.split("红榜：")[0]).strip()


def test_the_period_standing_shows_each_dimension_and_its_contribution(centre):
    season, organiser, subjects, indicators = centre
    january = month_of(season)
    fill_month(january, subjects, indicators)
    html = client_for(organiser).get(period_url(season, january)).content.decode()
    rows = {r["考核对象"]: r for r in table_rows(html, "standing")}
    # 窗口2: 300 件 → 100, 1 天 → 100, 价值量 80 is 2nd of 3 → 95, 99 % → 100, 90 → 90:
    # 0.3×100 + 0.2×100 + 0.2×95 + 0.15×100 + 0.15×90 = 97.50
    assert rows["窗口2"]["名次"] == "1" and rows["窗口2"]["总分"] == "97.50"
    # 窗口1: 240 → 80, 3 天 → 50, 88 is 1st → 100, 96 % → 90, 95: 24 + 10 + 20 + 13.5 + 14.25
    assert rows["窗口1"]["名次"] == "2" and rows["窗口1"]["总分"] == "81.75"
    assert rows["窗口1"]["工作数量（×0.3）"] == "80.00"
    assert rows["窗口1"]["工作数量贡献分"] == "24.00"  # 0.3 × 80, beside it
    assert rows["窗口1"]["服务评价贡献分"] == "13.50"
    # 窗口3 has no 满意率: no total and no rank, never a 0 — and the page says what it waits for
    assert rows["窗口3"]["名次"] == "—" and "服务评价" in rows["窗口3"]["总分"]


def test_the_red_and_black_board_moves_with_the_values(centre):
    season, organiser, subjects, indicators = centre
    season.board_top = season.board_bottom = 1
    season.save()
    january = month_of(season)
    fill_month(january, subjects, indicators)
    client = client_for(organiser)
    html = client.get(period_url(season, january)).content.decode()
    assert board(html, "red").startswith("1 窗口2 97.50")
    assert board(html, "black").startswith("2 窗口1 81.75")
    fill_month(january, subjects, indicators, {"窗口3": (300, 1, 70, 99, 100)}, organiser)
    html = client.get(period_url(season, january)).content.decode()
    # 窗口3 now: 100, 100, 3rd → 90, 100, 100 = 98.00: first; 窗口1 is still last
    assert board(html, "red").startswith("1 窗口3 98.00")
    assert board(html, "black").startswith("3 窗口1 81.75")
    for tail in ("board/", "screen/"):
        page = client.get(period_url(season, january, tail)).content.decode()
        assert board(page, "red").startswith("1 窗口3 98.00")


def template_book(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "1月"
    ws.append(["序号", "考核对象", "办件量（件）", "平均办结时长（天）", "价值量积分（分）",
               "群众满意率（%）", "差错扣分（分）"])  # fmt: skip
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, url, data, reason="月度录入"):
    return client.post(url, {"file": io.BytesIO(data), "reason": reason})


def test_an_import_refuses_a_bad_file_whole_then_takes_a_good_one_and_lists_changes(centre):
    season, organiser, _subjects, _indicators = centre
    january = month_of(season)
    url = period_url(season, january, "import/")
    client = client_for(organiser)
    bad = template_book([[1, "窗口1", 240, 3, 88, 96, 95], [2, "窗口2", "很多", 1, 80, 99, 90]])
    response = upload(client, url, bad)
    assert response.status_code == 400
    problems = table_rows(response.content.decode(), "problems")
    assert problems == [{"工作表": "1月", "行": "3", "列": "C", "问题": "“很多”不是数字。"}]
    assert not Value.objects.filter(period=january).exists()  # 窗口1's good row neither
    good = template_book([[1, "窗口1", 240, 3, 88, 96, 95], [2, "窗口2", 300, 1, 80, 99, 90]])
    response = upload(client, url, good)
    assert response.status_code == 200
    assert "10 个数值有改动" in visible_text(response.content.decode())
    again = template_book([[1, "窗口1", 250, 3, 88, 96, 95], [2, "窗口2", 300, 1, 80, 99, 90]])
    changes = table_rows(upload(client, url, again).content.decode(), "changes")
    assert changes == [{"考核对象": "窗口1", "指标": "办件量", "原值": "240", "现值": "250"}]


def grid_post(client, url, cells, reason=""):
    """``cells``: ``{(subject, indicator): (shown when opened, typed)}``."""
    data = {"reason": reason}
    for (subject, indicator), (was, typed) in cells.items():
        data[f"v-{subject.pk}-{indicator.pk}"] = typed
        data[f"was-{subject.pk}-{indicator.pk}"] = was
    return client.post(url, data)


def test_two_people_on_the_grid_never_lose_each_others_values(centre):
    season, organiser, subjects, indicators = centre
    january = month_of(season)
    url = period_url(season, january, "grid/")
    clerk = make_user("clerk")
    roles.grant(SEASON, season, clerk, "operator", organiser)
    one, two = client_for(organiser), client_for(clerk)
    done = indicators["办件量"]
    # Both opened the grid empty; one types 窗口1's 办件量, the other 窗口2's
    assert grid_post(one, url, {(subjects[0], done): ("", "120")}).status_code == 302
    assert grid_post(two, url, {(subjects[1], done): ("", "130")}).status_code == 302
    stored = dict(Value.objects.filter(period=january).values_list("subject__unit__name", "value"))
    assert {k: int(v) for k, v in stored.items()} == {"窗口1": 120, "窗口2": 130}
    # The second, still on the grid opened before, now types over 窗口1's: refused, named
    response = grid_post(
        two, url, {(subjects[0], done): ("", "99"), (subjects[2], done): ("", "7")}
    )
    assert response.status_code == 400
    text = visible_text(response.content.decode())
    assert "窗口1：已被他人改动（现为 120）" in text
    assert Value.objects.get(period=january, subject=subjects[0]).value == 120
    assert not Value.objects.filter(period=january, subject=subjects[2]).exists()
    # What they typed is still on the page to fix
    assert 'value="99"' in response.content.decode()


def test_a_bad_cell_on_the_grid_is_named_and_nothing_is_saved(centre):
    season, organiser, subjects, indicators = centre
    january = month_of(season)
    url = period_url(season, january, "grid/")
    response = grid_post(client_for(organiser), url, {
        (subjects[0], indicators["办件量"]): ("", "120"),
        (subjects[1], indicators["差错扣分"]): ("", "101"),
        (subjects[2], indicators["群众满意率"]): ("", "九十"),
    })  # fmt: skip
    assert response.status_code == 400
    problems = table_rows(response.content.decode(), "problems")
    assert [(p["列"], p["问题"]) for p in problems] == [("窗口3 · 群众满意率", "“九十”不是数字。")]
    assert not Value.objects.filter(period=january).exists()
    response = grid_post(client_for(organiser), url, {
        (subjects[0], indicators["办件量"]): ("", "120"),
        (subjects[1], indicators["差错扣分"]): ("", "101"),
    })  # fmt: skip
    problems = table_rows(response.content.decode(), "problems")
    assert [(p["列"], p["问题"]) for p in problems] == [("差错扣分", "超出 0–100 的范围")]
    assert not Value.objects.filter(period=january).exists()


def test_a_published_period_changes_only_by_a_correction_shown_beside_what_was_published(centre):
    season, organiser, subjects, indicators = centre
    january = month_of(season)
    fill_month(january, subjects, indicators)
    client = client_for(organiser)
    assert client.post(period_url(season, january, "publish/")).status_code == 302
    url = period_url(season, january, "grid/")
    cell = {(subjects[0], indicators["办件量"]): ("240", "300")}
    response = grid_post(client, url, cell)
    assert response.status_code == 400
    assert "已公布" in visible_text(response.content.decode())
    assert grid_post(client, url, cell, reason="窗口1 漏录 60 件").status_code == 302
    rows = {r["考核对象"]: r for r in table_rows(
        client.get(period_url(season, january)).content.decode(), "standing")}  # fmt: skip
    # 窗口1 now 100 for 工作数量: 30 + 10 + 20 + 13.5 + 14.25 = 87.75, still 2nd
    assert rows["窗口1"]["总分"] == "87.75"
    assert rows["窗口1"]["公布时"] == "81.75，第 2 名"
    assert rows["窗口2"]["公布时"] == ""
    entry = season.log.filter(kind="corrected").get()
    assert entry.reason == "窗口1 漏录 60 件" and entry.detail["changes"][0][2:] == ["240", "300"]


def test_a_contact_sees_their_own_scorecard_and_only_what_was_published(centre):
    season, organiser, subjects, indicators = centre
    mine, other = subjects[0], subjects[1]
    contact = make_user("window-1")
    mine.contact = contact
    mine.save()
    january, february = month_of(season, 1), month_of(season, 2)
    fill_month(january, subjects, indicators)
    fill_month(february, subjects, indicators, {"窗口1": (300, 1, 70, 99, 100)})
    publish(january, organiser)
    client = client_for(contact)
    home = visible_text(client.get("/").content.decode())
    assert "考核对象：窗口1" in home or "评分卡：窗口1" in home
    card = client.get(f"/seasons/{season.pk}/subjects/{mine.pk}/").content.decode()
    periods = [r["期次"] for r in table_rows(card, "scorecard")]
    assert periods == ["1月"]  # 2月 is not published
    assert "<polyline" in card
    assert client.get(f"/seasons/{season.pk}/subjects/{other.pk}/").status_code == 403
    assert client.get(period_url(season, february)).status_code == 404
    assert client.get(period_url(season, january)).status_code == 200
    standing = table_rows(client.get(f"/seasons/{season.pk}/").content.decode(), "standing")
    assert [list(r)[2:] for r in standing][0] == ["1月", "累计"]
    # the organiser sees both months
    standing = table_rows(client_for(organiser).get(f"/seasons/{season.pk}/").content.decode(),
                          "standing")  # fmt: skip
    assert [list(r)[2:] for r in standing][0] == ["1月", "2月", "累计"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_season_pages_cost_the_same_queries_at_any_size(size, django_assert_max_num_queries):
    season, organiser, subjects, indicators = service_centre(size=size)
    for order in (1, 2):
        fill_month(month_of(season, order), subjects, indicators,
                   {s.name: (100 + s.order, 2, s.order, 95, 90) for s in subjects})  # fmt: skip
    client = client_for(organiser)
    for url in (f"/seasons/{season.pk}/", period_url(season, month_of(season)),
                f"/seasons/{season.pk}/subjects/{subjects[0].pk}/",
                period_url(season, month_of(season), "grid/")):  # fmt: skip
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_the_organiser_names_the_seasons_people_and_a_subjects_contact(centre):
    season, organiser, subjects, indicators = centre
    clerk, staff = make_user("clerk"), make_user("window-2")
    client = client_for(organiser)
    url = f"/seasons/{season.pk}/people/"
    assert client.post(url, {"username": "clerk", "role": "operator"}).status_code == 302
    assert client.post(url, {"subject": subjects[1].pk, "contact": "window-2"}).status_code == 302
    response = client.post(url, {"subject": subjects[2].pk, "contact": "nobody"}, follow=True)
    assert "没有名为“nobody”的有效用户" in visible_text(response.content.decode())
    subjects[1].refresh_from_db()
    assert subjects[1].contact == staff and season.log.filter(kind="contact").count() == 1
    january = month_of(season)
    assert client_for(clerk).get(period_url(season, january, "grid/")).status_code == 200
    assert client_for(clerk).get(url).status_code == 403
    publish(january, organiser)
    own = client_for(staff).get(f"/seasons/{season.pk}/subjects/{subjects[1].pk}/")
    assert own.status_code == 200


def test_a_manual_score_needs_a_reason_kept_on_the_value(centre):
    season, organiser, subjects, indicators = centre
    january = month_of(season)
    url = period_url(season, january, "grid/")
    cell = {(subjects[0], indicators["差错扣分"]): ("", "92")}
    response = grid_post(client_for(organiser), url, cell)
    problems = [(p["列"], p["问题"]) for p in table_rows(response.content.decode(), "problems")]
    assert problems == [("差错扣分", "窗口1：手工评分须注明原因（填写“原因”一栏）")]
    assert grid_post(client_for(organiser), url, cell, reason="两处差错").status_code == 302
    assert Value.objects.get(period=january, subject=subjects[0]).note == "两处差错"
