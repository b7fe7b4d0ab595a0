"""Who may open the cross-inspections' pages beyond the season's own rules: an inspector's
phone pages (their seat in the season), and a problem with its photos — the season's people,
the inspector who recorded it, and the inspected unit's contact once it is accepted."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from common.domain.roles import Can, can
from common.interfaces.access import add_rules, private, refuse
from inspection.domain.inspectors import seat_of
from inspection.models import Problem
from season.domain.roles import SEASON
from season.models import Season

add_rules(
    **{
        "inspector": "an inspector of the season (their phone pages)",
        "problem viewer": "the season's people, the problem's inspector, and the inspected "
        "unit's contact once it is accepted",
        "problem's unit": "the season's operators and organisers, and the inspected unit's contact",
    }
)

SEEN_BY_UNIT = (Problem.Status.ACCEPTED, Problem.Status.RECTIFIED, Problem.Status.CLOSED)


def inspector_view(view):
    """``view(request, season, seat)`` for a person with an inspector's seat in the season."""

    @wraps(view)
    @login_required
    def wrapper(request, season_pk, *args, **kwargs):
        season = get_object_or_404(Season, pk=season_pk)
        seat = seat_of(request.user, season)
        if seat is None:
            return refuse(request, _("You are not an inspector of %(season)s.")
                          % {"season": season.name})  # fmt: skip
        return private(view(request, season, seat, *args, **kwargs))

    wrapper.access_rule = "inspector"
    return wrapper


def _problem(season_pk, problem_pk) -> Problem:
    return get_object_or_404(
        Problem.objects.select_related("pair__draw__season", "pair__draw__period",
                                       "pair__inspected__unit", "pair__inspector__unit",
                                       "inspector__user"),
        pk=problem_pk, pair__draw__season_id=season_pk,
    )  # fmt: skip


def may_see(user, problem: Problem) -> bool:
    season_id = problem.pair.draw.season_id
    if can(user, SEASON, season_id, Can.VIEW) or problem.inspector.user_id == user.pk:
        return True
    return problem.pair.inspected.contact_id == user.pk and problem.status in SEEN_BY_UNIT


def problem_view(view):
    """``view(request, problem)`` for whoever may see the problem."""

    @wraps(view)
    @login_required
    def wrapper(request, season_pk, problem_pk, *args, **kwargs):
        problem = _problem(season_pk, problem_pk)
        if not may_see(request.user, problem):
            return refuse(request, _("This problem is not yours to see."))
        return private(view(request, problem, *args, **kwargs))

    wrapper.access_rule = "problem viewer"
    return wrapper


def unit_view(view):
    """``view(request, problem)`` for the inspected unit's contact and the season's operators."""

    @wraps(view)
    @login_required
    def wrapper(request, season_pk, problem_pk, *args, **kwargs):
        problem = _problem(season_pk, problem_pk)
        mine = problem.pair.inspected.contact_id == request.user.pk
        if not mine and not can(request.user, SEASON, problem.pair.draw.season_id, Can.RUN):
            return refuse(request, _("Only the inspected unit and the season's operators can "
                                     "do this."))  # fmt: skip
        return private(view(request, problem, *args, **kwargs))

    wrapper.access_rule = "problem's unit"
    return wrapper
