"""Roster import and the template download, for organisers."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from review.domain.roles import Can
from review.domain.roster import apply_roster
from review.exports.roster import roster_workbook
from review.imports.columns import MAX_BYTES
from review.imports.roster import RosterInvalid, read_roster
from review.imports.uploads import LimitedUploadHandler
from review.models import Unit
from review.views.access import event_view
from review.views.results import XLSX


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Roster workbook (.xlsx)"), allow_empty_file=True)


def import_roster_file(event, data: bytes):
    """Check, then apply; raises :class:`RosterInvalid` with every problem, saving nothing."""
    roster = read_roster(data, set(Unit.objects.values_list("name", flat=True)))
    return apply_roster(event, roster)


@event_view(Can.MANAGE)
def roster_template(request, event):
    response = HttpResponse(roster_workbook(event), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="roster-{event.pk}.xlsx"'
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
    context = {"event": event, "form": form}
    status = 200
    if handler.exceeded:
        message = _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
        context["problems"] = [{"sheet": "", "row": "", "column": "", "message": message}]
        status = 400
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = import_roster_file(event, upload.read())
        except RosterInvalid as invalid:
            context["problems"] = invalid.problems
            status = 400
    return render(request, "review/control/roster.html", context, status=status)
