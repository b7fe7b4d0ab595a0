"""Long work in the background: the year-end workbook and a big period's import run as jobs
with a progress bar and a download; a job killed half-way leaves nothing and runs again."""

import io

import pytest
import time_machine
from django.test import override_settings
from openpyxl import load_workbook

from common.domain import jobs
from common.models import Job
from season.models import Value
from season.tasks import IMPORT, import_period, owner
from tests.factories import client_for
from tests.factories.jobs import run_queued_tasks
from tests.factories.season import fill_month, month_of, service_centre
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def run_worker():
    assert run_queued_tasks() == 1


def test_the_year_end_workbook_is_built_in_the_background(django_capture_on_commit_callbacks):
    season, organiser, subjects, indicators = service_centre()
    fill_month(month_of(season), subjects, indicators)
    client = client_for(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/seasons/{season.pk}/workbook/")
    job_url = response["Location"]
    page = client.get(job_url).content.decode()
    assert "等待开始" in visible_text(page) and "data-job-poll" in page
    assert 'id="download"' not in page
    assert client.get(job_url + "?state=1").json() == {"percent": 0, "waiting": True,
                                                       "label": "等待开始"}  # fmt: skip
    run_worker()
    assert client.get(job_url + "?state=1").json()["waiting"] is False
    page = client.get(job_url).content.decode()
    assert "data-job-poll" not in page and "100%" in visible_text(page)
    download = client.get(job_url + "file/")
    assert download["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert "1月核算" in book.sheetnames and "累计核算" in book.sheetnames
    # another season's people cannot read it
    other, other_organiser, *_rest = service_centre(size=1, code="other", prefix="o")
    assert client_for(other_organiser).get(job_url + "file/").status_code == 403
    assert (
        client_for(other_organiser)
        .get(job_url.replace(f"/seasons/{season.pk}/", f"/seasons/{other.pk}/"))
        .status_code
        == 404
    )


def template_with(season, period, rows) -> bytes:
    from season.exports.template import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes(period)))
    ws = wb[period.name]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=3):
            ws.cell(r, c, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@override_settings(SEASON_IMPORT_INLINE_BYTES=0)
def test_a_big_import_runs_as_a_job_and_lists_what_it_changed(django_capture_on_commit_callbacks):
    season, organiser, _subjects, _indicators = service_centre()
    january = month_of(season)
    client = client_for(organiser)
    good = template_with(season, january, [(240, 3, 88, 96, 95), (300, 1, 80, 99, 90)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/seasons/{season.pk}/periods/{january.pk}/import/",
                               {"file": io.BytesIO(good), "reason": "月度录入"})  # fmt: skip
    assert response.status_code == 302
    run_worker()
    page = visible_text(client.get(response["Location"]).content.decode())
    assert "10 个数值有改动" in page
    assert Value.objects.filter(period=january).count() == 10
    bad = template_with(season, january, [(240, 3, 88, 96, 195)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/seasons/{season.pk}/periods/{january.pk}/import/",
                               {"file": io.BytesIO(bad), "reason": "月度录入"})  # fmt: skip
    run_worker()
    page = visible_text(client.get(response["Location"]).content.decode())
    assert "1 个问题，未保存任何内容" in page and "超出 0–100 的范围" in page
    assert Value.objects.get(period=january, subject__order=1,
                             indicator__name="差错扣分").value == 95  # fmt: skip


def test_a_job_killed_half_way_leaves_nothing_and_runs_again(monkeypatch):
    season, organiser, _subjects, _indicators = service_centre()
    january = month_of(season)
    data = template_with(season, january, [(240, 3, 88, 96, 95)])
    job = jobs.start(IMPORT, owner(season), organiser, period=january.pk,
                     upload=jobs.keep_upload(data), actor=organiser.pk, reason="录入")  # fmt: skip

    def killed(*_args, **_kwargs):
        raise SystemExit("the worker was stopped")

    monkeypatch.setattr("season.domain.values.record", killed)  # after the rows, before commit
    with pytest.raises(SystemExit):
        import_period.call(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and not Value.objects.filter(period=january).exists()
    client = client_for(organiser)
    page = visible_text(client.get(f"/seasons/{season.pk}/jobs/{job.pk}/").content.decode())
    assert "运行中" in page and "已中断" not in page
    with time_machine.travel(job.heartbeat + jobs.STALE * 2, tick=False):
        page = visible_text(client.get(f"/seasons/{season.pk}/jobs/{job.pk}/").content.decode())
    assert "已中断" in page
    monkeypatch.undo()
    again = jobs.start(IMPORT, owner(season), organiser, period=january.pk, reason="录入",
                       upload=jobs.keep_upload(data), actor=organiser.pk)  # fmt: skip
    import_period.call(again.pk)
    again.refresh_from_db()
    assert again.status == Job.Status.DONE and Value.objects.filter(period=january).count() == 5
