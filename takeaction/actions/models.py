"""One durable row per act: a call, a letter, a share, a talk, a donation click."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from takeaction.campaigns.verbs import Verb


class Outcome(models.TextChoices):
    # Calls
    TALKED = "talked", _("Talked to a person")
    VOICEMAIL = "voicemail", _("Left a voicemail")
    BUSY = "busy", _("Busy / no answer")
    SKIPPED = "skipped", _("Skipped")
    # Other verbs: what we can honestly know happened.
    SENT = "sent", _("Letter sent")
    SHARE_STARTED = "share_started", _("Share started")
    TALKED_TO_SOMEONE = "talked_to_someone", _("Talked to someone")
    DONATION_LINK_OPENED = "donation_link_opened", _("Donation link opened")


CALL_OUTCOMES = (Outcome.TALKED, Outcome.VOICEMAIL, Outcome.BUSY, Outcome.SKIPPED)
OUTCOMES_BY_VERB = {
    Verb.CALL: CALL_OUTCOMES,
    Verb.WRITE: (Outcome.SENT,),
    Verb.SHARE: (Outcome.SHARE_STARTED,),
    Verb.TALK: (Outcome.TALKED_TO_SOMEONE,),
    Verb.DONATE: (Outcome.DONATION_LINK_OPENED,),
}


class ActionEventQuerySet(models.QuerySet):
    def counted(self):
        """Acts that count toward the totals (a skipped call does not)."""
        return self.exclude(outcome=Outcome.SKIPPED)


class ActionEvent(models.Model):
    class Device(models.TextChoices):
        MOBILE = "mobile", _("Mobile")
        DESKTOP = "desktop", _("Desktop")
        BOT = "bot", _("Bot")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="action_events"
    )
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.SET_NULL, null=True, related_name="actions"
    )
    verb = models.CharField(max_length=10, choices=Verb.choices)
    outcome = models.CharField(max_length=24, choices=Outcome.choices)
    # What was acted on: an official's bioguide id, "custom:<id>", "donation:<id>",
    # "share:<network>"; empty for talk. Kept as text so a data sync never breaks it.
    target = models.CharField(max_length=40, blank=True)
    source_code = models.CharField(max_length=40, blank=True)
    referrer_code = models.CharField(max_length=16, blank=True)
    referral_chain = models.CharField(max_length=400, blank=True)
    referral_depth = models.PositiveSmallIntegerField(default=0)
    # The post that started the referral chain this act came down (see Attribution).
    chain_source = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=2, blank=True)
    district = models.PositiveSmallIntegerField(null=True, blank=True)
    device = models.CharField(max_length=10, choices=Device.choices, default=Device.OTHER)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ActionEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["supporter", "campaign", "verb", "created_at"]),
            models.Index(fields=["campaign", "source_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.verb}/{self.outcome} on {self.campaign_id}"

    @property
    def counts(self) -> bool:
        return self.outcome != Outcome.SKIPPED
