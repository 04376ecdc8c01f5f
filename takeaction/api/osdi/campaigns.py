"""OSDI entry point, advocacy campaigns (our campaigns) and their outreaches (calls and letters)."""

from django.conf import settings

from takeaction.actions.models import ActionEvent
from takeaction.api.osdi.hal import (
    BadRequest,
    answer,
    derived_uuid,
    endpoint,
    identifiers,
    iso,
    link,
    modified_filter,
    page,
)
from takeaction.campaigns.models import Campaign
from takeaction.officials.snapshot import current_snapshot


def campaign_uuid(campaign: Campaign):
    """A stable UUID for a campaign, derived from its primary key."""
    return derived_uuid("campaign", campaign.pk)


def organization_campaigns(request):
    return Campaign.objects.filter(organization=request.organization).order_by("id")


def campaign_by_key(request, key: str, kind: str = "campaign") -> Campaign:
    """The key's own campaign whose ``kind`` UUID is ``key``; else a 404 ``BadRequest``."""
    for campaign in organization_campaigns(request):
        if str(derived_uuid(kind, campaign.pk)) == key:
            return campaign
    raise BadRequest(f"No such {kind.replace('_', ' ')}.", status=404)


def action_uuid(event: ActionEvent):
    return derived_uuid("action", event.pk)


def _campaign_dict(campaign: Campaign) -> dict:
    key = campaign_uuid(campaign)
    return {
        "identifiers": identifiers(key),
        "origin_system": "TakeAction",
        "created_date": iso(campaign.created_at),
        "modified_date": iso(campaign.updated_at),
        "title": campaign.title,
        "description": campaign.issue_summary,
        "browser_url": settings.SITE_URL + campaign.get_absolute_url(),
        "status": campaign.status,
        "targets": [],
        "total_outreaches": None,
        "_links": {
            "self": link("advocacy-campaign", key=key),
            "osdi:outreaches": link("outreaches", key=key),
        },
    }


@endpoint()
def entry_point(request):
    """The API entry point: where each collection lives."""
    return answer(
        {
            "motd": f"{settings.SITE_NAME} OSDI API",
            "vendor_name": "TakeAction",
            "product_name": "TakeAction",
            "osdi_version": "1.0",
            "_links": {
                "self": link("entry-point"),
                "osdi:advocacy_campaigns": link("advocacy-campaigns"),
                "osdi:people": link("people"),
                "osdi:tags": link("tags"),
                "osdi:forms": link("forms"),
                "osdi:lists": link("lists"),
                "osdi:person_signup_helper": link("people"),
            },
        }
    )


@endpoint()
def advocacy_campaigns(request):
    campaigns = modified_filter(request, organization_campaigns(request), "updated_at")
    return page(request, campaigns, "osdi:advocacy_campaigns", "advocacy-campaigns", _campaign_dict)


@endpoint()
def advocacy_campaign(request, key: str):
    return answer(_campaign_dict(campaign_by_key(request, key)))


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


@endpoint()
def outreaches(request, key: str):
    """Calls and letters of one campaign, each with its target."""
    campaign = campaign_by_key(request, key)
    events = ActionEvent.objects.counted().filter(campaign=campaign, verb__in=["call", "write"])
    events = modified_filter(request, events.order_by("id"), "created_at")
    campaign_link = link("advocacy-campaign", key=campaign_uuid(campaign))

    def serialize(event: ActionEvent) -> dict:
        return {
            "identifiers": identifiers(action_uuid(event)),
            "created_date": iso(event.created_at),
            "modified_date": iso(event.created_at),
            "type": "phone" if event.verb == "call" else "email",
            "subject": campaign.letter_subject if event.verb == "write" else "",
            "targets": _target(event.target),
            "takeaction:outcome": event.outcome,
            "takeaction:source_code": event.source_code,
            "_links": {"osdi:advocacy_campaign": campaign_link},
        }

    return page(
        request, events, "osdi:outreaches", "outreaches", serialize, key=campaign_uuid(campaign)
    )
