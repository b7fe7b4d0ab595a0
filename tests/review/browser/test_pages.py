"""Pages as a browser runs them: no Content-Security-Policy violation anywhere, and the judge's
phone keeps its countdown in sight and its running total honest."""

import pytest
from playwright.sync_api import expect

from review.domain.show import open_scoring, set_presenting
from review.domain.tokens import issue_token
from tests.factories import PASSWORD, build_event, submit_sheet
from tests.factories.browser import phone

pytestmark = pytest.mark.django_db(transaction=True)


def violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_no_page_breaks_the_content_security_policy(browser, live_server, organiser):
    event, criteria, subs, judges = build_event(appearances=2, judges=3, live_show=True)
    for judge in judges:
        submit_sheet(judge, subs[1], [30, 15, 15, 15])
    set_presenting(event, subs[0], organiser)
    organiser.set_password(PASSWORD)
    organiser.save()
    desk = browser.new_context().new_page()
    found = violations(desk)
    desk.goto(f"{live_server.url}/login/")
    desk.fill("#id_username", organiser.username)
    desk.fill("#id_password", PASSWORD)
    desk.click("button[type=submit]")
    base = f"{live_server.url}/events/{event.pk}"
    for path in ("/", "/control/", "/control/qr/", "/control/audit/", "/control/people/",
                 "/control/roster/", "/results/", "/screen/", "/control/logins/"):  # fmt: skip
        desk.goto(base + path if path != "/" else live_server.url + "/")
        desk.wait_for_load_state("networkidle")
    desk.goto(f"{base}/control/")
    desk.wait_for_timeout(2500)  # one htmx refresh of the progress panel
    judge_page = phone(browser)
    found_phone = violations(judge_page)
    judge_page.goto(f"{live_server.url}/q/{issue_token(judges[0], organiser)}/")
    open_scoring(event, subs[0], organiser)
    judge_page.goto(f"{base}/judge/{subs[0].pk}/")
    judge_page.wait_for_load_state("networkidle")
    assert found == [] and found_phone == []


def test_the_countdown_stays_in_sight_and_the_total_skips_invalid_scores(
    browser, live_server, organiser
):
    event, criteria, subs, (judge, *_) = build_event(
        appearances=1, judges=3, live_show=True, scoring_seconds=300
    )
    open_scoring(event, subs[0], organiser)
    page = phone(browser)
    page.set_viewport_size({"width": 390, "height": 500})
    page.goto(f"{live_server.url}/q/{issue_token(judge, organiser)}/")
    expect(page.locator("#sheet-form")).to_be_visible()
    inputs = page.locator("#sheet-form input[data-max]")
    inputs.nth(0).fill("30")
    inputs.nth(1).fill("15")
    expect(page.locator("#running-total")).to_have_text("45")
    inputs.nth(2).fill("25")  # over the maximum of 20: marked, not counted
    inputs.nth(3).fill("7.3")  # off the 0.5 step
    expect(page.locator("#running-total")).to_have_text("45")
    expect(inputs.nth(2)).to_have_class("out-of-range")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 200, "the form is longer than the screen"
    box = page.locator("#countdown").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 500, box
