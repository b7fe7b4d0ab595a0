"""An inspector's phone without a signal: a problem with a photo, recorded while the browser is
offline, is kept on the phone and arrives once — when the browser is back online."""

import time

import pytest

from inspection.models import Photo, Problem
from tests.factories.browser import phone
from tests.factories.inspection import drawn, inspector, jpeg, units_season
from tests.factories.season import month_of

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(check, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_problem_recorded_offline_arrives_once_back_online(browser, live_server, output_dir):
    season, organiser, _units = units_season(6)
    march = month_of(season, 3)
    pair = drawn(march, organiser, per_inspected=2).pairs.order_by("order").first()
    seat = inspector(season, pair.inspector, "王检查", organiser)
    page = phone(browser)
    page.goto(f"{live_server.url}/i/{seat.login_token}/")
    assert "王检查" in page.inner_text("main")
    page.click(f"a[href$='/inspect/{pair.pk}/new/']")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.ready")

    page.context.set_offline(True)
    page.select_option("#category", "safety")
    page.fill("#description", "消防通道堆放纸箱")
    page.fill("#place", "二楼东侧楼梯间")
    page.fill("#responsible", "赵六")
    page.fill("#phone", "13900000000")
    page.set_input_files("#photos", {"name": "现场.jpg", "mimeType": "image/jpeg",
                                     "buffer": jpeg(size=(3000, 2000), gps=True)})  # fmt: skip
    page.click("#send")
    page.wait_for_selector("#queue-status:not([hidden])")
    assert "没有信号" in page.inner_text("#queue-status")
    page.screenshot(path=str(output_dir / "inspection-offline-kept.png"), full_page=True)
    assert not Problem.objects.exists()

    page.context.set_offline(False)
    assert wait_for(lambda: Problem.objects.exists()), "the kept problem never arrived"
    page.wait_for_function("document.getElementById('queue-status').textContent.includes('已发送')")
    page.screenshot(path=str(output_dir / "inspection-offline-sent.png"), full_page=True)
    problem = Problem.objects.get()
    assert (problem.pair_id, problem.place, problem.category) == (
        pair.pk,
        "二楼东侧楼梯间",
        "safety",
    )
    stored = Photo.objects.get(problem=problem)
    assert max(stored.width, stored.height) <= 1600  # shrunk on the phone before it was kept
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush sends nothing
    time.sleep(1)
    assert Problem.objects.count() == 1
