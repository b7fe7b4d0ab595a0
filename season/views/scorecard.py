"""The scorecard page: every dimension and indicator with its weight and rule in words; the
organiser edits the weights and the rules' parameters here."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from common.domain.problems import Invalid
from common.domain.roles import Can, can
from season.domain.roles import SEASON
from season.domain.scorecard import PARAMETERS, bands_text, set_scorecard
from season.exports.words import number, rule_in_words
from season.models import Dimension, Indicator
from season.views.access import season_view

MAX_TEXT = 400
LABELS = {
    "floor": gettext_lazy("floor (0 points)"),
    "target": gettext_lazy("target (full points)"),
    "points": gettext_lazy("points"),
    "base": gettext_lazy("base (earns nothing)"),
    "step": gettext_lazy("step"),
    "cap": gettext_lazy("counted up to"),
    "table": gettext_lazy("points of the 1st, 2nd, … rank"),
    "rest": gettext_lazy("points after the table"),
    "low": gettext_lazy("lowest allowed"),
    "high": gettext_lazy("highest allowed"),
    "event": gettext_lazy("event (its number)"),
    "mode": gettext_lazy("score or rank"),
    "factor": gettext_lazy("score × factor"),
}


def _fields(indicator: Indicator) -> list[tuple[str, str, str, object]]:
    """(parameter, its label, form kind, value as the page shows it)."""
    shown = []
    for name, form in PARAMETERS.get(indicator.rule, ()):
        raw = indicator.params.get(name)
        if form == "bands":
            value = bands_text(indicator.params)
        elif form == "list":
            value = ", ".join(str(v) for v in raw or ())
        elif form == "flag":
            value = bool(raw if raw is not None else True)
        else:
            value = "" if raw is None else str(raw)
        shown.append((name, LABELS.get(name, name), form, value))
    return shown


def _page(request, season, problems=(), status=200):
    dims = list(Dimension.objects.filter(season=season))
    inds = list(Indicator.objects.filter(season=season))
    rows = [(d, [(i, rule_in_words(i.rule, i.params), _fields(i)) for i in inds
                 if i.dimension_id == d.pk]) for d in dims]  # fmt: skip
    return render(request, "season/scorecard.html", {
        "season": season, "rows": rows, "problems": problems,
        "weights": number(sum((d.weight for d in dims), start=0)),
        "can_manage": can(request.user, SEASON, season.pk, Can.MANAGE),
    }, status=status)  # fmt: skip


@require_GET
@season_view(Can.VIEW)
def scorecard(request, season):
    return _page(request, season)


@require_POST
@season_view(Can.MANAGE)
def scorecard_save(request, season):
    post = request.POST
    dims = {
        d: str(post.get(f"dw-{d}", ""))[:20]
        for d in Dimension.objects.filter(season=season).values_list("pk", flat=True)
    }
    inds = {}
    for indicator in Indicator.objects.filter(season=season):
        typed = {name: str(post.get(f"p-{indicator.pk}-{name}", ""))[:MAX_TEXT]
                 for name, _form in PARAMETERS.get(indicator.rule, ())}  # fmt: skip
        inds[indicator.pk] = (str(post.get(f"iw-{indicator.pk}", ""))[:20], typed)
    board = {name: str(post.get(f"board-{name}", ""))[:20]
             for name in ("top", "bottom", "red_at", "black_at")}  # fmt: skip
    try:
        set_scorecard(season, dims, inds, request.user, board)
    except Invalid as invalid:
        return _page(request, season, invalid.problems, status=400)
    messages.success(request, _("The scorecard is saved. Published periods keep theirs."))
    return redirect("season-scorecard", season.pk)
