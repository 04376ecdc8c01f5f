"""Anonymous supporters and how they reached a campaign.

No account, no name, no address: a supporter is a random id in a signed cookie,
a referral code to share, and, per campaign, the post (source) and the friend
(referrer chain) that brought them. Any personal details added later live here
too, so export and erasure have one home.
"""

import secrets
import uuid

from django.db import models

REFERRAL_CODE_LENGTH = 8


def new_referral_code() -> str:
    # 8 characters of base64url: 48 bits, unguessable enough for a share link.
    return secrets.token_urlsafe(6)


class Supporter(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral_code = models.CharField(max_length=16, unique=True, default=new_referral_code)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"supporter {self.referral_code}"


class Attribution(models.Model):
    """First touch for one supporter on one campaign: the source post and the referral chain."""

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="attributions")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="attributions"
    )
    source_code = models.CharField(max_length=40, blank=True)
    referrer = models.ForeignKey(
        Supporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    referrer_code = models.CharField(max_length=16, blank=True)
    # Referral codes from the chain's first fan down to the direct referrer, as
    # "/code1/code2/", so a fan's whole downstream is one indexed LIKE away.
    referral_chain = models.CharField(max_length=400, blank=True)
    referral_depth = models.PositiveSmallIntegerField(default=0)
    # The source code of the chain's first fan, so a post is credited with the
    # actions of everyone its fans brought, however deep.
    chain_source = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["supporter", "campaign"], name="one_attribution")
        ]

    def __str__(self) -> str:
        return f"{self.supporter} on {self.campaign_id}"
