"""The year-end 等次 page: the cumulative standing with each subject's grade and 绩效系数, the
grades' rules (the organiser sets them), and a tie at a boundary settled with a reason."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.domain.roles import Can, can
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from season.domain import grades
from season.domain.roles import SEASON
from season.models import Grade, Subject
from season.views.access import season_view

FIELDS = ("name", "quota", "percent", "count", "rounding", "threshold", "policy", "coefficient")


@require_GET
@season_view(Can.VIEW)
def grades_page(request, season):
    result = grades.year_end(season)
    rows = []
    for line in result.lines:
        grade = result.grade_of(line.subject)
        rows.append((line, grade))
    editable = [*result.grades, None]  # a blank row to add a grade
    return render(request, "season/grades.html", {
        "season": season, "rows": rows, "result": result, "editable": editable,
        "can_manage": can(request.user, SEASON, season.pk, Can.MANAGE),
        "quotas": Grade.Quota.choices, "roundings": Grade._meta.get_field("rounding").choices,
        "policies": Grade._meta.get_field("policy").choices,
        "pending": set(result.allocation.pending),
    })  # fmt: skip


@require_POST
@season_view(Can.MANAGE)
def grades_save(request, season):
    rows = []
    for index in range(grades.MAX_GRADES + 1):
        row = {f: str(request.POST.get(f"{f}-{index}", ""))[:40] for f in FIELDS}
        rows.append(row)
    with refusals_as_messages(request):
        grades.set_grades(season, rows, request.user)
        messages.success(request, _("The grades are saved."))
    return redirect("season-grades", season.pk)


@require_POST
@season_view(Can.MANAGE)
def grades_pick(request, season):
    grade = Grade.objects.filter(season=season, pk=id_param(request.POST.get("grade"))).first()
    ids = [id_param(v) for v in request.POST.getlist("picked")[:1000]]
    chosen = list(
        Subject.objects.filter(season=season, pk__in=ids).select_related(
            "unit", "person", "household"
        )
    )
    with refusals_as_messages(request):
        if grade is None:
            raise grades.GradesRefused(_("No such grade."))
        grades.pick(season, grade, chosen, str(request.POST.get("reason", "")), request.user)
        messages.success(request, _("The tie at %(grade)s is settled.") % {"grade": grade.name})
    return redirect("season-grades", season.pk)
