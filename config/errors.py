"""The server's error answers: 503 with ``Retry-After`` when the database is down, and JSON
for JSON clients.

Django calls ``server_error`` (``handler500``) for any exception no view answered,
inside the ``except`` block, so the exception is at hand. A database that refused or
dropped the connection is an outage, not a bug: the client is told to come back
(``Retry-After``), in the shape it reads. Django closes the broken connection when
the request ends and opens a new one for the next, so recovery needs no restart.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

UNAVAILABLE = "The database is not answering just now. Try again in a few seconds."
FAILED = "Something went wrong on our side. Try again in a minute."


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def _json(request, status: int, code: str, message: str) -> JsonResponse:
    if request.path.startswith("/api/osdi/"):
        body = {"osdi:error": {"response_code": status, "error_description": message}}
    elif request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message}}
    else:  # the fan page's script reads {"ok": false, "error": ...}
        body = {"ok": False, "error": message}
    return JsonResponse(body, status=status)


def server_error(request):
    """Answer an unhandled exception: 503 for a database outage, 500 for anything else."""
    outage = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status, code, message = (503, "unavailable", UNAVAILABLE) if outage else (500, "error", FAILED)
    if _wants_json(request):
        response = _json(request, status, code, message)
    else:
        template = loader.get_template("503.html" if outage else "500.html")
        response = HttpResponse(template.render(), status=status)
    if outage:
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
