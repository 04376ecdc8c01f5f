"""Writes for campaigns."""

from dataclasses import dataclass, field

from django.db import transaction

from takeaction.organizers.models import Organization

from .models import Campaign, DonationOrganization, PushbackAnswer


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


@dataclass(frozen=True)
class CampaignSpec:
    """Everything needed to create or refresh one campaign (demo data, imports)."""

    slug: str
    fields: dict
    donations: list[DonationSpec] = field(default_factory=list)
    pushback: list[PushbackSpec] = field(default_factory=list)


@transaction.atomic
def campaign_upsert(*, organization: Organization, spec: CampaignSpec) -> Campaign:
    """Create the campaign ``spec.slug`` or bring it in line with ``spec``.

    Donation organizations and pushback answers are replaced as a whole, so
    running this twice with the same spec leaves the same rows.
    """
    campaign, _ = Campaign.objects.update_or_create(
        slug=spec.slug, defaults={"organization": organization, **spec.fields}
    )
    campaign.full_clean()
    campaign.donation_organizations.all().delete()
    DonationOrganization.objects.bulk_create(
        DonationOrganization(
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
        PushbackAnswer(campaign=campaign, position=index, objection=p.objection, answer=p.answer)
        for index, p in enumerate(spec.pushback)
    )
    return campaign


def campaign_set_status(*, campaign: Campaign, status: str) -> Campaign:
    """Publish, close or return a campaign to draft."""
    if status not in Campaign.Status.values:
        raise ValueError(f"Unknown campaign status {status!r}.")
    campaign.status = status
    campaign.save(update_fields=["status", "updated_at"])
    return campaign
