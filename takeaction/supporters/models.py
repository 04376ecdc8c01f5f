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

    @property
    def worth_storing(self) -> bool:
        """An empty first touch (no source, no referrer) is not stored: no row reads the same."""
        return bool(self.source_code or self.referrer_id)


class Person(models.Model):
    """Someone who gave one organization their contact details (an OSDI person).

    Fans act anonymously; a person exists only once they opt in ("keep me
    posted") or an organizer's tools add them through the API. People belong to
    one organization, are matched on their e-mail address within it, and are
    never shared with another.
    """

    class EmailStatus(models.TextChoices):
        SUBSCRIBED = "subscribed"
        UNSUBSCRIBED = "unsubscribed"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="people"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(max_length=254)  # stored lower-cased
    email_status = models.CharField(
        max_length=16, choices=EmailStatus.choices, default=EmailStatus.SUBSCRIBED
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=12, blank=True)
    locality = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=50, blank=True)
    country = models.CharField(max_length=2, blank=True, default="US")
    custom_fields = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "email"], name="one_person_per_email")
        ]
        indexes = [models.Index(fields=["organization", "modified_at", "id"])]

    def __str__(self) -> str:
        return self.email


class Tag(models.Model):
    """An organization's label for people (OSDI tag)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="tags"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="one_tag_name")
        ]

    def __str__(self) -> str:
        return self.name


class Tagging(models.Model):
    """One tag on one person (OSDI tagging)."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="taggings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="taggings")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "person"], name="one_tagging")]

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.person_id}"


class Signup(models.Model):
    """A person's opt-in on one campaign: that campaign's list, and its sign-up form's submissions.

    ``supporter`` is the browser they signed up from, which links their
    anonymous acts on the campaign to them.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="signups")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="signups"
    )
    supporter = models.ForeignKey(
        Supporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="signups"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "campaign"], name="one_signup_per_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.campaign_id}"
