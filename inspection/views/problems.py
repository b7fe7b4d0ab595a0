"""A problem's page with its photos, the review list of a period, and the steps after the
phone: accept or send back, rectified (with an after-photo), closed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from common.domain.roles import Can, can
from common.interfaces.params import number_param
from common.interfaces.photos import photos_of, with_photo_handler
from common.interfaces.refusals import refusals_as_messages
from inspection.domain.problems import close, rectify, review
from inspection.models import Photo, Problem
from inspection.tasks import thumbnails_later
from inspection.views.access import SEEN_BY_UNIT, problem_view, unit_view
from season.domain.roles import SEASON
from season.views.access import member_view, period_of, season_view

PER_PAGE = 50


@require_GET
@problem_view
def problem_page(request, problem):
    season_id = problem.pair.draw.season_id
    return render(request, "inspection/problem.html", {
        "problem": problem, "season": problem.pair.draw.season,
        "photos": list(problem.photos.all()),
        "can_review": can(request.user, SEASON, season_id, Can.RUN),
        "is_unit": problem.pair.inspected.contact_id == request.user.pk,
        "send_back": Problem.SendBack.choices,
    })  # fmt: skip


def _photo_file(problem, photo_pk, thumb: bool):
    photo = get_object_or_404(Photo, pk=photo_pk, problem=problem)
    field = photo.thumbnail if thumb and photo.thumbnail else photo.image
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@require_GET
@problem_view
def photo(request, problem, photo_pk):
    return _photo_file(problem, photo_pk, thumb=False)


@require_GET
@problem_view
def photo_thumb(request, problem, photo_pk):
    return _photo_file(problem, photo_pk, thumb=True)


@require_GET
@season_view(Can.RUN)
def review_list(request, season, period_pk):
    """The period's problems, waiting ones first, a page at a time."""
    period = period_of(season, period_pk)
    status = str(request.GET.get("status", ""))
    problems = Problem.objects.filter(pair__draw__period=period).select_related(
        "pair__inspector__unit", "pair__inspected__unit", "inspector__user",
    ).prefetch_related("photos").order_by("status", "created_at", "pk")  # fmt: skip
    if status in Problem.Status.values:
        problems = problems.filter(status=status)
    page = Paginator(problems, PER_PAGE).get_page(number_param(request.GET.get("page"), 1, 10**6))
    return render(request, "inspection/review.html", {
        "season": season, "period": period, "page": page, "status": status,
        "statuses": Problem.Status.choices, "send_back": Problem.SendBack.choices,
    })  # fmt: skip


def _back(problem):
    return redirect("inspection-problem", problem.pair.draw.season_id, problem.pk)


@require_POST
@season_view(Can.RUN)
def review_problem(request, season, problem_pk):
    problem = get_object_or_404(Problem, pk=problem_pk, pair__draw__season=season)
    with refusals_as_messages(request):
        accept = request.POST.get("decision") == "accept"
        review(problem, request.user, accept=accept, sent_back_as=str(request.POST.get(
            "sent_back_as", "")), note=str(request.POST.get("note", "")))  # fmt: skip
        messages.success(request, _("Accepted.") if accept else _("Sent back to the inspector."))
    if request.POST.get("next") == "list":
        return redirect("inspection-review", season.pk, problem.pair.draw.period_id)
    return redirect("inspection-problem", season.pk, problem.pk)


@csrf_exempt  # checked below, once the photo handler is in place
@unit_view
def rectify_problem(request, problem):
    handler = with_photo_handler(request)
    return _rectify(request, problem, handler)


@csrf_protect
@require_POST
def _rectify(request, problem, handler):
    with refusals_as_messages(request):
        rectify(problem, request.user, photos_of(request, handler, "after"),
                str(request.POST.get("note", "")))  # fmt: skip
        thumbnails_later(problem.photos.filter(thumbnail=""))
        messages.success(request, _("Marked rectified; the reviewer closes it."))
    return _back(problem)


@require_POST
@season_view(Can.RUN)
def close_problem(request, season, problem_pk):
    problem = get_object_or_404(Problem, pk=problem_pk, pair__draw__season=season)
    with refusals_as_messages(request):
        close(problem, request.user)
        messages.success(request, _("Closed."))
    return _back(problem)


@require_GET
@member_view
def found_at_us(request, season, staff):
    """The accepted problems found at the units the person answers for (a subject's contact), or
    at every unit for the season's people: each to open, rectify with an after-photo, and see
    closed."""
    problems = Problem.objects.filter(pair__draw__season=season, status__in=SEEN_BY_UNIT)
    if not staff:
        problems = problems.filter(pair__inspected__contact=request.user)
    problems = problems.select_related(
        "pair__inspected__unit", "pair__inspector__unit", "pair__draw__period"
    ).order_by("status", "-created_at")
    page = Paginator(problems, PER_PAGE).get_page(number_param(request.GET.get("page"), 1, 10**6))
    return render(request, "inspection/found_at_us.html",
                  {"season": season, "page": page, "staff": staff})  # fmt: skip
