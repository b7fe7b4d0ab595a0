"""Putting a period's values in: the keyboard grid, the template download and upload, and
publishing the period. Every write goes through ``season.domain``."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from common.domain import jobs
from common.domain.problems import Invalid, Problem
from common.domain.refusals import Refused
from common.domain.roles import Can
from common.imports.uploads import LimitedUploadHandler
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from season.domain.event_values import EventRefused, take_event_result
from season.domain.periods import publish
from season.exports.template import header_of, template_bytes
from season.imports.grid import cell_name, save_grid, shown, was_name
from season.imports.values import MAX_BYTES, import_values
from season.models import Indicator, Period, Subject, Value
from season.tasks import IMPORT, import_period, owner, queue
from season.views.access import period_of, season_view
from season.views.forms import UploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_REASON = 200


def _reason(request) -> str:
    return str(request.POST.get("reason", "")).strip()[:MAX_REASON]


@season_view(Can.RUN)
def grid(request, season, period_pk):
    """Every subject × indicator of the period on one form: Tab and Enter move on, the arrow
    keys move up and down a column; only the cells changed are saved, all or none."""
    period = period_of(season, period_pk)
    subjects = list(Subject.objects.filter(season=season).named())
    indicators = list(Indicator.objects.filter(season=season).select_related("dimension"))
    problems, posted = [], None
    if request.method == "POST":
        posted = request.POST
        try:
            changes = save_grid(period, posted, request.user, subjects, indicators,
                                _reason(request))  # fmt: skip
        except Invalid as invalid:
            problems = invalid.problems
        except Refused as refused:
            problems = [Problem("", None, "", refused.message)]
        else:
            messages.success(request, ngettext("%(n)s value saved.", "%(n)s values saved.",
                                               len(changes)) % {"n": len(changes)})  # fmt: skip
            return redirect("season-grid", season.pk, period.pk)
    stored = {
        (s, i): v
        for s, i, v in Value.objects.filter(period=period).values_list(
            "subject_id", "indicator_id", "value"
        )
    }
    headers = [header_of(i) for i in indicators]
    rows = []
    for subject in subjects:
        cells = []
        for indicator, header in zip(indicators, headers, strict=True):
            name, was = cell_name(subject.pk, indicator.pk), was_name(subject.pk, indicator.pk)
            value = shown(stored.get((subject.pk, indicator.pk)))
            if posted is not None and name in posted:  # keep what was typed on a refusal
                typed, value = str(posted[name])[:40], str(posted.get(was, ""))[:40]
            else:
                typed = value
            cells.append((name, typed, was, value, f"{subject.name} {header}"))
        rows.append((subject, cells))
    status = 400 if problems else 200
    return render(request, "season/grid.html", {
        "season": season, "period": period, "rows": rows, "problems": problems,
        "headers": headers,
        "published": period.status == Period.Status.PUBLISHED,
        "reason": _reason(request) if posted is not None else "",
    }, status=status)  # fmt: skip


@require_GET
@season_view(Can.RUN)
def template_xlsx(request, season, period_pk):
    period = period_of(season, period_pk)
    response = HttpResponse(template_bytes(period), content_type=XLSX)
    filename = f"{season.code}-{period.order:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@csrf_exempt  # checked below, after the upload handler is in place
@season_view(Can.RUN)
def values_import(request, season, period_pk):
    """The upload stops being read as soon as it passes the size limit."""
    handler = LimitedUploadHandler(MAX_BYTES, request)
    request.upload_handlers = [handler]
    return _values_import(request, season, period_pk, handler)


@csrf_protect
def _values_import(request, season, period_pk, handler):
    period = period_of(season, period_pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"season": season, "period": period, "form": form,
               "published": period.status == Period.Status.PUBLISHED}  # fmt: skip
    status = 200
    if handler.exceeded:
        context["refusal"] = _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
        status = 400
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.SEASON_IMPORT_INLINE_BYTES:  # a big period: in the background
            job = jobs.start(IMPORT, owner(season), request.user, period=period.pk,
                             upload=jobs.keep_upload(upload.read()), actor=request.user.pk,
                             reason=form.cleaned_data["reason"])  # fmt: skip
            queue(job, import_period)
            return redirect("season-job", season.pk, job.pk)
        try:
            with refusals_as_messages(request) as outcome:
                context["changes"] = import_values(period, upload.read(), request.user,
                                                   form.cleaned_data["reason"])  # fmt: skip
            if outcome.refused:
                status = 400
        except Invalid as invalid:
            context["problems"] = invalid.problems
            status = 400
    return render(request, "season/import.html", context, status=status)


@require_POST
@season_view(Can.MANAGE)
def publish_period(request, season, period_pk):
    period = period_of(season, period_pk)
    with refusals_as_messages(request):
        publish(period, request.user)
        messages.success(request, _("%(period)s is published.") % {"period": period.name})
    return redirect("season-period", season.pk, period.pk)


@require_POST
@season_view(Can.RUN)
def take_event(request, season, period_pk):
    """The period takes a 赛马会 event's result as an indicator's values."""
    period = period_of(season, period_pk)
    events = Indicator.objects.filter(season=season, rule=Indicator.Rule.EVENT)
    indicator = events.filter(pk=id_param(request.POST.get("indicator"))).first()
    with refusals_as_messages(request):
        if indicator is None:
            raise EventRefused(_("No such indicator."))
        try:
            changes = take_event_result(period, indicator, request.user, _reason(request))
        except Invalid as invalid:
            raise EventRefused("; ".join(str(p) for p in invalid.problems)) from None
        messages.success(request, ngettext("%(n)s value saved.", "%(n)s values saved.",
                                           len(changes)) % {"n": len(changes)})  # fmt: skip
    return redirect("season-period", season.pk, period.pk)
