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
    # When the fold added this act to the rollups (``rollups.py``); empty until then. A
    # per-row mark, not an id watermark: ids are taken at INSERT but commit in any order,
    # so a watermark could pass an act still being written and never count it.
    folded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActionEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["supporter", "campaign", "verb", "created_at"]),
            models.Index(fields=["campaign", "source_code"]),
            # A campaign's acts in time order: an export of a date range reads only that
            # range, already sorted (actions/exports.py).
            models.Index(fields=["campaign", "created_at", "id"], name="event_campaign_time"),
            # The acts still to fold, and the oldest of them (how fresh the rollups are):
            # a partial index, so it holds only the few rows not folded yet.
            models.Index(
                fields=["campaign", "created_at"],
                condition=models.Q(folded_at__isnull=True),
                name="event_unfolded",
            ),
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


class TallyDay(models.Model):
    """Stored acts of one campaign and local day, by verb, kind and state (``rollups.py``).

    ``kind`` is "counted", "skipped" (a skipped call) or the flag of an act left out;
    ``state`` is kept only for counted calls, letters and conversations (the map).
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="tally_days"
    )
    day = models.DateField()
    verb = models.CharField(max_length=10)
    kind = models.CharField(max_length=10)
    state = models.CharField(max_length=2, blank=True)
    acts = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "day", "verb", "kind", "state"], name="tally_day_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.verb}/{self.kind} {self.state}: {self.acts}"


class SourceHour(models.Model):
    """Counted acts of one campaign and hour, by first touch (``rollups.py``).

    ``actions`` are calls, letters and conversations, ``clicks`` share screens and
    donation links; ``new_fans`` the fans whose first counted call, letter or
    conversation is in this bucket, ``three_plus`` those whose third kind of act is.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="source_hours"
    )
    day = models.DateField()  # the local day of the acts (an hour can span two in some zones)
    hour = models.DateTimeField()
    source_code = models.CharField(max_length=40, blank=True)
    chain_source = models.CharField(max_length=40, blank=True)
    referral_depth = models.PositiveSmallIntegerField(default=0)
    actions = models.BigIntegerField(default=0)
    clicks = models.BigIntegerField(default=0)
    new_fans = models.BigIntegerField(default=0)
    three_plus = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "day", "hour", "source_code", "chain_source", "referral_depth"],
                name="source_hour_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.source_code or '-'}: {self.actions}"


class FanFold(models.Model):
    """What the fold knows of one supporter on one campaign: the kinds of act counted so far,
    and the ``SourceHour`` bucket credited with them becoming a fan (and doing three kinds),
    so an erasure can take exactly that back."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="fan_folds"
    )
    # PROTECT: a supporter leaves only through ``campaign_acts_erase``, which takes their
    # credits back first; a cascade would leave the rollups counting a fan who is gone.
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.PROTECT, related_name="fan_folds"
    )
    verbs = models.PositiveSmallIntegerField(default=0)  # a bit per verb (rollups.VERB_BITS)
    fan_day = models.DateField(null=True)
    fan_hour = models.DateTimeField(null=True)
    three_day = models.DateField(null=True)
    three_hour = models.DateTimeField(null=True)
    source_code = models.CharField(max_length=40, blank=True)
    chain_source = models.CharField(max_length=40, blank=True)
    referral_depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "supporter"], name="fan_fold_key")
        ]

    def __str__(self) -> str:
        return f"supporter {self.supporter_id} on {self.campaign_id}: verbs {self.verbs:05b}"


class FanDay(models.Model):
    """The kinds of act one supporter did on one campaign and local day, under one first-touch
    source (``rollups.py``): the distinct-fan figures of a date range count these rows, a
    few per fan, instead of the range's acts."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="fan_days"
    )
    day = models.DateField()
    supporter = models.ForeignKey(
        "supporters.Supporter", on_delete=models.PROTECT, related_name="fan_days"
    )
    source_code = models.CharField(max_length=40, blank=True)
    verbs = models.PositiveSmallIntegerField(default=0)  # a bit per verb (folding.VERB_BITS)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "day", "supporter", "source_code"], name="fan_day_key"
            )
        ]

    def __str__(self) -> str:
        return f"supporter {self.supporter_id} on {self.campaign_id}, {self.day}: {self.verbs:05b}"
