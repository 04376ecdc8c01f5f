"""An OSDI / Action Network v2 compatible API, read side: advocacy campaigns and outreaches.

Shapes follow Action Network's documentation: HAL ``_links`` and ``_embedded``
collections named ``osdi:…``, ``identifiers`` as ``takeaction:<uuid>``, dates in
ISO 8601 UTC, and pages with ``page``, ``per_page`` (at most 25), ``total_pages``
and ``total_records``. Authentication is the ``OSDI-API-Token`` header with an
organization's API key; each key sees its own organization only. See docs/api.md
for what is supported and what is not yet.
"""

import math
import re
import uuid
from datetime import UTC

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_safe

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.models import Campaign
from takeaction.core.ratelimit import rate_limited
from takeaction.officials.snapshot import current_snapshot
from takeaction.organizers.api_keys import api_key_check

PER_PAGE_MAX = 25
NAMESPACE = uuid.UUID("6f1b4a5e-2d1c-4c55-9a0b-7a3e1d2c4b10")
_FILTER = re.compile(r"^\s*modified_date\s+(gt|lt)\s+'([^']{1,40})'\s*$")
CONTENT_TYPE = "application/hal+json"


def campaign_uuid(campaign: Campaign) -> uuid.UUID:
    """A stable UUID for a campaign, derived from its primary key."""
    return uuid.uuid5(NAMESPACE, f"campaign:{campaign.pk}")


def _iso(value) -> str:
    return timezone.localtime(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(f"osdi:{name}", kwargs=kwargs)


def _answer(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=CONTENT_TYPE)


def _error(status: int, message: str) -> JsonResponse:
    return _answer({"osdi:error": {"response_code": status, "error_description": message}}, status)


def _authenticated(view):
    def wrapper(request, *args, **kwargs):
        api_key = api_key_check(request.headers.get("OSDI-API-Token"))
        if api_key is None:
            return _error(401, "Send a valid OSDI-API-Token header.")
        if rate_limited("api", api_key.prefix, limit=settings.API_RATE_LIMIT_PER_MINUTE):
            return _error(429, "Too many requests for this key. Wait a minute.")
        request.api_key = api_key
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(wrapper)


def _modified_filter(request, queryset, field: str):
    """Apply ``filter=modified_date gt|lt 'YYYY-MM-DD[THH:MM:SSZ]'``; None if unreadable."""
    raw = request.GET.get("filter")
    if not raw:
        return queryset
    match = _FILTER.match(raw)
    if not match:
        return None
    operator, text = match.groups()
    moment = parse_datetime(text)
    if moment is None and parse_date(text) is not None:
        moment = parse_datetime(text + "T00:00:00Z")
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return queryset.filter(**{f"{field}__{operator}": moment})


def _page(request, queryset, collection: str, link_name: str, serialize, **link_kwargs):
    try:
        page = max(1, int(request.GET.get("page", 1)))
        per_page = min(PER_PAGE_MAX, max(1, int(request.GET.get("per_page", PER_PAGE_MAX))))
    except ValueError:
        return _error(400, "page and per_page must be whole numbers.")
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    rows = queryset[(page - 1) * per_page : page * per_page]
    base = _url(link_name, **link_kwargs)
    links = {"self": {"href": f"{base}?page={page}&per_page={per_page}"}}
    if page < total_pages:
        links["next"] = {"href": f"{base}?page={page + 1}&per_page={per_page}"}
    if page > 1:
        links["previous"] = {"href": f"{base}?page={page - 1}&per_page={per_page}"}
    return _answer(
        {
            "total_pages": total_pages,
            "per_page": per_page,
            "page": page,
            "total_records": total,
            "_links": links,
            "_embedded": {collection: [serialize(row) for row in rows]},
        }
    )


def _campaign_dict(campaign: Campaign) -> dict:
    key = campaign_uuid(campaign)
    return {
        "identifiers": [f"takeaction:{key}"],
        "origin_system": "TakeAction",
        "created_date": _iso(campaign.created_at),
        "modified_date": _iso(campaign.updated_at),
        "title": campaign.title,
        "description": campaign.issue_summary,
        "browser_url": settings.SITE_URL + campaign.get_absolute_url(),
        "status": campaign.status,
        "targets": [],
        "total_outreaches": None,
        "_links": {
            "self": {"href": _url("advocacy-campaign", key=key)},
            "osdi:outreaches": {"href": _url("outreaches", key=key)},
        },
    }


def _campaigns(request):
    return Campaign.objects.filter(organization=request.api_key.organization).order_by("id")


def _find(request, key: str) -> Campaign | None:
    return next((c for c in _campaigns(request) if str(campaign_uuid(c)) == key), None)


@_authenticated
def entry_point(request):
    """The API entry point: where each collection lives."""
    return _answer(
        {
            "motd": f"{settings.SITE_NAME} OSDI API (read: advocacy campaigns, outreaches)",
            "vendor_name": "TakeAction",
            "product_name": "TakeAction",
            "osdi_version": "1.0",
            "_links": {
                "self": {"href": _url("entry-point")},
                "osdi:advocacy_campaigns": {"href": _url("advocacy-campaigns")},
            },
        }
    )


@_authenticated
def advocacy_campaigns(request):
    campaigns = _modified_filter(request, _campaigns(request), "updated_at")
    if campaigns is None:
        return _error(400, "Use filter=modified_date gt 'YYYY-MM-DD' (or lt).")
    return _page(
        request, campaigns, "osdi:advocacy_campaigns", "advocacy-campaigns", _campaign_dict
    )


@_authenticated
def advocacy_campaign(request, key: str):
    campaign = _find(request, key)
    if campaign is None:
        return _error(404, "No such advocacy campaign.")
    return _answer(_campaign_dict(campaign))


def _target(target: str) -> list[dict]:
    official = current_snapshot().officials.get(target)
    if official is None:
        return []
    given, _, family = official.name.rpartition(" ")
    return [
        {
            "title": official.title,
            "given_name": given,
            "family_name": family,
            "ocdid": official.division_ocd_id,
        }
    ]


@_authenticated
def outreaches(request, key: str):
    """Calls and letters of one campaign, each with its target."""
    campaign = _find(request, key)
    if campaign is None:
        return _error(404, "No such advocacy campaign.")
    events = ActionEvent.objects.counted().filter(campaign=campaign, verb__in=["call", "write"])
    events = _modified_filter(request, events.order_by("id"), "created_at")
    if events is None:
        return _error(400, "Use filter=modified_date gt 'YYYY-MM-DD' (or lt).")
    campaign_href = _url("advocacy-campaign", key=campaign_uuid(campaign))

    def serialize(event: ActionEvent) -> dict:
        return {
            "identifiers": [f"takeaction:{uuid.uuid5(NAMESPACE, f'action:{event.pk}')}"],
            "created_date": _iso(event.created_at),
            "modified_date": _iso(event.created_at),
            "type": "phone" if event.verb == "call" else "email",
            "subject": campaign.letter_subject if event.verb == "write" else "",
            "targets": _target(event.target),
            "takeaction:outcome": event.outcome,
            "takeaction:source_code": event.source_code,
            "_links": {"osdi:advocacy_campaign": {"href": campaign_href}},
        }

    return _page(
        request, events, "osdi:outreaches", "outreaches", serialize, key=campaign_uuid(campaign)
    )
