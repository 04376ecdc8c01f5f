"""What every OSDI resource shares: auth, errors, links, dates, filters, pages and JSON bodies."""

import json
import math
import re
import uuid
from datetime import UTC

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from takeaction.api.keys import BadInput, RateLimited, api_key_authenticate

PER_PAGE_MAX = 25
# Stable UUIDs for things that have no UUID column (campaigns, forms, lists, acts).
NAMESPACE = uuid.UUID("6f1b4a5e-2d1c-4c55-9a0b-7a3e1d2c4b10")
CONTENT_TYPE = "application/hal+json"
_MODIFIED = re.compile(r"^\s*modified_date\s+(gt|lt)\s+'([^']{1,40})'\s*$")
_EMAIL = re.compile(r"^\s*email_address\s+eq\s+'([^']{1,254})'\s*$")
FILTER_HELP = "Use filter=modified_date gt 'YYYY-MM-DD' (or lt)."


class BadRequest(Exception):
    """Input the client must fix; the message says how."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def derived_uuid(kind: str, *parts) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join([kind, *map(str, parts)]))


def identifiers(key) -> list[str]:
    """Name a record both ``takeaction:<uuid>`` and ``action_network:<uuid>``.

    Action Network's clients, Parsons among them, read a record's id only from its
    ``action_network:`` identifier (Parsons' ``upsert_person`` logs an error and its
    ``add_tag`` fails without one). Both carry the same UUID, the one in the record's URLs.
    """
    return [f"takeaction:{key}", f"action_network:{key}"]


def iso(value) -> str:
    return timezone.localtime(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(f"osdi:{name}", kwargs=kwargs)


def link(name: str, **kwargs) -> dict:
    return {"href": url(name, **kwargs)}


def answer(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=CONTENT_TYPE)


def error(status: int, message: str) -> JsonResponse:
    return answer({"osdi:error": {"response_code": status, "error_description": message}}, status)


def endpoint(*methods: str):
    """Make a view an OSDI endpoint: token auth, per-key rate limit, allowed methods, OSDI errors.

    The key check and rate limit are v1's too (``takeaction.api.keys``); only the
    error bodies differ. The key, not a cookie, authenticates, so CSRF protection does
    not apply.
    Views may raise ``BadRequest``; it becomes an OSDI error body.
    """
    allowed = {"GET", "HEAD", *methods}

    def decorate(view):
        def wrapper(request, *args, **kwargs):
            try:
                api_key = api_key_authenticate(request, request.headers.get("OSDI-API-Token"))
            except BadInput as bad:
                return error(400, str(bad))
            except RateLimited:
                return error(429, "Too many requests for this key. Wait a minute.")
            if api_key is None:
                return error(401, "Send a valid OSDI-API-Token header.")
            if request.method not in allowed:
                response = error(405, f"Use {', '.join(sorted(allowed))} here.")
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                return view(request, *args, **kwargs)
            except BadRequest as problem:
                return error(problem.status, str(problem))

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return csrf_exempt(wrapper)

    return decorate


def json_body(request) -> dict:
    """The request's JSON object, or ``BadRequest`` saying what is wrong with it."""
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BadRequest("The request body is too large.", status=413) from None
    try:
        data = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("Send a JSON object in the request body.") from None
    except RecursionError:
        raise BadRequest("The JSON body is nested too deeply.") from None
    if b"\\u0000" in raw or b"\x00" in raw:
        # Databases refuse NUL in text: say so instead of failing on the write.
        raise BadRequest("The JSON body holds a NUL character (\\u0000); remove it.")
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object in the request body.")
    return data


def _moment(text: str):
    """The moment ``text`` names, or None when it names none (a 30 February, year 10000)."""
    try:
        moment = parse_datetime(text)
        if moment is None and parse_date(text) is not None:
            moment = parse_datetime(text + "T00:00:00Z")
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, UTC)
        if moment is not None:
            moment.astimezone(UTC)  # an offset that pushes it past year 9999 overflows here
    except (ValueError, OverflowError):
        return None
    return moment


def modified_filter(request, queryset, field: str):
    """Apply ``filter=modified_date gt|lt '…'``; raise ``BadRequest`` if unreadable."""
    raw = request.GET.get("filter")
    if not raw:
        return queryset
    match = _MODIFIED.match(raw)
    moment = _moment(match.group(2)) if match else None
    if moment is None:
        raise BadRequest(FILTER_HELP)
    return queryset.filter(**{f"{field}__{match.group(1)}": moment})


def email_filter(request) -> str | None:
    """The address of ``filter=email_address eq '…'``, or None when the filter is another kind."""
    match = _EMAIL.match(request.GET.get("filter") or "")
    return match.group(1).strip().lower() if match else None


def page(request, queryset, collection: str, link_name: str, serialize, **link_kwargs):
    """One HAL page of ``queryset`` or a list; ``serialize`` may take a whole page (``.many``)."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
        per_page = min(PER_PAGE_MAX, max(1, int(request.GET.get("per_page", PER_PAGE_MAX))))
    except (ValueError, OverflowError):
        raise BadRequest("page and per_page must be whole numbers.") from None
    total = len(queryset) if isinstance(queryset, list) else queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    # Past the last page is an empty page, without asking the database for a huge offset.
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page]) if number <= total_pages else []
    base = url(link_name, **link_kwargs)
    links = {"self": {"href": f"{base}?page={number}&per_page={per_page}"}}
    if number < total_pages:
        links["next"] = {"href": f"{base}?page={number + 1}&per_page={per_page}"}
    if number > 1:
        links["previous"] = {"href": f"{base}?page={number - 1}&per_page={per_page}"}
    many = getattr(serialize, "many", None)
    items = many(rows) if many else [serialize(row) for row in rows]
    return answer(
        {
            "total_pages": total_pages,
            "per_page": per_page,
            "page": number,
            "total_records": total,
            "_links": links,
            "_embedded": {collection: items},
        }
    )
