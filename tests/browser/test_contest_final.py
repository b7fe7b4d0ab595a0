"""The seed-004-shaped final in real browsers: judges' phones from QR links follow the control
room through the three segments of a finalist, and the big screen reveals the panels."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from review.management.commands.demo_contest import PASSWORD as DEMO_PASSWORD
from review.models import Event, Submission
from tests.browser.conftest import phone

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_finalist_is_scored_segment_by_segment_on_phones(browser, live_server, output_dir):
    call_command("demo_contest", seed=2, final_scored=29, verbosity=0)
    event = Event.objects.get(code="shanghai-red-2022")
    Event.objects.filter(pk=event.pk).update(live_show=True, scoring_seconds=0)
    last = Submission.objects.get(round__order=2, order=30)
    segments = list(last.round.segments.all())
    judges = list(event.judges.order_by("seat")[:2]) + list(event.judges.order_by("-seat")[:1])
    event.judges.exclude(pk__in=[j.pk for j in judges]).delete()  # three phones are enough

    phones = []
    for judge in judges:
        page = phone(browser)
        page.goto(f"{live_server.url}/q/{judge.login_token}/")
        expect(page.locator(".waiting")).to_be_visible()
        phones.append(page)
    room = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    room.goto(f"{live_server.url}/login/?next=/events/{event.pk}/control/?round=2")
    room.fill("#id_username", "organiser")
    room.fill("#id_password", DEMO_PASSWORD)
    room.click("main button[type=submit]")
    room.select_option("#present-select", str(last.pk))
    room.click("text=设为当前")

    for segment in segments:
        room.click(f"text=开始评分：“{segment.name}”")
        expect(room.locator("#phase")).to_contain_text(segment.name)
        for page in phones:
            page.wait_for_url(re.compile(rf"/judge/{last.pk}/{segment.pk}/$"), timeout=15_000)
            expect(page.locator("p.lead")).to_contain_text(segment.name)
            for criterion in segment.criteria.all():
                page.fill(f"#id_c{criterion.pk}", str(int(criterion.max_score) - 5))
            page.click("button[value=review]")
            page.click("button[value=submit]")
            expect(page.locator(".messages")).to_contain_text("已提交")
    phones[0].screenshot(path=output_dir / "final-judge-phone.png", full_page=True)

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(f"{live_server.url}/events/{event.pk}/screen/")
    room.click("#reveal-button")
    expect(screen.locator("#segments")).to_be_visible(timeout=10_000)
    expect(screen.locator("#segments")).to_contain_text("微党课演绎")
    expect(screen.locator("#segments")).to_contain_text("大众评审")
    expect(screen.locator("#final")).to_have_text(re.compile(r"\d+\.\d\d"))
    expect(screen.locator(".demo")).to_contain_text("演示数据")
    screen.screenshot(path=output_dir / "final-big-screen.png")
