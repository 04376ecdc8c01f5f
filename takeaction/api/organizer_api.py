"""``/api/v1/campaigns…``: an organization's campaigns, sources, actions and stats.

Every list answers one envelope: ``{"items": [...], "next_cursor": ..., "limit": n}``.
Pass ``cursor`` back to get the next page; it is opaque, and stable while rows
are added (items are ordered by id).
"""

import base64
import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from takeaction.actions.models import ActionEvent
from takeaction.actions.reports import campaign_dashboard
from takeaction.api.auth import AUTH
from takeaction.api.schemas import ErrorOut, error
from takeaction.campaigns.models import Campaign

router = Router(tags=["campaigns"], auth=AUTH)
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut}
MAX_LIMIT = 500


class CampaignOut(Schema):
    slug: str
    title: str
    status: str
    language: str
    # The languages fans may read it in: its own first, then its translations' (one count).
    languages: list[str]
    goal: int
    speaker_name: str
    url: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class CampaignPage(Schema):
    items: list[CampaignOut]
    next_cursor: str | None
    limit: int


class SourceOut(Schema):
    code: str
    name: str
    platform: str
    handle: str
    short_link: str
    created_at: datetime.datetime


class SourcePage(Schema):
    items: list[SourceOut]
    next_cursor: str | None
    limit: int


class ActionOut(Schema):
    id: int
    created_at: datetime.datetime
    verb: str
    outcome: str
    target: str
    source_code: str
    referrer_code: str
    referral_depth: int
    state: str
    district: int | None


class ActionPage(Schema):
    items: list[ActionOut]
    next_cursor: str | None
    limit: int


class PageQuery(Schema):
    cursor: str | None = Field(None, description="From the previous page's next_cursor.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)


class ActionQuery(PageQuery):
    verb: str | None = None
    source: str | None = Field(None, description="A source code, or '' for direct.")
    since: datetime.date | None = None
    until: datetime.date | None = None


class CountOut(Schema):
    key: str
    count: int


class SourceStatOut(Schema):
    code: str
    name: str
    visits: int
    fans: int
    actions: int
    clicks: int
    referred_actions: int


class StatsOut(Schema):
    total: int = Field(description="Actions: calls logged, letters sent, conversations.")
    goal: int
    fans: int = Field(description="Distinct fans with a counted call, letter or conversation.")
    clicks: int = Field(description="Share screens opened and donation links followed.")
    optins: int
    figures: list[CountOut] = Field(
        description="Every labelled number, named as in docs/counting.md and the summary CSV."
    )
    per_verb: list[CountOut]
    per_state: list[CountOut]
    per_day: list[CountOut]
    per_source: list[SourceStatOut]
    as_of: datetime.datetime | None = Field(
        description=(
            "Empty when every stored act is in the figures; otherwise when the oldest act "
            "still being counted was stored (docs/counting.md, freshness)."
        )
    )


def _encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def _decode(cursor: str | None) -> int | None:
    """The id a cursor points after; raise ValueError when it was not made by us."""
    if not cursor:
        return None
    text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    if not text.startswith("id:"):
        raise ValueError(cursor)
    return int(text[3:])


def _page(queryset, query: PageQuery, serialize):
    try:
        after = _decode(query.cursor)
    except (ValueError, UnicodeDecodeError):
        return error(400, "invalid_cursor", "That cursor did not come from this API.")
    if after is not None:
        queryset = queryset.filter(id__gt=after)
    rows = list(queryset.order_by("id")[: query.limit + 1])
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {
        "items": [serialize(row) for row in rows],
        "next_cursor": _encode(rows[-1].id) if more else None,
        "limit": query.limit,
    }


def _campaign(request, slug: str) -> Campaign | None:
    # Always within the key's organization: another team's campaign is a 404.
    return Campaign.objects.filter(organization=request.api_key.organization, slug=slug).first()


def _absolute(request, path: str) -> str:
    return settings.SITE_URL + path


@router.get("/campaigns", response={200: CampaignPage, **ERRORS}, summary="List campaigns")
def list_campaigns(request: HttpRequest, query: Query[PageQuery]):
    campaigns = Campaign.objects.filter(organization=request.api_key.organization)
    campaigns = campaigns.prefetch_related("translations")
    return _page(campaigns, query, lambda c: _campaign_dict(request, c))


def _campaign_dict(request, campaign: Campaign) -> dict:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "status": campaign.status,
        "language": campaign.language,
        "languages": campaign.version_languages(),
        "goal": campaign.goal,
        "speaker_name": campaign.speaker_name,
        "url": _absolute(request, campaign.get_absolute_url()),
        "created_at": campaign.created_at,
        "updated_at": campaign.updated_at,
    }


