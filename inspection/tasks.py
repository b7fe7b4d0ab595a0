"""The cross-inspections' background work: a photo's thumbnail, made after it is stored
(``thumbnails_later``, once the change that stored it is committed)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task

from common.imports.images import thumbnail
from inspection.models import Photo


@task()
def make_thumbnails(photo_ids: list[int]) -> int:
    made = 0
    for photo in Photo.objects.filter(pk__in=photo_ids, thumbnail=""):
        with photo.image.open("rb") as f:
            small = thumbnail(f.read())
        photo.thumbnail.save(f"{photo.image.name.rsplit('/', 1)[-1]}", ContentFile(small))
        made += 1
    return made


def thumbnails_later(photos) -> None:
    ids = [p.pk for p in photos]
    if ids:
        transaction.on_commit(lambda: make_thumbnails.enqueue(ids))
