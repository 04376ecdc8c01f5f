"""Turn the domain events of core/events.py into queued webhook deliveries.

They arrive after the sender's transaction committed, still inside the request
that caused them (a fan's action POST, an API call): so nothing here waits on a
network, and an error is logged rather than turning a recorded action into a 500.
"""

import logging

from django.dispatch import receiver

from takeaction.core.events import action_recorded, campaign_published, person_saved
from takeaction.webhooks.emitting import event_emit
from takeaction.webhooks.models import EventType
from takeaction.webhooks.payloads import action_data, campaign_data, person_data

logger = logging.getLogger(__name__)


def _emit(*, organization_id: int, event_type: str, build_data) -> None:
    try:
        event_emit(organization_id=organization_id, event_type=event_type, build_data=build_data)
    except Exception:
        logger.exception(
            "Could not queue %s webhooks for organization %s", event_type, organization_id
        )


@receiver(action_recorded)
def _action_recorded(sender, event, **kwargs):
    _emit(
        organization_id=event.campaign.organization_id,
        event_type=EventType.ACTION_RECORDED,
        build_data=lambda: action_data(event),
    )


@receiver(person_saved)
def _person_saved(sender, person, created, **kwargs):
    _emit(
        organization_id=person.organization_id,
        event_type=EventType.PERSON_CREATED if created else EventType.PERSON_UPDATED,
        build_data=lambda: person_data(person),
    )


@receiver(campaign_published)
def _campaign_published(sender, campaign, **kwargs):
    _emit(
        organization_id=campaign.organization_id,
        event_type=EventType.CAMPAIGN_PUBLISHED,
        build_data=lambda: campaign_data(campaign),
    )
