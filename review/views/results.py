"""The leaderboard page and the workbook download."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from review.exports.workbook import workbook_bytes
from review.models import Event
from review.queries.audit import audit_entries
from review.queries.results import event_results
from review.tables import leaderboard_table
from review.views.access import is_organiser, refuse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def leaderboard(request, event_pk):
    """Organisers see the ranking at any time; everyone else once the event is published."""
    event = get_object_or_404(Event, pk=event_pk)
    organiser = is_organiser(request.user)
    if not (organiser or event.is_published):
        return refuse(
            request, _("The results of %(event)s are not published yet.") % {"event": event.name}
        )
    results = event_results(event)
    table = leaderboard_table(results, request)
    RequestConfig(request, paginate=False).configure(table)
    return render(
        request,
        "review/results.html",
        {"event": event, "results": results, "table": table, "organiser": organiser},
    )


def export_xlsx(request, event_pk):
    event = get_object_or_404(Event, pk=event_pk)
    if not is_organiser(request.user):
        return refuse(request, _("Only organisers can download the results workbook."))
    response = HttpResponse(
        workbook_bytes(event_results(event), audit_entries(event)), content_type=XLSX
    )
    filename = f"results-{event.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
