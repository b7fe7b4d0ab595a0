"""Background jobs: the one path of a job's state — queued → running → done or failed — and its
progress. A job writes nothing half: what it makes is stored whole and the job marked done in
one step at the end, so a job killed half-way leaves no file and no half-written rows (its own
writes are one transaction); it shows as interrupted once it has given no sign of life for
``STALE``, and the person starts it again.

The work itself runs in a ``django_tasks`` task (the database backend's ``db_worker`` on the
embedded default and on PostgreSQL), which receives the job's id."""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from common.models import Job

STALE = timedelta(minutes=5)


def start(kind: str, owner: str, started_by, **params) -> Job:
    return Job.objects.create(kind=kind, owner=owner, created_by=started_by, params=params)


def claim(job_id: int) -> Job | None:
    """Mark the job running; ``None`` when it is gone or already finished (run twice)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (Job.Status.DONE, Job.Status.FAILED):
            return None
        job.status, job.heartbeat = Job.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "heartbeat"])
        return job


def progress(job: Job, done: int, total: int) -> None:
    job.done, job.total, job.heartbeat = done, total, timezone.now()
    Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat=job.heartbeat)


def finish(job: Job, outcome: dict, data: bytes | None = None, filename: str = "") -> None:
    name = ""
    if data is not None:
        name = default_storage.save(f"jobs/{job.pk}-{uuid.uuid4().hex}", ContentFile(data))
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, outcome=outcome, file=name, filename=filename,
        done=job.total or 1, total=job.total or 1, finished_at=timezone.now(),
    )  # fmt: skip


def fail(job: Job, outcome: dict) -> None:
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, outcome=outcome,
                                         finished_at=timezone.now())  # fmt: skip


def interrupted(job: Job, now=None) -> bool:
    """Queued or running, and no sign of life for ``STALE``: the worker stopped under it."""
    if job.status not in (Job.Status.QUEUED, Job.Status.RUNNING):
        return False
    last = job.heartbeat or job.created_at
    return (now or timezone.now()) - last > STALE


def latest(owner: str, kind: str) -> Job | None:
    return Job.objects.filter(owner=owner, kind=kind).first()


def stored(job: Job):
    """The job's file, opened for reading, or ``None``."""
    if job.status != Job.Status.DONE or not job.file or not default_storage.exists(job.file):
        return None
    return default_storage.open(job.file, "rb")


def keep_upload(data: bytes) -> str:
    """An upload a job will read, stored whole before the job is queued."""
    return default_storage.save(f"uploads/{uuid.uuid4().hex}", ContentFile(data))


def read_upload(name: str) -> bytes:
    with default_storage.open(name, "rb") as f:
        return f.read()


def drop_upload(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
