"""Helpers that make fans act, through the real recording service."""

from takeaction.actions.services import action_record
from takeaction.supporters.models import Supporter


def fan_acts(campaign, acts, *, src: str = "", referrer: Supporter | None = None) -> Supporter:
    """Create a supporter and record each act for them, as the views would."""
    supporter = Supporter.objects.create()
    for act in acts:
        action_record(
            campaign=campaign,
            public_id=str(supporter.public_id),
            act=act,
            source_code=src,
            referrer_code=referrer.referral_code if referrer else "",
        )
    return supporter
