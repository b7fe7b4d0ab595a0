"""新建考核年度: staff accounts make a season from a preset and become its organisers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.domain.problems import Invalid
from common.interfaces.access import refuse, rule
from common.interfaces.refusals import refusals_as_messages
from season.domain.seasons import new_season
from season.imports.subjects import read_subjects
from season.views.forms import NewSeasonForm


@rule("staff")
def season_new(request):
    if not request.user.is_authenticated or not request.user.is_staff:
        return refuse(request, _("Only staff accounts can create seasons."))
    form = NewSeasonForm(request.POST or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subjects = read_subjects(data["kind"], data["subjects"])
        except Invalid as invalid:
            problems = invalid.problems
        else:
            with refusals_as_messages(request) as outcome:
                season = new_season(
                    code=data["code"], name=data["name"], kind=data["kind"],
                    period_kind=data["period_kind"], preset=data["preset"], subjects=subjects,
                    actor=request.user, cumulation=data["cumulation"],
                )  # fmt: skip
            if outcome.refused is None:
                messages.success(request, _("The season is made. Set its scorecard and people."))
                return redirect("season", season.pk)
    status = 400 if form.is_bound else 200
    return render(request, "season/new.html", {"form": form, "problems": problems},
                  status=status)  # fmt: skip
