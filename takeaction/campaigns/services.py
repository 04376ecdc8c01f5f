"""Writes for campaigns."""

import re
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from takeaction.accounts.models import Organization
from takeaction.accounts.services import change_record
from takeaction.campaigns.models import (
    Campaign,
    CampaignImage,
    CampaignTranslation,
    CustomTarget,
    DonationRecipient,
    PushbackAnswer,
    Source,
)
from takeaction.campaigns.photo import photo_reencoded
from takeaction.core.events import campaign_published, send_after_commit
from takeaction.core.slugs import slug_free


@dataclass(frozen=True)
class DonationSpec:
    name: str
    url: str
    description: str = ""
    is_example: bool = False


@dataclass(frozen=True)
class PushbackSpec:
    objection: str
    answer: str
    language: str = ""  # blank: the campaign's own language


@dataclass(frozen=True)
class CampaignSpec:
    """Everything needed to create or refresh one campaign (demo data, imports)."""

    slug: str
    fields: dict
    donations: list[DonationSpec] = field(default_factory=list)
    pushback: list[PushbackSpec] = field(default_factory=list)
    # language -> {field: text} of CampaignTranslation.TEXTS and quote_translation
    translations: dict[str, dict] = field(default_factory=dict)


@transaction.atomic
def campaign_upsert(*, organization: Organization, spec: CampaignSpec) -> Campaign:
    """Create the campaign ``spec.slug`` or bring it in line with ``spec``.

    Donation recipients and pushback answers are replaced as a whole, so
    running this twice with the same spec leaves the same rows.
    """
    campaign, _ = Campaign.objects.update_or_create(
        slug=spec.slug, defaults={"organization": organization, **spec.fields}
    )
    campaign.full_clean()
    campaign.donation_recipients.all().delete()
    DonationRecipient.objects.bulk_create(
        DonationRecipient(
            campaign=campaign,
            position=index,
            name=donation.name,
            url=donation.url,
            description=donation.description,
            is_example=donation.is_example,
        )
        for index, donation in enumerate(spec.donations)
    )
    campaign.pushback_answers.all().delete()
    PushbackAnswer.objects.bulk_create(
        PushbackAnswer(
            campaign=campaign,
            position=index,
            objection=p.objection,
            answer=p.answer,
            language=p.language,
        )
        for index, p in enumerate(spec.pushback)
    )
    campaign.translations.exclude(language__in=list(spec.translations)).delete()
    for language, texts in spec.translations.items():
        translation, _ = CampaignTranslation.objects.update_or_create(
            campaign=campaign, language=language, defaults=texts
        )
        translation.full_clean()
    return campaign


PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ALLOWED_PLACEHOLDERS = ("official_title", "official_name", "first_name", "city")


def unknown_placeholders(text: str) -> list[str]:
    """Return the ``{names}`` in a script or letter that no one can fill in."""
    return [
        f"{{{name}}}"
        for name in PLACEHOLDER.findall(text or "")
        if name not in ALLOWED_PLACEHOLDERS
    ]


@transaction.atomic
def campaign_create_drafted(
    *, organization, user, title: str, fields: dict, drafted: dict
) -> Campaign:
    """Start a draft campaign from fields drafted out of a statement, for review.

    ``fields`` are Campaign fields; ``drafted`` says which of them were drafted (kept
    marked in the editor until edited) and what the text named besides.
    """
    campaign = Campaign.objects.create(
        organization=organization,
        slug=slug_free(Campaign.objects, slugify(title)[:60] or "campaign"),
        title=title[:200],
        status=Campaign.Status.DRAFT,
        drafted=drafted,
        **fields,
    )
    speaker = fields.get("speaker_name") or "an unnamed speaker"
    change_record(
        organization=organization, user=user, campaign=campaign,
        action="campaign.create", summary=f"Drafted from a statement by {speaker}"[:250],
    )  # fmt: skip
    return campaign


