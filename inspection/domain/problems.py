"""A problem's way: recorded on a phone (kept once per key, however often the phone sends it),
reviewed — accepted, or sent back with a reason and fixed and sent again —, rectified by the
inspected unit with an after-photo, closed. Each step goes through here and is logged."""

import re
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from common.domain.problems import Invalid
from common.domain.problems import Problem as FieldProblem
from common.domain.refusals import Refused
from common.imports.images import Photo as CheckedPhoto
from inspection.domain.audit import record
from inspection.domain.inspectors import check_may_record
from inspection.models import InspectionEntry, Inspector, Pair, Photo, Problem

MAX_PHOTOS = 6
PHONE = re.compile(r"^[0-9+\- ]{5,30}$")


class ProblemRefused(Refused):
    pass


@dataclass(frozen=True)
class Report:
    category: str
    description: str
    place: str
    responsible: str
    phone: str
    latitude: str = ""
    longitude: str = ""


def _coordinate(text: str, bound: int, field: str, problems: list) -> Decimal | None:
    text = str(text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.000001"))
    except InvalidOperation:
        problems.append(FieldProblem("", None, field, _("not a number")))
        return None
    if not value.is_finite() or abs(value) > bound:
        problems.append(FieldProblem("", None, field, _("out of range")))
        return None
    return value


def checked_report(report: Report) -> dict:
    """The report's fields as stored, or ``Invalid`` naming every field that is wrong."""
    problems = []
    fields = {
        "category": str(report.category),
        "description": str(report.description).strip(),
        "place": str(report.place).strip(),
        "responsible": str(report.responsible).strip(),
        "phone": str(report.phone).strip(),
    }
    if fields["category"] not in Problem.Category.values:
        problems.append(FieldProblem("", None, "category", _("choose a category")))
    for name, limit in (("description", 1000), ("place", 200), ("responsible", 60)):
        if not fields[name]:
            problems.append(FieldProblem("", None, name, _("this is needed")))
        elif len(fields[name]) > limit:
            problems.append(FieldProblem("", None, name, _("at most %(n)s characters")
                                         % {"n": limit}))  # fmt: skip
    if not PHONE.match(fields["phone"]):
        problems.append(FieldProblem("", None, "phone", _("digits only, 5 to 30")))
    fields["latitude"] = _coordinate(report.latitude, 90, "latitude", problems)
    fields["longitude"] = _coordinate(report.longitude, 180, "longitude", problems)
    if problems:
        raise Invalid(problems)
    return fields


def _store(problem: Problem, photos: list[CheckedPhoto], kind: str) -> list[Photo]:
    stored = []
    for photo in photos:
        row = Photo(problem=problem, kind=kind, digest=photo.digest, width=photo.width,
                    height=photo.height)  # fmt: skip
        row.image.save(f"{uuid.uuid4().hex}.jpg", ContentFile(photo.data), save=False)
        row.save()
        stored.append(row)
    return stored  # their thumbnails are made in the background: inspection.tasks


def _suspected_duplicate(problem: Problem, digests: list[str]) -> Problem | None:
    """Another problem at the same inspected unit in the same period with the same photo, or the
    same place and category."""
    others = Problem.objects.filter(
        pair__inspected_id=problem.pair.inspected_id,
        pair__draw__period_id=problem.pair.draw.period_id,
    ).exclude(pk=problem.pk)
    return (others.filter(Q(photos__digest__in=digests) | Q(place=problem.place,
                                                           category=problem.category))
            .order_by("created_at", "pk").first())  # fmt: skip


@transaction.atomic
def record_problem(seat: Inspector, pair: Pair, report: Report, photos: list[CheckedPhoto],
                   key: uuid.UUID) -> tuple[Problem, bool]:  # fmt: skip
    """``(problem, created)``: a key already kept returns its problem, nothing added."""
    kept = Problem.objects.filter(key=key).first()
    if kept is not None:
        if kept.inspector_id != seat.pk:
            raise ProblemRefused(_("This problem was sent by another inspector."))
        return kept, False
    check_may_record(seat, pair)
    fields = checked_report(report)
    if not 1 <= len(photos) <= MAX_PHOTOS:
        raise ProblemRefused(_("A problem needs 1 to %(n)s photos.") % {"n": MAX_PHOTOS})
    problem = Problem.objects.create(pair=pair, inspector=seat, key=key, **fields)
    _store(problem, photos, Photo.Kind.FOUND)
    twin = _suspected_duplicate(problem, [p.digest for p in photos])
    if twin is not None:
        problem.suspected_duplicate = twin
        problem.save(update_fields=["suspected_duplicate"])
    return problem, True


@transaction.atomic
def resend(problem: Problem, seat: Inspector, report: Report, photos: list[CheckedPhoto]) -> None:
    """A problem sent back, fixed by the inspector who recorded it: its fields replaced, any
    new photos added, and it waits for review again."""
    problem = Problem.objects.select_for_update().select_related("pair__draw__period").get(
        pk=problem.pk)  # fmt: skip
    if problem.inspector_id != seat.pk:
        raise ProblemRefused(_("Only the inspector who recorded it can send it again."))
    if problem.status != Problem.Status.SENT_BACK:
        raise ProblemRefused(_("Only a problem that was sent back can be sent again."))
    check_may_record(seat, problem.pair)
    fields = checked_report(report)
    if problem.photos.count() + len(photos) > MAX_PHOTOS:
        raise ProblemRefused(_("A problem has at most %(n)s photos.") % {"n": MAX_PHOTOS})
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.status, problem.sent_back_as, problem.review_note = Problem.Status.SUBMITTED, "", ""
    problem.save()
    _store(problem, photos, Photo.Kind.FOUND)


def _locked(problem: Problem, expected: str, refusal: str) -> Problem:
    locked = Problem.objects.select_for_update().select_related("pair__draw__season").get(
        pk=problem.pk)  # fmt: skip
    if locked.status != expected:
        raise ProblemRefused(refusal)
    return locked


@transaction.atomic
def review(problem: Problem, reviewer, *, accept: bool, sent_back_as: str = "", note: str = ""):
    """Accepts the problem, or sends it back to its inspector with a reason."""
    problem = _locked(problem, Problem.Status.SUBMITTED,
                      _("This problem is not waiting for review."))  # fmt: skip
    note = str(note).strip()[:300]
    if accept:
        problem.status = Problem.Status.ACCEPTED
    else:
        if sent_back_as not in Problem.SendBack.values:
            raise ProblemRefused(_("Say why it goes back: trivial, duplicate, unclear photo or "
                                   "other."))  # fmt: skip
        if sent_back_as == Problem.SendBack.OTHER and not note:
            raise ProblemRefused(_("“Other” needs a note for the inspector."))
        problem.status, problem.sent_back_as = Problem.Status.SENT_BACK, sent_back_as
    problem.review_note = note
    problem.save(update_fields=["status", "sent_back_as", "review_note", "updated_at"])
    record(problem.pair.draw.season, reviewer, InspectionEntry.Kind.REVIEWED,
           period=problem.pair.draw.period, reason=note, problem=problem.pk,
           outcome="accepted" if accept else sent_back_as)  # fmt: skip
    return problem


@transaction.atomic
def rectify(problem: Problem, actor, after: list[CheckedPhoto], note: str = "") -> Problem:
    """The inspected unit shows the problem fixed (整改), with at least one after-photo."""
    problem = _locked(problem, Problem.Status.ACCEPTED,
                      _("Only an accepted problem can be marked rectified."))  # fmt: skip
    if not 1 <= len(after) <= MAX_PHOTOS:
        raise ProblemRefused(_("Rectification needs 1 to %(n)s after-photos.") % {"n": MAX_PHOTOS})
    _store(problem, after, Photo.Kind.AFTER)
    problem.status = Problem.Status.RECTIFIED
    problem.save(update_fields=["status", "updated_at"])
    record(problem.pair.draw.season, actor, InspectionEntry.Kind.RECTIFIED,
           period=problem.pair.draw.period, reason=str(note)[:300], problem=problem.pk)  # fmt: skip
    return problem


@transaction.atomic
def close(problem: Problem, reviewer) -> Problem:
    problem = _locked(problem, Problem.Status.RECTIFIED,
                      _("Only a rectified problem can be closed."))  # fmt: skip
    problem.status = Problem.Status.CLOSED
    problem.save(update_fields=["status", "updated_at"])
    record(problem.pair.draw.season, reviewer, InspectionEntry.Kind.CLOSED,
           period=problem.pair.draw.period, problem=problem.pk)  # fmt: skip
    return problem
