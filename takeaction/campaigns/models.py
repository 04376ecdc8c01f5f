"""Campaigns: a public figure's statement turned into a page of actions."""

import copy
import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from takeaction.campaigns.verbs import Verb, verbs_in_ask_order
from takeaction.core.models import TimeStampedModel

# A web origin as browsers report it: http(s), a DNS name or IPv4 address, an optional port.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
EMBED_ORIGIN = re.compile(
    rf"https?://(?:{_LABEL}\.)*{_LABEL}(?::(?P<port>[0-9]{{1,5}}))?", re.IGNORECASE | re.ASCII
)


class Platform(models.TextChoices):
    INSTAGRAM_STORY = "instagram_story", _("Instagram story")
    INSTAGRAM_POST = "instagram_post", _("Instagram post")
    X = "x", _("X (Twitter)")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    THREADS = "threads", _("Threads")
    BLUESKY = "bluesky", _("Bluesky")
    FACEBOOK = "facebook", _("Facebook")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other")


class CampaignQuerySet(models.QuerySet):
    def live(self):
        """Campaigns the public may see."""
        return self.filter(status=Campaign.Status.LIVE)

    def for_page(self):
        """Load what the public page shows in four queries."""
        return self.select_related("organization").prefetch_related(
            "donation_recipients", "pushback_answers", "custom_targets", "translations"
        )


