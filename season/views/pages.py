"""The season's reading pages: its cumulative standing, a period's standing with its 红黑榜 (as
a page, a big-screen view and an A4 sheet), and a subject's own scorecard with its trend."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from common.domain.roles import Can, can
from common.interfaces.tables import configured
from season.domain.event_values import event_of
from season.domain.roles import SEASON
from season.models import Indicator, Period, Subject
from season.queries.board import period_view
from season.queries.overview import season_view, subject_view
from season.tables import PER_PAGE, period_table, season_table
from season.views.access import member_view, period_of, subject_page
from season.views.trend import trend


def _link(request, season, staff):
    """Links to scorecards the person may open: every one for the season's people, their own
    for a contact."""
    me = request.user.pk

    def url_of(subject: Subject) -> str | None:
        if staff or subject.contact_id == me:
            return reverse("season-subject", args=[season.pk, subject.pk])
        return None

    return url_of


def _common(request, season, staff) -> dict:
    return {
        "season": season,
        "staff": staff,
        "can_run": can(request.user, SEASON, season.pk, Can.RUN),
        "can_manage": can(request.user, SEASON, season.pk, Can.MANAGE),
        "mine": list(
            Subject.objects.filter(season=season, contact=request.user).select_related(
                "unit", "person"
            )
        ),  # fmt: skip
    }


@require_GET
@member_view
def season_page(request, season, staff):
    view = season_view(season, staff)
    table = configured(request, season_table(view, season.precision, _link(request, season, staff)),
                       PER_PAGE)  # fmt: skip
    return render(request, "season/season.html",
                  {**_common(request, season, staff), "view": view, "table": table})  # fmt: skip


@require_GET
@member_view
def period_page(request, season, staff, period_pk):
    period = period_of(season, period_pk, published_only=not staff)
    view = period_view(period)
    table = period_table(view, season.precision, _link(request, season, staff))
    configured(request, table, PER_PAGE)
    periods = Period.objects.filter(season=season)
    if not staff:
        periods = periods.filter(status=Period.Status.PUBLISHED)
    events = [
        (i, event_of(i)) for i in Indicator.objects.filter(season=season, rule=Indicator.Rule.EVENT)
    ]
    return render(request, "season/period.html", {
        **_common(request, season, staff), "period": period, "view": view, "table": table,
        "periods": periods, "events": [(i, e[1]) for i, e in events if e is not None],
    })  # fmt: skip


def _board(template: str):
    """The 红黑榜 alone, rendered by ``template``."""

    @require_GET
    @member_view
    def board(request, season, staff, period_pk):
        period = period_of(season, period_pk, published_only=not staff)
        context = {"season": season, "period": period, "view": period_view(period)}
        return render(request, template, context)

    return board


#: on one A4 page, to print and post; on the hall's big screen
board_print = _board("season/board_print.html")
board_screen = _board("season/board_screen.html")


@require_GET
@subject_page
def subject_scorecard(request, season, subject, staff):
    view = subject_view(season, subject, staff)
    chart = trend([(c.period.name, c.shown) for c in view.cards])
    return render(request, "season/subject.html", {
        **_common(request, season, staff), "subject": subject, "view": view, "trend": chart,
    })  # fmt: skip
