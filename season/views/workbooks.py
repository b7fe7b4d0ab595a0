"""The season's workbooks: a period's 考核清单 at once; the year-end workbook as a background
job — started here, its progress bar on its page, downloaded when done."""

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from common.domain import jobs
from common.domain.roles import Can
from common.models import Job
from season.exports.workbook import season_workbook_bytes
from season.tasks import WORKBOOK, build_workbook, owner, queue
from season.views.access import period_of, season_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_POST
@season_view(Can.VIEW)
def start_workbook(request, season):
    job = jobs.start(WORKBOOK, owner(season), request.user, season=season.pk)
    queue(job, build_workbook)
    return redirect("season-job", season.pk, job.pk)


def _job(season, job_pk) -> Job:
    return get_object_or_404(Job, pk=job_pk, owner=owner(season))


@require_GET
@season_view(Can.VIEW)
def job_page(request, season, job_pk):
    job = _job(season, job_pk)
    stopped = jobs.interrupted(job)
    waiting = job.status in (Job.Status.QUEUED, Job.Status.RUNNING) and not stopped
    if request.GET.get("state") == "1":  # what the page's script polls
        return JsonResponse({"percent": job.percent, "waiting": waiting,
                             "label": str(job.get_status_display())})  # fmt: skip
    outcome = job.outcome or {}
    return render(request, "season/job.html", {
        "season": season, "job": job, "interrupted": stopped, "waiting": waiting,
        "is_workbook": job.kind == WORKBOOK,
        "problems": [dict(zip(("sheet", "row", "column", "message"), p, strict=True))
                     for p in outcome.get("problems", [])],
        "changes": outcome.get("changes"),
    })  # fmt: skip


@require_GET
@season_view(Can.VIEW)
def job_file(request, season, job_pk):
    job = _job(season, job_pk)
    opened = jobs.stored(job)
    if opened is None:
        raise Http404
    return FileResponse(opened, as_attachment=True, filename=job.filename, content_type=XLSX)


@require_GET
@season_view(Can.VIEW)
def period_list(request, season, period_pk):
    """The month's 考核清单 with its 核算: one period, small enough to build while waiting."""
    period = period_of(season, period_pk)
    response = HttpResponse(season_workbook_bytes(season, [period]), content_type=XLSX)
    name = f"{season.code}-{period.order:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
