"""The leaderboard page and the workbook download."""

import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from review.domain.roles import Can, can
from review.exports.workbook import workbook_bytes
from review.models import Event
from review.queries.audit import audit_entries
from review.queries.cache import cached
from review.queries.results import event_results
from review.tables import RANKING_PER_PAGE, leaderboard_table
from review.views.access import event_view, refuse, rule

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@rule("results")
def leaderboard(request, event_pk):
    """The event's people see the ranking at any time; everyone else once it is published."""
    event = get_object_or_404(Event, pk=event_pk)
    organiser = can(request.user, event.pk, Can.VIEW)
    if not (organiser or event.is_published):
        return refuse(
            request, _("The results of %(event)s are not published yet.") % {"event": event.name}
        )
    table_html, has_generated = ranking(request, event)
    return render(
        request,
        "review/results.html",
        {
            "event": event,
            "table_html": table_html,
            "has_generated_scores": has_generated,
            "organiser": organiser,
        },
    )


SORT = re.compile(r"-?[a-z0-9_]{1,30}")


def ranking(request, event) -> tuple[str, bool]:
    """The ranking table, computed once per event version, sort order and page for everyone
    who reloads it (the shared cache; any change to the event invalidates it)."""
    sort = request.GET.get("sort", "")
    sort = sort if SORT.fullmatch(sort) else ""
    page = request.GET.get("page", "1")
    page = page if page.isdigit() and len(page) < 6 else "1"

    def compute():
        results = event_results(event)
        table = leaderboard_table(results)
        RequestConfig(request, paginate={"per_page": RANKING_PER_PAGE}).configure(table)
        html = render_to_string("review/_ranking_table.html", {"table": table}, request)
        return str(html), results.has_generated_scores

    name = f"ranking:{get_language()}:{sort}:{page}"
    html, has_generated = cached(event.pk, name, compute, 3600)
    return mark_safe(html), has_generated  # rendered by our own template


@event_view(Can.VIEW)
def export_xlsx(request, event):
    response = HttpResponse(
        workbook_bytes(event_results(event), audit_entries(event)), content_type=XLSX
    )
    filename = f"results-{event.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
