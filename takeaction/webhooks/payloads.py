"""The ``data`` of each event type: small, flat, and stable for receivers.

Built by hand rather than serialised from models, so adding a column never leaks
it to every receiver, and every id is a string (a receiver's schema stays the same
if an integer id becomes a UUID later).
"""

import datetime
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from takeaction.actions.models import CLICKS


def iso_utc(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def action_data(event) -> dict:
    """An ActionEvent (actions/models.py); its campaign is already loaded by the caller."""
    return {
        "id": str(getattr(event, "public_id", None) or event.pk),
        "campaign": event.campaign.slug,
        "verb": event.verb,
        "outcome": event.outcome,
        "target": event.target,
        "state": event.state,
        "district": event.district,
        "source_code": event.source_code,
        # What the act proves (docs/counting.md): a click is never added to the actions.
        "kind": "click" if event.verb in CLICKS else "self_reported",
        "counted": event.counts,
        "created_at": iso_utc(event.created_at),
    }


def person_data(person) -> dict:
    """A supporters.Person, as the organization's own tools know them."""
    return {
        "id": str(person.public_id),
        "email": person.email,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "postal_code": person.postal_code,
        "email_status": person.email_status,
        "created_at": iso_utc(person.created_at),
        "modified_at": iso_utc(person.modified_at),
    }


def campaign_data(campaign) -> dict:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "url": settings.SITE_URL + campaign.get_absolute_url(),
        # Campaigns keep no separate publish date: publishing saves the row, so its
        # updated_at is the moment it went live.
        "published_at": iso_utc(campaign.updated_at),
    }


def envelope(
    *, delivery_id, event_type: str, created: datetime.datetime, organization: str, data: dict
) -> str:
    """The exact body sent (and signed): compact JSON of the event and its data."""
    body = {
        "id": str(delivery_id),
        "type": event_type,
        "created": iso_utc(created),
        "organization": organization,
        "data": data,
    }
    return json.dumps(body, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False)