class Campaign(TimeStampedModel):
    """One statement and the actions it asks fans to take."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LIVE = "live", _("Live")
        CLOSED = "closed", _("Closed")

    class Targets(models.TextChoices):
        SENATE = "senate", _("Senators")
        HOUSE = "house", _("Representative")
        BOTH = "both", _("Senators and representative")
        CUSTOM = "custom", _("Custom targets only")

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="campaigns"
    )
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(max_length=8, choices=[("en", "English"), ("es", "Español")])
    issue_summary = models.TextField(
        help_text=_("Two or three sentences a fan can read in ten seconds.")
    )
    goal = models.PositiveIntegerField(default=1000, help_text=_("Number of actions to aim for."))

    # The statement that started it.
    quote = models.TextField(help_text=_("The statement, quoted word for word."))
    ask = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The statement's call to action, e.g. 'Please tweet, talk, call'."),
    )
    speaker_name = models.CharField(max_length=120)
    speaker_handle = models.CharField(max_length=80, blank=True)
    platform = models.CharField(max_length=20, choices=Platform.choices, default=Platform.OTHER)
    statement_url = models.URLField(max_length=500, blank=True)
    posted_on = models.DateField(null=True, blank=True)

    class Brand(models.TextChoices):
        # Each keeps white text on it and itself as text on the page readable (WCAG AA).
        RED = "red", _("Red")
        BLUE = "blue", _("Blue")
        GREEN = "green", _("Green")
        PURPLE = "purple", _("Purple")
        TEAL = "teal", _("Teal")
        RUST = "rust", _("Rust")
        INK = "ink", _("Black")

    # The colour of the page's buttons and rules, of its share images and story cards.
    brand = models.CharField(max_length=10, choices=Brand.choices, default=Brand.RED)
    # Bumped with each new image (CampaignImage); 0: none. The row itself stays small.
    image_version = models.PositiveIntegerField(default=0, editable=False)

    # Post / tweet.
    share_enabled = models.BooleanField(default=True)
    # What a fan shares before they have acted must claim nothing ("Join me: ask
    # Congress…"); after a call, letter or conversation it may say so.
    share_text = models.CharField(
        max_length=280,
        blank=True,
        help_text=_("Shared by fans who have not acted yet: an invitation that claims nothing."),
    )
    share_text_after = models.CharField(
        max_length=280,
        blank=True,
        help_text=_(
            'Shared by fans who have called, written or talked ("I just called…"). '
            "Empty: they share the text above."
        ),
    )
    hashtags = models.CharField(
        max_length=200, blank=True, help_text=_("Space-separated, without the # sign.")
    )

    # Talk.
    talk_enabled = models.BooleanField(default=True)
    talking_points = models.TextField(blank=True, help_text=_("One point per line."))

    # Call.
    call_enabled = models.BooleanField(default=True)
    call_targets = models.CharField(max_length=10, choices=Targets.choices, default=Targets.BOTH)
    call_script = models.TextField(
        blank=True,
        help_text=_("Placeholders: {official_title}, {official_name}, {first_name}, {city}."),
    )

    # Write.
    write_enabled = models.BooleanField(default=True)
    letter_subject = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField(
        blank=True,
        help_text=_("Placeholders: {official_title}, {official_name}, {first_name}, {city}."),
    )

    # Donate.
    donate_enabled = models.BooleanField(default=True)

    # What was drafted from the pasted statement (workspace/drafting.py): the fields still
    # as drafted ("fields", each dropped once edited), and what the text named for the
    # organizer to consider ("organizations", "websites", "quotes", "figures").
    drafted = models.JSONField(default=dict, blank=True, editable=False)

    # Embeds: the sites that may show the action card in an iframe.
    embed_origins = models.TextField(
        blank=True,
        help_text=_(
            "Sites that may embed the action card, one per line, like https://example.org "
            "(no path). Lines that are not such an address are ignored."
        ),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "live", "closed"]),
                name="campaign_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.version_of is not None:
            raise TypeError("A campaign's language version is read-only: save the campaign.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("site:detail", kwargs={"slug": self.slug})

    # Set on the copies ``in_version`` makes: the campaign they were made from.
    version_of = None
    # What a version adds: the statement translated (the quote stays as it was said).
    quote_translation = ""

    def version_languages(self) -> list[str]:
        """The languages a fan may read this campaign in: its own first, then its translations."""
        others = [t.language for t in self.translations.all() if t.language != self.language]
        return [self.language, *others]

    def in_version(self, language: str) -> "Campaign":
        """This campaign as read in ``language``: its texts from that translation, if any.

        The copy has the campaign's id, counts, sources and settings; only the texts a
        fan reads (``CampaignTranslation.TEXTS``) and the language differ. Without a
        translation in ``language`` the campaign itself is returned.
        """
        if language == self.language or self.version_of is not None:
            return self
        found = next((t for t in self.translations.all() if t.language == language), None)
        if found is None:
            return self
        version = copy.copy(self)
        version.version_of = self
        version.language = found.language
        for name in CampaignTranslation.TEXTS:
            setattr(version, name, getattr(found, name))
        version.quote_translation = found.quote_translation
        return version

    def pushback_in_version(self) -> list:
        """The talk guide's answers written in this version's language."""
        own = (self.version_of or self).language  # what a blank language means
        return [a for a in self.pushback_answers.all() if (a.language or own) == self.language]

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.LIVE, self.Status.CLOSED)

    def enabled_verbs(self) -> list[Verb]:
        """Return the switched-on verbs in the order the statement asks for them."""
        enabled = {
            Verb.SHARE: self.share_enabled,
            Verb.TALK: self.talk_enabled,
            Verb.CALL: self.call_enabled,
            Verb.WRITE: self.write_enabled,
            Verb.DONATE: self.donate_enabled,
        }
        return [verb for verb in verbs_in_ask_order(self.ask or self.quote) if enabled[verb]]

    @property
    def uses_congress(self) -> bool:
        return self.call_targets != self.Targets.CUSTOM

    @property
    def targets_senate(self) -> bool:
        return self.call_targets in (self.Targets.SENATE, self.Targets.BOTH)

    @property
    def targets_house(self) -> bool:
        return self.call_targets in (self.Targets.HOUSE, self.Targets.BOTH)

    def congress_targets(self, candidate) -> list:
        """Return the officials this campaign asks fans to call for one lookup candidate."""
        representative = [candidate.representative] if candidate.representative else []
        if self.call_targets == self.Targets.SENATE:
            return list(candidate.senators)
        if self.call_targets == self.Targets.HOUSE:
            # A vacant seat: offer the senators rather than no one.
            return representative or list(candidate.senators)
        if self.call_targets == self.Targets.BOTH:
            return [*candidate.senators, *representative]
        return []

    def talking_point_list(self) -> list[str]:
        return [line.strip() for line in self.talking_points.splitlines() if line.strip()]

    def hashtag_list(self) -> list[str]:
        return [tag.lstrip("#") for tag in self.hashtags.split() if tag.lstrip("#")]

    def goal_progress(self, total: int) -> int:
        """How far ``total`` fills the goal bar: the total, at most the goal."""
        return min(total, self.goal)

    def embed_origin_list(self) -> list[str]:
        """Return the valid origins in ``embed_origins``, lowercased, without repeats.

        They go into the embed's ``frame-ancestors`` header as they are, so only
        ``scheme://host[:port]`` passes: no path, spaces, quotes or semicolons.
        """
        origins = []
        for line in self.embed_origins.splitlines():
            # A trailing slash is how most people paste an address; it is not a path.
            candidate = line.strip().removesuffix("/")
            match = EMBED_ORIGIN.fullmatch(candidate)
            if match and (match["port"] is None or 0 < int(match["port"]) <= 65535):
                origin = candidate.lower()
                if origin not in origins:
                    origins.append(origin)
        return origins


class CampaignTranslation(models.Model):
    """A campaign's texts in another language: one row per language, beside the campaign.

    The campaign row keeps its own language's texts, its settings and its counts; a
    translation holds only what a fan reads, so both versions share one count, one set
    of sources and one dashboard. The statement is not translated over: it stays quoted
    as it was said, and ``quote_translation`` is shown under it, marked as a translation.
    """

    # The campaign's fields a translation replaces, in the editor's order.
    TEXTS = (
        "title", "issue_summary", "ask", "share_text", "share_text_after",
        "talking_points", "call_script", "letter_subject", "letter_body",
    )  # fmt: skip

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=[("en", "English"), ("es", "Español")])
    title = models.CharField(max_length=200)
    issue_summary = models.TextField()
    quote_translation = models.TextField(
        blank=True,
        help_text=_("The statement in this language, shown under it as a translation."),
    )
    ask = models.CharField(max_length=300, blank=True)
    share_text = models.CharField(max_length=280, blank=True)
    share_text_after = models.CharField(max_length=280, blank=True)
    talking_points = models.TextField(blank=True, help_text=_("One point per line."))
    call_script = models.TextField(blank=True)
    letter_subject = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField(blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} in {self.language}"


class RetiredSlug(models.Model):
    """An address a public campaign had before its slug changed: it redirects to the new one."""

    slug = models.SlugField(max_length=80, unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="retired_slugs")
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.slug} -> {self.campaign_id}"


class CampaignImage(models.Model):
    """The organizer's image of a campaign, re-encoded (``photo.py``), kept apart from the
    campaign row so that reading the campaign never carries it."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="image")
    jpeg = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"image of {self.campaign_id}"


