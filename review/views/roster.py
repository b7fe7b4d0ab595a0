"""Roster import and the template download, for organisers."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from common.imports.uploads import LimitedUploadHandler
from review.domain.roles import Can
from review.exports.roster import roster_workbook
from review.forms.roster import RosterUploadForm
from review.imports import import_roster
from review.imports.columns import MAX_BYTES
from review.imports.roster import RosterInvalid
from review.queries.structure import rounds_of
from review.views.access import event_view
from review.views.results import XLSX
from review.views.rounds import chosen_round


def _round(request, event):
    rounds = rounds_of(event)
    return rounds, chosen_round(request, rounds) or rounds[0]


@event_view(Can.MANAGE)
def roster_template(request, event):
    _rounds, round_ = _round(request, event)
    response = HttpResponse(roster_workbook(event, round_), content_type=XLSX)
    name = f"roster-{event.pk}-{round_.order}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@csrf_exempt  # checked below, after the upload handler is in place
@event_view(Can.MANAGE)
def roster_import(request, event):
    """The upload stops being read as soon as it passes the size limit (see ``uploads``)."""
    handler = LimitedUploadHandler(MAX_BYTES, request)
    request.upload_handlers = [handler]
    return _roster_import(request, event, handler)


@csrf_protect
def _roster_import(request, event, handler):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    rounds, round_ = _round(request, event)
    context = {"event": event, "form": form, "rounds": rounds if len(rounds) > 1 else [],
               "round": round_}  # fmt: skip
    status = 200
    if handler.exceeded:
        message = _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
        context["problems"] = [{"sheet": "", "row": "", "column": "", "message": message}]
        status = 400
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = import_roster(event, upload.read(), round_)
        except RosterInvalid as invalid:
            context["problems"] = invalid.problems
            status = 400
    return render(request, "review/control/roster.html", context, status=status)
