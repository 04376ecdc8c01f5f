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
    SHARE_STARTED = "share_started", _("Share screen opened")
    TALKED_TO_SOMEONE = "talked_to_someone", _("Talked to someone")
    DONATION_LINK_OPENED = "donation_link_opened", _("Donation link followed")


class Flag(models.TextChoices):
    """Why a stored act is left out of every count (see docs/counting.md)."""

    HONEYPOT = "honeypot", _("Filled in the field only bots see")
    TOO_FAST = "too_fast", _("Sent sooner after the page loaded than a person could")
    UNTIMED = "untimed", _("Sent without the page's timing (not from the page)")
    BOT = "bot", _("Sent by a browser that says it is a bot")


# What a count can prove: the fan said they did it (a call, a letter, a conversation), or
# the fan followed a link we cannot see past (a share screen, a donation page).
SELF_REPORTED = (Verb.CALL, Verb.WRITE, Verb.TALK)
CLICKS = (Verb.SHARE, Verb.DONATE)


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
        """Acts that count: not a skipped call, and not flagged as suspicious."""
        return self.exclude(outcome=Outcome.SKIPPED).filter(flag="")

    def fan_acts(self):
        """Counted calls, letters and conversations: the acts that make a "fan who acted"."""
        return self.counted().filter(verb__in=SELF_REPORTED)

    def flagged(self):
        """Stored acts left out of the counts for a reason (``Flag``)."""
        return self.exclude(flag="")


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
    # Empty for a counted act; otherwise why it is stored but never counted.
    flag = models.CharField(max_length=10, choices=Flag.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ActionEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["supporter", "campaign", "verb", "created_at"]),
            models.Index(fields=["campaign", "source_code"]),
            # A campaign's acts in time order: an export of a date range reads only that
            # range, already sorted (actions/exports.py).
            models.Index(fields=["campaign", "created_at", "id"], name="event_campaign_time"),
        ]

    def __str__(self) -> str:
        return f"{self.verb}/{self.outcome} on {self.campaign_id}"

    @property
    def counts(self) -> bool:
        return self.outcome != Outcome.SKIPPED and not self.flag

    @property
    def fan_act(self) -> bool:
        """A counted act the fan says they did: it makes them a "fan who acted"."""
        return self.counts and self.verb in SELF_REPORTED