@router.get("/campaigns/{slug}", response={200: CampaignOut, **ERRORS}, summary="One campaign")
def get_campaign(request: HttpRequest, slug: str):
    campaign = _campaign(request, slug)
    if campaign is None:
        return error(404, "not_found", "No such campaign in your organization.")
    return _campaign_dict(request, campaign)


@router.get(
    "/campaigns/{slug}/sources",
    response={200: SourcePage, **ERRORS},
    summary="A campaign's sources",
)
def list_sources(request: HttpRequest, slug: str, query: Query[PageQuery]):
    campaign = _campaign(request, slug)
    if campaign is None:
        return error(404, "not_found", "No such campaign in your organization.")
    return _page(
        campaign.sources.all(),
        query,
        lambda s: {
            "code": s.code,
            "name": s.name,
            "platform": s.platform,
            "handle": s.handle,
            "short_link": _absolute(request, s.get_absolute_url()),
            "created_at": s.created_at,
        },
    )


@router.get(
    "/campaigns/{slug}/actions",
    response={200: ActionPage, **ERRORS},
    summary="A campaign's action events",
    description="Every recorded act, oldest first; filter by verb, source code and days.",
)
def list_actions(request: HttpRequest, slug: str, query: Query[ActionQuery]):
    campaign = _campaign(request, slug)
    if campaign is None:
        return error(404, "not_found", "No such campaign in your organization.")
    events = ActionEvent.objects.filter(campaign=campaign)
    if query.verb:
        events = events.filter(verb=query.verb)
    if query.source is not None:
        events = events.filter(source_code=query.source)
    if query.since:
        events = events.filter(created_at__date__gte=query.since)
    if query.until:
        events = events.filter(created_at__date__lte=query.until)
    fields = [name for name in ActionOut.model_fields]
    return _page(events.only(*fields), query, lambda e: {f: getattr(e, f) for f in fields})


@router.get(
    "/campaigns/{slug}/stats", response={200: StatsOut, **ERRORS}, summary="A campaign's figures"
)
def campaign_stats(request: HttpRequest, slug: str):
    campaign = _campaign(request, slug)
    if campaign is None:
        return error(404, "not_found", "No such campaign in your organization.")
    data = campaign_dashboard(campaign)
    tally = data["tally"]
    return {
        "total": tally.actions,
        "goal": campaign.goal,
        "fans": tally.fans,
        "clicks": tally.clicks,
        "optins": tally.optins,
        "figures": [{"key": name, "count": n} for name, n in tally.summary()],
        "per_verb": [{"key": key, "count": n} for key, _label, n in data["acts"] + data["clicks"]],
        "per_state": [{"key": t.state, "count": t.count} for t in data["tiles"] if t.count],
        "per_day": [{"key": label, "count": count} for label, count in data["series"]],
        "per_source": [
            {
                "code": row.code,
                "name": row.name,
                "visits": row.visits,
                "fans": row.fans,
                "actions": row.actions,
                "clicks": row.clicks,
                "referred_actions": row.referred_actions,
            }
            for row in data["sources"]
        ],
        "as_of": data["as_of"],
    }