class DonationRecipient(models.Model):
    """Somewhere the organizer vetted for fans to give to (an NGO, a legal fund).

    Not an ``Organization``: that word is kept for the tenant that runs campaigns.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="donation_recipients"
    )
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    is_example = models.BooleanField(
        default=False, help_text=_("Shown with an 'example data' label (demo campaigns).")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "campaigns_donationorganization"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class PushbackAnswer(models.Model):
    """What to say when a friend pushes back (part of the talk guide)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="pushback_answers"
    )
    objection = models.CharField(max_length=300)
    answer = models.TextField()
    # The version it is written for; blank: the campaign's own language.
    language = models.CharField(
        max_length=8, blank=True, choices=[("", "—"), ("en", "English"), ("es", "Español")]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.objection


class CustomTarget(models.Model):
    """Someone to call besides (or instead of) Congress: a governor, an agency, a company."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="custom_targets")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    contact_url = models.URLField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def tel(self) -> str:
        """The phone number as a ``tel:`` URI (digits and a leading +)."""
        return tel_uri(self.phone)


def tel_uri(phone: str) -> str:
    """Return ``tel:+12025551234`` for US numbers written any common way."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}"


class Source(models.Model):
    """A named tracking link for one post or influencer: ``/s/<code>`` -> ``?src=<code>``."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(max_length=120, help_text=_("e.g. Khloé — IG story 22 June"))
    platform = models.CharField(max_length=20, choices=Platform.choices, default=Platform.OTHER)
    handle = models.CharField(max_length=80, blank=True)
    code = models.SlugField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:short-link", kwargs={"code": self.code})


class SourceVisit(models.Model):
    """Clicks on a source's short link per day: an aggregate, no address is stored."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="visits")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "day"], name="one_visit_row")]

    def __str__(self) -> str:
        return f"{self.source_id} {self.day}: {self.count}"
