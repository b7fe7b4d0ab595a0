"""The seed-004-shaped final in real browsers, to its ceremony: judges' phones from QR links
follow the control room through the three segments of the last finalist, the big screen reveals
the panels, audience phones vote for the 最高人气奖 from the screen's QR code, and the awards
are revealed on the big screen one name a click."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from review.management.commands.demo_contest import PASSWORD as DEMO_PASSWORD
from review.models import Appearance, AudiencePoll, AwardTier, Event
from review.queries.awards import round_awards
from tests.factories.browser import phone

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_final_runs_to_its_ceremony(browser, live_server, output_dir):
    call_command("demo_contest", seed=2, final_scored=29, verbosity=0)
    event = Event.objects.get(code="shanghai-red-2022")
    Event.objects.filter(pk=event.pk).update(live_show=True, scoring_seconds=0)
    last = Appearance.objects.get(round__order=2, order=30)
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

    stage_clock(live_server, event, room, screen, segments[0], output_dir)
    audience_vote(browser, live_server, event, room, screen, output_dir)
    ceremony(live_server, event, room, screen, output_dir)


def stage_clock(live_server, event, room, screen, segment, output_dir):
    """The control room runs the clock of the appearance on stage; the big screen counts down,
    amber in the last minute, red and counting up once over; a correction keeps it running and
    is audited; stopped after the reveal, it leaves the screen."""
    room.goto(f"{live_server.url}/events/{event.pk}/control/?round=2")
    before = Decimal(screen.locator("#final").inner_text())
    clock = room.locator(".stage-clock").first
    clock.locator("button[value=start]").click()
    timer = screen.locator("#stage-timer .timer-time")
    expect(timer).to_have_text(re.compile(r"^[45]:\d\d$"), timeout=10_000)  # of 5:00
    expect(timer).not_to_have_class(re.compile("clock-(amber|red)"))
    limit = segment.time_limit_seconds
    for seconds, colour in ((limit - 30, "clock-amber"), (limit + 45, "clock-red")):
        clock = room.locator(".stage-clock").first
        clock.locator("summary").click()
        clock.locator("input[name=seconds]").fill(str(seconds))
        clock.locator("input[name=reason]").fill("计时员补录")
        clock.locator("button", has_text="保存").click()
        expect(timer).to_have_class(re.compile(colour), timeout=10_000)
    # A correction keeps the clock running, counting on from the time set.
    expect(timer).to_have_text(re.compile(r"^\+0:(4[5-9]|5\d)$"))
    screen.screenshot(path=output_dir / "final-stage-clock.png")
    room.locator(".stage-clock").first.locator("button[value=stop]").click()
    clock = room.locator(".stage-clock").first
    clock.locator("summary").click()
    clock.locator("input[name=seconds]").fill(str(limit + 45))
    clock.locator("input[name=reason]").fill("计时员补录")
    clock.locator("button", has_text="保存").click()
    # Stopped, the clock of an appearance already revealed leaves the big screen.
    expect(screen.locator("#stage-timer")).to_have_count(0, timeout=10_000)
    # the demo's rule: −0.5 per started 30 s over, so 45 s over is −1 on the round score
    expect(screen.locator("#final")).to_have_text(f"{before - 1:.2f}", timeout=10_000)


def audience_vote(browser, live_server, event, room, screen, output_dir):
    poll = AudiencePoll.objects.get(award__round__event=event)
    room.goto(f"{live_server.url}/events/{event.pk}/control/vote/{poll.award_id}/")
    room.click("#vote-state button")  # the demo's vote is closed: reopen it
    expect(screen.locator("#vote-board img")).to_be_visible(timeout=10_000)
    loaded = "img => img.complete && img.naturalWidth > 0"
    screen.wait_for_function(f"() => ({loaded})(document.querySelector('#vote-board img'))")
    url = f"{live_server.url}/v/{poll.token}/"
    assert screen.locator("#vote-board img").get_attribute("src") == f"/v/{poll.token}/qr.svg"
    finalists = list(event.rounds.get(order=2).appearances.order_by("order"))
    voters = []
    for sub in finalists[:3]:
        page = phone(browser)
        page.goto(url)
        page.check(f"input[name=appearance][value='{sub.pk}']")  # a tap chooses…
        expect(page.locator("#vote-confirm")).to_contain_text(f"投给 {sub.order}. ")
        assert not page.locator("#voted").is_visible()
        page.click("#vote-confirm")  # …and the confirm button votes
        expect(page.locator("#voted")).to_be_visible()
        voters.append(page)
    voters[0].goto(url)  # the same phone again: no list on offer
    expect(voters[0].locator("#voted")).to_contain_text("已投过票")
    assert voters[0].locator("input[name=appearance]").count() == 0
    voters[0].context.clear_cookies()  # cookies cleared: the phone's storage still knows it
    voters[0].goto(url)
    voters[0].check(f"input[name=appearance][value='{finalists[5].pk}']")
    voters[0].click("#vote-confirm")
    expect(voters[0].locator("#refused")).to_contain_text("已投过票")
    assert voters[0].locator("input[name=appearance]").count() == 0
    voters[1].screenshot(path=output_dir / "final-audience-phone.png", full_page=True)
    expect(screen.locator("#vote-board")).to_contain_text("603 票", timeout=10_000)
    screen.screenshot(path=output_dir / "final-vote-bars.png")
    room.click("#vote-state button")  # close it
    expect(room.locator("h2")).to_contain_text("已结束")


def ceremony(live_server, event, room, screen, output_dir):
    room.goto(f"{live_server.url}/events/{event.pk}/control/awards/?round=2")
    standing = round_awards(event, event.rounds.get(order=2))
    assert sum(1 for line in standing.lines if line.tier) == 30  # 6 金牌 + 24 优秀
    expect(room.locator("#award-list tbody tr")).to_have_count(len(standing.lines))
    pdf = room.request.get(f"{live_server.url}/events/{event.pk}/control/certificates.pdf?round=2")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    room.goto(f"{live_server.url}/events/{event.pk}/control/?round=2")
    room.click("#ceremony-start")
    expect(screen.locator("#ceremony-title")).to_be_visible(timeout=10_000)
    first = AwardTier.objects.get(round__event=event, name="优秀讲解员")
    for _ in range(2):
        room.click("#ceremony-next")
    expect(screen.locator("#award-name")).to_have_text(first.name, timeout=10_000)
    expect(screen.locator("#winner")).not_to_be_empty()
    screen.screenshot(path=output_dir / "final-ceremony-name.png")
    room.click("text=显示完整名单")
    expect(screen.locator("#award-list")).to_contain_text("金牌讲解员", timeout=10_000)
    expect(screen.locator("#award-list")).to_contain_text("最高人气奖")
    screen.screenshot(path=output_dir / "final-ceremony-list.png")