def campaign_change_status(*, campaign: Campaign, status: str, user=None) -> Campaign:
    """Publish, unpublish (back to draft) or close a campaign, and record who did it.

    ``user`` is None for changes made by the system (the demo loader, a script).
    """
    if status not in Campaign.Status.values:
        raise ValueError(f"Unknown campaign status {status!r}.")
    went_live = status == Campaign.Status.LIVE and campaign.status != status
    with transaction.atomic():
        campaign.status = status
        campaign.save(update_fields=["status", "updated_at"])
        if went_live:
            send_after_commit(campaign_published, Campaign, campaign=campaign)
        change_record(
            organization=campaign.organization, user=user, campaign=campaign,
            action=f"campaign.{status}", summary=f"Status set to {status}",
        )  # fmt: skip
    return campaign


def source_create(*, campaign: Campaign, user, name: str, platform: str, handle: str) -> Source:
    """Give a post or influencer its own tracking link."""
    code = f"{slugify(name)[:24] or 'post'}-{secrets.token_hex(3)}"
    source = Source.objects.create(
        campaign=campaign, name=name, platform=platform, handle=handle, code=code
    )
    change_record(
        organization=campaign.organization, user=user, campaign=campaign,
        action="source.create", summary=f"Source {name} ({code})",
    )  # fmt: skip
    return source


@transaction.atomic
def campaign_duplicate(*, campaign: Campaign, user) -> Campaign:
    """Copy a campaign, its donation list, talk guide and custom targets, as a new draft."""
    slug = slug_free(Campaign.objects, f"{campaign.slug[:70]}-copy")
    copy = Campaign.objects.get(pk=campaign.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.slug, copy.status = slug, Campaign.Status.DRAFT
    copy.title = f"{campaign.title} (copy)"[:200]
    copy.save()
    for model in (DonationRecipient, PushbackAnswer, CustomTarget, CampaignTranslation):
        rows = list(model.objects.filter(campaign=campaign))
        for row in rows:
            row.pk = row.id = None
            row.campaign = copy
        model.objects.bulk_create(rows)
    change_record(
        organization=campaign.organization, user=user, campaign=copy,
        action="campaign.duplicate", summary=f"Copied from {campaign.slug}",
    )  # fmt: skip
    return copy


def campaign_image_set(*, campaign: Campaign, data: bytes, user) -> None:
    """Keep ``data`` as the campaign's image, re-encoded; raise PhotoRefused if it can't be.

    The campaign's ``image_version`` moves on, so every page and share image that shows
    it asks for the new one; saving the row tells the page caches (``signals.py``).
    """
    jpeg, width, height = photo_reencoded(data)
    with transaction.atomic():
        CampaignImage.objects.update_or_create(
            campaign=campaign, defaults={"jpeg": jpeg, "width": width, "height": height}
        )
        campaign.image_version += 1
        campaign.save(update_fields=["image_version", "updated_at"])
        change_record(
            organization=campaign.organization, user=user, campaign=campaign,
            action="campaign.image", summary=f"New image, {width}x{height}",
        )  # fmt: skip


def campaign_image_remove(*, campaign: Campaign, user) -> None:
    with transaction.atomic():
        CampaignImage.objects.filter(campaign=campaign).delete()
        campaign.image_version = 0
        campaign.save(update_fields=["image_version", "updated_at"])
        change_record(
            organization=campaign.organization, user=user, campaign=campaign,
            action="campaign.image", summary="Image removed",
        )  # fmt: skip


def campaign_translation_save(*, campaign: Campaign, language: str, texts: dict, user):
    """Create or replace the campaign's version in ``language`` (the texts a fan reads)."""
    if language == campaign.language:
        raise ValueError("A campaign's own language is edited on the campaign itself.")
    with transaction.atomic():
        translation, created = CampaignTranslation.objects.update_or_create(
            campaign=campaign, language=language, defaults=texts
        )
        # The share images are kept per edit of the campaign (images.campaign_image).
        campaign.save(update_fields=["updated_at"])
        change_record(
            organization=campaign.organization, user=user, campaign=campaign,
            action="campaign.translation",
            summary=f"{'Added' if created else 'Edited'} the {language} version",
        )  # fmt: skip
    return translation


def campaign_translation_remove(*, campaign: Campaign, language: str, user) -> None:
    with transaction.atomic():
        deleted, _ = CampaignTranslation.objects.filter(
            campaign=campaign, language=language
        ).delete()
        if deleted:
            campaign.save(update_fields=["updated_at"])
            change_record(
                organization=campaign.organization, user=user, campaign=campaign,
                action="campaign.translation", summary=f"Removed the {language} version",
            )  # fmt: skip
