"""A database that refuses writes (disk full, read-only, gone) answers 503 with a page that says
nothing was saved, instead of a bare 500: every change is one transaction, so a refused one
leaves nothing half-written."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

#: SQLSTATE classes of a refusal rather than a bug: 25006 read-only transaction, 53 insufficient
#: resources (disk full, out of memory), 57 operator intervention (shutting down), 08 connection.
REFUSAL_STATES = ("25006", "53", "57", "08")


def database_refused(exc: BaseException) -> bool:
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    state = getattr(exc.__cause__, "sqlstate", None) or ""
    return isinstance(exc, DatabaseError) and state.startswith(REFUSAL_STATES)


class DatabaseRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_refused(exception):
            return None
        log.error("database refused %s %s", request.method, request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = "30"
        return response
