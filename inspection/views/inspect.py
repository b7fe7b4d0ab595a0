"""The inspector's phone: logging in by the seat's QR code, the units drawn for their unit, and
recording a problem — a form the page's script keeps on the phone while the signal is gone and
sends when it returns (each problem with its own key, so a resend is kept once)."""

import uuid

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from common.domain.problems import Invalid
from common.domain.refusals import Refused
from common.interfaces.access import refuse, rule
from common.interfaces.codes import log_in_by_code
from common.interfaces.photos import photos_of, with_photo_handler
from inspection.domain.inspectors import (
    InspectorRefused,
    check_may_record,
    drawn_pairs,
    seat_for_token,
)
from inspection.domain.problems import Report, record_problem, resend
from inspection.models import Pair, Problem
from inspection.tasks import thumbnails_later
from inspection.views.access import inspector_view


@rule("public")
def inspector_login(request, inspector_token):
    """Scanning an inspector's code logs that inspector in (someone else logged in on this
    phone is asked first: a POST switches)."""
    try:
        seat = seat_for_token(inspector_token)
    except InspectorRefused as refused:
        return refuse(request, refused.message, status=403)
    asked = log_in_by_code(request, seat.user, "inspection/switch.html",
                           {"seat": seat, "token": inspector_token})  # fmt: skip
    return asked or redirect("inspection-home", seat.season_id)


@require_GET
@inspector_view
def home(request, season, seat):
    pairs = list(drawn_pairs(seat))
    mine = list(Problem.objects.filter(inspector=seat).select_related(
        "pair__inspected__unit", "pair__draw__period").order_by("-created_at")[:200])  # fmt: skip
    return render(request, "inspection/home.html",
                  {"season": season, "seat": seat, "pairs": pairs, "mine": mine})  # fmt: skip


REPORTED = ("category", "description", "place", "responsible", "phone", "latitude", "longitude")


def _report(post) -> Report:
    return Report(**{name: str(post.get(name, ""))[:2000] for name in REPORTED})


def _answer(request, ok: bool, message: str, status: int = 200, **extra):
    """JSON to the page's script (it sent ``Accept: application/json``), else a page."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ok": ok, "message": message, **extra}, status=status)
    (messages.success if ok else messages.warning)(request, message)
    return redirect(extra.get("back") or "/")


@csrf_exempt  # checked below, once the photo handler is in place
@inspector_view
def new_problem(request, season, seat, pair_pk):
    handler = with_photo_handler(request)
    return _new_problem(request, season, seat, pair_pk, handler)


@csrf_protect
def _new_problem(request, season, seat, pair_pk, handler):
    pair = get_object_or_404(Pair.objects.select_related("draw__period", "inspected__unit"),
                             pk=pair_pk, draw__season=season)  # fmt: skip
    home_url = f"/seasons/{season.pk}/inspect/"
    if request.method != "POST":
        try:
            check_may_record(seat, pair)
        except InspectorRefused as refused:
            messages.warning(request, refused.message)
            return redirect("inspection-home", season.pk)
        return render(request, "inspection/problem_new.html", {
            "season": season, "seat": seat, "pair": pair, "key": uuid.uuid4(),
            "categories": Problem.Category.choices,
        })  # fmt: skip
    try:
        key = uuid.UUID(str(request.POST.get("key", "")))
    except ValueError:
        return _answer(request, False, _("The form lost its key: open it again."), 400,
                       back=home_url)  # fmt: skip
    try:
        photos = photos_of(request, handler)
        problem, created = record_problem(seat, pair, _report(request.POST), photos, key)
    except Invalid as invalid:
        return _answer(request, False, "; ".join(str(p) for p in invalid.problems), 400,
                       back=home_url, fields=[p.column for p in invalid.problems])  # fmt: skip
    except Refused as refused:
        return _answer(request, False, refused.message, 400, back=home_url)
    if created:
        thumbnails_later(problem.photos.all())
    return _answer(request, True, _("Problem sent: %(unit)s, %(place)s.")
                   % {"unit": pair.inspected.name, "place": problem.place},
                   back=home_url, problem=problem.pk, created=created)  # fmt: skip


@csrf_exempt  # checked below, once the photo handler is in place
@inspector_view
def fix_problem(request, season, seat, problem_pk):
    handler = with_photo_handler(request)
    return _fix_problem(request, season, seat, problem_pk, handler)


@csrf_protect
def _fix_problem(request, season, seat, problem_pk, handler):
    problem = get_object_or_404(Problem.objects.select_related("pair__inspected__unit",
                                                               "pair__draw__period"),
                                pk=problem_pk, inspector=seat)  # fmt: skip
    if request.method != "POST":
        if problem.status != Problem.Status.SENT_BACK:
            messages.warning(request, _("Only a problem that was sent back can be sent again."))
            return redirect("inspection-home", season.pk)
        return render(request, "inspection/problem_fix.html", {
            "season": season, "seat": seat, "problem": problem,
            "categories": Problem.Category.choices,
        })  # fmt: skip
    home_url = f"/seasons/{season.pk}/inspect/"
    try:
        resend(problem, seat, _report(request.POST), photos_of(request, handler))
    except Invalid as invalid:
        return _answer(request, False, "; ".join(str(p) for p in invalid.problems), 400,
                       back=home_url)  # fmt: skip
    except Refused as refused:
        return _answer(request, False, refused.message, 400, back=home_url)
    thumbnails_later(problem.photos.filter(thumbnail=""))
    return _answer(request, True, _("Sent again for review."), back=home_url)


@require_GET
@rule("public")
def service_worker(request, season_pk):
    """The phone's offline helper, served under the inspector's pages so it may look after
    them (a script's scope is its own folder)."""
    path = finders.find("inspection/js/offline-worker.js")
    response = FileResponse(open(path, "rb"), content_type="text/javascript")  # noqa: SIM115
    response["Service-Worker-Allowed"] = f"/seasons/{int(season_pk)}/inspect/"
    response["Cache-Control"] = "no-cache"
    return response
