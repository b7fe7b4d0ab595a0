"""The leaderboard page and the workbook download."""

import copy
import re

from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from common.interfaces.params import number_param
from review.domain.roles import Can, can
from review.exports.event import event_workbook
from review.exports.workbook import scheme_in_words
from review.queries.cache import cached
from review.queries.final_results import final_results, is_weighted
from review.queries.round_results import round_results
from review.queries.structure import current_round, rounds_of
from review.tables import RANKING_PER_PAGE, final_table, round_table
from review.views.access import event_view, private, refuse, rule
from review.views.rounds import chosen_round
from review.views.screen import visible_event

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@rule("results")
def leaderboard(request, event_pk):
    """The event's people see the ranking at any time; everyone else once it is published."""
    event = visible_event(request, event_pk)
    organiser = can(request.user, event.pk, Can.VIEW)
    if not (organiser or event.is_published):
        return refuse(
            request, _("The results of %(event)s are not published yet.") % {"event": event.name}
        )
    rounds = rounds_of(event)
    weighted = is_weighted(event) and sum(r.has_appearances for r in rounds) > 1
    final = weighted and request.GET.get("round") == "final"
    round_ = None if final else chosen_round(request, rounds) or current_round(event, rounds)
    table_html, has_generated, rule_text = ranking(request, event, round_)
    response = render(
        request,
        "review/results.html",
        {
            "event": event,
            "table_html": table_html,
            "has_generated_scores": has_generated,
            "rule_text": rule_text,
            "rounds": rounds if len(rounds) > 1 else [],
            "round": round_,
            "weighted": weighted,
            "organiser": organiser,
            "can_run": can(request.user, event.pk, Can.RUN),
        },
    )
    return private(response) if organiser and not event.is_published else response


SORT = re.compile(r"-?[a-z0-9_]{1,30}")


def ranking_query(request) -> QueryDict:
    """The only query parameters that shape the ranking: one sort key, one page number.

    Everything else (``per_page``, a second ``sort``, ``sort=a,b``…) is dropped before the table
    sees the request, so the cached HTML depends on exactly what its key names."""
    sort = request.GET.get("sort", "")
    page = request.GET.get("page", "1")
    query = QueryDict(mutable=True)
    if SORT.fullmatch(sort):
        query["sort"] = sort
    if number_param(page, limit=10**6) > 1:
        query["page"] = str(number_param(page))
    return query


def ranking_table(event, round_):
    """The table of one round (flat or tree), or of the weighted final (``round_`` None), with
    whether its scores are generated and its rule in words."""
    if round_ is None:
        results = final_results(event)
        words = _("Final score = Σ round weight × round score, rounded half up once")
        return final_table(results), results.has_generated_scores, words
    results = round_results(event, round_)
    words = scheme_in_words(results.shape, results.places, event.rounding)
    return round_table(results), results.has_generated_scores, words


def ranking(request, event, round_) -> tuple[str, bool, str]:
    """The ranking table, computed once per event version, sort order and page for everyone
    who reloads it (the shared cache; any change to the event invalidates it)."""
    query = ranking_query(request)
    clean = copy.copy(request)
    clean.GET = query

    def compute():
        table, has_generated, words = ranking_table(event, round_)
        RequestConfig(clean, paginate={"per_page": RANKING_PER_PAGE}).configure(table)
        html = render_to_string("review/_ranking_table.html", {"table": table}, clean)
        return str(html), has_generated, words

    part = round_.pk if round_ is not None else "final"
    name = f"ranking:{get_language()}:{part}:{query.urlencode()}"
    html, has_generated, rule_text = cached(event.pk, name, compute, 3600)
    return mark_safe(html), has_generated, rule_text  # html: rendered by our own template


@event_view(Can.VIEW)
def export_xlsx(request, event):
    response = HttpResponse(event_workbook(event), content_type=XLSX)
    filename = f"results-{event.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
