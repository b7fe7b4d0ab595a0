"""The season's background work (``django_tasks``; see ``common.domain.jobs``): the year-end
workbook and the import of a large period."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from common.domain import jobs
from common.domain.problems import Invalid
from common.domain.refusals import Refused
from common.models import Job
from season.exports.workbook import season_workbook_bytes
from season.imports.values import import_values
from season.models import Period, Season

WORKBOOK, IMPORT = "season-workbook", "season-import"


def owner(season: Season) -> str:
    return f"season:{season.pk}"


@task()
def build_workbook(job_id: int) -> None:
    job = jobs.claim(job_id)
    if job is None:
        return
    season = Season.objects.get(pk=job.params["season"])
    periods = None
    if job.params.get("period"):
        periods = [Period.objects.get(pk=job.params["period"], season=season)]
    try:
        data = season_workbook_bytes(
            season, periods, progress=lambda done, total: jobs.progress(job, done, total)
        )
    except Exception as error:  # noqa: BLE001 — the page says it failed; the log has why
        jobs.fail(job, {"message": type(error).__name__})
        raise
    suffix = periods[0].name if periods else "年度"
    jobs.finish(job, {}, data, f"{season.code}-{suffix}.xlsx")


@task()
def import_period(job_id: int) -> None:
    job = jobs.claim(job_id)
    if job is None:
        return
    period = Period.objects.select_related("season").get(pk=job.params["period"])
    actor = get_user_model().objects.filter(pk=job.params.get("actor")).first()
    upload = job.params["upload"]
    try:
        data = jobs.read_upload(upload)
        changes = import_values(
            period,
            data,
            actor,
            job.params.get("reason", ""),
            progress=lambda done, total: jobs.progress(job, done, total),
        )
    except Invalid as invalid:
        jobs.fail(job, {"problems": [[p.sheet, p.row, p.column, p.message]
                                     for p in invalid.problems]})  # fmt: skip
    except Refused as refused:
        jobs.fail(job, {"problems": [["", None, "", refused.message]]})
    else:
        jobs.finish(
            job,
            {
                "changes": [
                    [c.subject.name, c.indicator.name, c.old_text, c.new_text] for c in changes
                ]
            },
        )
    finally:
        jobs.drop_upload(upload)


def queue(job: Job, work) -> None:
    """Enqueue ``work`` for the job once the job's row is committed."""
    transaction.on_commit(lambda: work.enqueue(job.pk))
