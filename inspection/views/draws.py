"""A period's draw (抽签): its page — the commitment before, the pairs and the seed after, the
draws it replaced —, the big-screen reveal, the 抽签记录 workbook, and the organiser's three
steps. Every change goes through ``inspection.domain.draws``."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from common.domain.roles import Can, can
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from inspection.domain import constraints
from inspection.domain.counts import CountsRefused, take_counts
from inspection.domain.draws import Constraints, DrawRefused, commit, make, redraw
from inspection.exports.record import draw_record_bytes
from inspection.queries.draws import period_draws
from inspection.views.forms import DrawForm, RedrawForm
from season.domain.roles import SEASON
from season.models import Indicator, Subject
from season.views.access import member_view, period_of, season_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _initial(view) -> dict:
    """The form as the live draw (or the last one) was asked, to draw again alike."""
    last = view.live or (view.replaced[-1] if view.replaced else None)
    if last is None:
        return {}
    conflicts, districts = constraints.as_text(last.draw.request, view.names)
    request = last.draw.request
    return {"per_inspected": request["per_inspected"], "conflicts": conflicts,
            "districts": districts, "allow_reciprocal": not request["no_reciprocal"]}  # fmt: skip


@require_GET
@member_view
def draw_page(request, season, staff, period_pk):
    period = period_of(season, period_pk)
    view = period_draws(period)
    manage = can(request.user, SEASON, season.pk, Can.MANAGE)
    initial = _initial(view)
    return render(request, "inspection/draw.html", {
        "season": season, "period": period, "view": view, "staff": staff, "can_manage": manage,
        "can_run": can(request.user, SEASON, season.pk, Can.RUN),
        "count_indicators": list(Indicator.objects.filter(season=season,
                                                          rule=Indicator.Rule.COUNT)),  # fmt: skip
        "form": DrawForm(initial=initial, auto_id="commit-%s"),
        "redraw_form": RedrawForm(initial=initial, auto_id="redraw-%s"),
    })  # fmt: skip


def _constraints(form, season) -> Constraints:
    by_name = {s.name: s for s in Subject.objects.filter(season=season).named()}
    data = form.cleaned_data
    return Constraints(
        per_inspected=data["per_inspected"], avoid_recent=data["avoid_recent"],
        conflicts=tuple(constraints.conflicts(data["conflicts"], by_name)),
        districts=constraints.districts(data["districts"], by_name),
        no_reciprocal=not data["allow_reciprocal"],
    )  # fmt: skip


def _form_refusal(form) -> DrawRefused:
    return DrawRefused("; ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    ))  # fmt: skip


def _with_constraints(request, season, period_pk, form_class, change):
    """Reads the constraints typed, then ``change(period, constraints, form)``, which answers
    what the page tells; a refusal or a bad field says what is wrong."""
    period = period_of(season, period_pk)
    form = form_class(request.POST)
    with refusals_as_messages(request):
        if not form.is_valid():
            raise _form_refusal(form)
        messages.success(request, change(period, _constraints(form, season), form))
    return redirect("inspection-draw", season.pk, period.pk)


@require_POST
@season_view(Can.MANAGE)
def draw_commit(request, season, period_pk):
    def change(period, constraints, _form):
        made = commit(period, constraints, request.user)
        return _("Committed: the seed's hash %(hash)s is published; the seed is shown with the "
                 "pairs.") % {"hash": made.commitment}  # fmt: skip

    return _with_constraints(request, season, period_pk, DrawForm, change)


@require_POST
@season_view(Can.MANAGE)
def draw_make(request, season, period_pk):
    period = period_of(season, period_pk)
    with refusals_as_messages(request):
        make(period, request.user)
        messages.success(request, _("The draw is made; its seed is published with the pairs."))
    return redirect("inspection-draw", season.pk, period.pk)


@require_POST
@season_view(Can.MANAGE)
def draw_redraw(request, season, period_pk):
    def change(period, constraints, form):
        redraw(period, constraints, request.user, form.cleaned_data["reason"])
        return _("The earlier draw is kept as replaced; a new commitment is published.")

    return _with_constraints(request, season, period_pk, RedrawForm, change)


@require_GET
@member_view
def draw_screen(request, season, staff, period_pk):
    """The big screen: the commitment, then the pairs revealed one by one."""
    period = period_of(season, period_pk)
    return render(request, "inspection/draw_screen.html",
                  {"season": season, "period": period, "view": period_draws(period)})  # fmt: skip


@require_GET
@member_view
def draw_record(request, season, staff, period_pk):
    period = period_of(season, period_pk)
    response = HttpResponse(draw_record_bytes(period), content_type=XLSX)
    name = f"inspection-{season.code}-{period.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@season_view(Can.RUN)
def draw_counts(request, season, period_pk):
    """The period's accepted problems into a count indicator of the season."""
    period = period_of(season, period_pk)
    counting = Indicator.objects.filter(season=season, rule=Indicator.Rule.COUNT)
    indicator = counting.filter(pk=id_param(request.POST.get("indicator"))).first()
    with refusals_as_messages(request):
        if indicator is None:
            raise CountsRefused(_("Choose a count indicator of this season."))
        changes = take_counts(period, indicator, str(request.POST.get("side", "")),
                              request.user, str(request.POST.get("reason", ""))[:200])  # fmt: skip
        messages.success(request, ngettext("%(n)s value saved.", "%(n)s values saved.",
                                           len(changes)) % {"n": len(changes)})  # fmt: skip
    return redirect("inspection-draw", season.pk, period.pk)
