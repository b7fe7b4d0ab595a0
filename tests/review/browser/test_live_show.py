"""The night itself, in real browsers: three judges on phones log in by their QR links and
score the presenting report at the same time, the organiser reveals, the big screen shows the
trimmed mean with the highest and lowest struck through."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from review.domain.tokens import issue_token
from tests.factories import PASSWORD, build_event
from tests.factories.browser import phone

pytestmark = pytest.mark.django_db(transaction=True)

# Sheet totals 80, 86.5 and 92: drop 92 and 80, keep 86.5.
SCORES = {
    1: ["32", "16", "16", "16"],
    2: ["34.5", "17", "17.5", "17.5"],
    3: ["37", "18", "18.5", "18.5"],
}


def test_three_judges_score_and_the_big_screen_reveals(browser, live_server, organiser, output_dir):
    event, criteria, subs, judges = build_event(appearances=2, judges=3, live_show=True)
    sub = subs[0]
    organiser.set_password(PASSWORD)
    organiser.save()

    # Phones scan their QR codes and wait for the show.
    phones = {}
    for judge in judges:
        page = phone(browser)
        page.goto(f"{live_server.url}/q/{issue_token(judge, organiser)}/")
        expect(page.locator(".waiting")).to_be_visible()
        phones[judge.seat] = page

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{live_server.url}/events/{event.pk}/screen/")

    room = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    room.goto(f"{live_server.url}/login/?next=/events/{event.pk}/control/")
    room.fill("#id_username", organiser.username)
    room.fill("#id_password", PASSWORD)
    room.click("main button[type=submit]")
    room.select_option("#present-select", str(sub.pk))
    room.click("text=设为当前")
    room.click("#open-button")
    expect(room.locator("#phase")).to_have_text("评分中")

    # Every phone moves to the scoring form by itself, with the countdown running.
    for page in phones.values():
        page.wait_for_url(re.compile(rf"/judge/{sub.pk}/$"), timeout=15_000)
        expect(page.locator("#countdown")).to_be_visible()

    # All three type at once; judge 2 first types 45 for a criterion out of 40.
    for seat, page in phones.items():
        values = ["45", *SCORES[2][1:]] if seat == 2 else SCORES[seat]
        for criterion, value in zip(criteria, values, strict=True):
            page.fill(f"#id_c{criterion.pk}", value)
    expect(phones[1].locator("#running-total")).to_have_text("80")
    for page in phones.values():
        page.click("button[value=review]")
    expect(phones[2].locator("p.error")).to_have_text("「实绩成效」的分数不能超过满分 40 分。")
    phones[2].screenshot(path=output_dir / "judge-form-error.png", full_page=True)
    phones[2].fill(f"#id_c{criteria[0].pk}", SCORES[2][0])
    phones[2].click("button[value=review]")
    for page in phones.values():
        expect(page.locator("#confirm-total")).to_be_visible()
    phones[1].screenshot(path=output_dir / "judge-confirm.png", full_page=True)
    for page in phones.values():
        page.click("button[value=submit]")
    for page in phones.values():
        expect(page.locator(".messages")).to_contain_text("已提交")

    # The screen shows progress, never values, before the reveal.
    expect(screen.locator("#progress")).to_contain_text("3 / 3", timeout=10_000)
    assert screen.locator("#scores").count() == 0

    # The control room saw the sheets come in without a reload (htmx polling).
    expect(room.locator("#submitted-count")).to_have_text("已提交 3 / 3 位评委", timeout=10_000)
    expect(room.locator(f'#matrix td.cell-submitted[data-appearance="{sub.pk}"]')).to_have_count(3)
    room.screenshot(path=output_dir / "control-room.png", full_page=True)
    room.click("#reveal-button")
    expect(room.locator(".messages")).to_contain_text("已在大屏揭晓")

    expect(screen.locator("#final")).to_have_text("86.50", timeout=10_000)
    struck = screen.locator(".score.dropped s")
    expect(struck).to_have_count(2)
    assert sorted(Decimal(t) for t in struck.all_inner_texts()) == [Decimal("80"), Decimal("92")]
    expect(screen.locator(".score.dropped-high .value")).to_have_text("92.00")
    expect(screen.locator(".score.dropped-low .value")).to_have_text("80.00")
    expect(screen.locator(".score:not(.dropped) .value")).to_have_text("86.50")
    expect(screen.locator("#ranking li").first).to_contain_text("述职人1")
    screen.screenshot(path=output_dir / "big-screen.png")
