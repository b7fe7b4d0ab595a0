"""Who may open a season's pages. Its people have roles like an event's
(``common.domain.roles``: organiser, operator for data entry, viewer); a subject's contact —
the unit's contact or the person — sees their own scorecard and what the organiser published."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.domain.roles import Can, can
from common.interfaces.access import add_rules, owner_view, private, refuse
from season.domain.roles import SEASON
from season.models import Period, Season, Subject

add_rules(
    **{
        "season member": "the season's people, and its subjects' contacts (published periods)",
        "own subject": "the season's people, and the subject's own contact",
    }
)

REFUSED = {
    Can.VIEW: gettext_lazy("You have no role in %(season)s."),
    Can.RUN: gettext_lazy("Only the operators and organisers of %(season)s can do this."),
    Can.MANAGE: gettext_lazy("Only the organisers of %(season)s can do this."),
}

#: ``@season_view(Can.RUN)``: the season of the URL, for its operators and organisers.
season_view = owner_view(SEASON, Season, REFUSED)


def sees_open(user, season: Season) -> bool:
    """The season's people see periods before they are published; contacts do not."""
    return can(user, SEASON, season.pk, Can.VIEW)


def member_view(view):
    """The season for its people and its subjects' contacts: ``view(request, season, staff)``."""

    @wraps(view)
    @login_required
    def wrapper(request, season_pk, *args, **kwargs):
        season = get_object_or_404(Season, pk=season_pk)
        staff = sees_open(request.user, season)
        if not staff and not Subject.objects.filter(season=season, contact=request.user).exists():
            return refuse(request, _("You have no part in %(season)s.") % {"season": season.name})
        return private(view(request, season, staff, *args, **kwargs))

    wrapper.access_rule = "season member"
    return wrapper


def subject_page(view):
    """The subject of the URL, for the season's people and the subject's own contact."""

    @wraps(view)
    @login_required
    def wrapper(request, season_pk, subject_pk):
        subject = get_object_or_404(
            Subject.objects.select_related("season", "unit", "person"),
            pk=subject_pk, season_id=season_pk,
        )  # fmt: skip
        staff = sees_open(request.user, subject.season)
        if not staff and subject.contact_id != request.user.pk:
            return refuse(request, _("This is another subject's scorecard."))
        return private(view(request, subject.season, subject, staff))

    wrapper.access_rule = "own subject"
    return wrapper


def period_of(season: Season, period_pk: int, published_only: bool = False) -> Period:
    periods = Period.objects.filter(season=season)
    if published_only:
        periods = periods.filter(status=Period.Status.PUBLISHED)
    period = get_object_or_404(periods, pk=period_pk)
    period.season = season
    return period
