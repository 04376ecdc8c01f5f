import pytest
from django.core.exceptions import ValidationError

from takeaction.accounts.models import Organization
from takeaction.accounts.tests.factories import OrganizationFactory
from takeaction.campaigns.demo import DEMO_CAMPAIGNS, demo_load
from takeaction.campaigns.models import (
    Campaign,
    CampaignTranslation,
    DonationRecipient,
    PushbackAnswer,
)
from takeaction.campaigns.services import (
    CampaignSpec,
    DonationSpec,
    campaign_change_status,
    campaign_upsert,
)
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _row_counts():
    return (
        Organization.objects.count(),
        Campaign.objects.count(),
        DonationRecipient.objects.count(),
        PushbackAnswer.objects.count(),
        CampaignTranslation.objects.count(),
    )


def test_demo_load_creates_both_campaigns_live():
    campaigns = demo_load()
    assert [c.slug for c in campaigns] == [spec.slug for spec in DEMO_CAMPAIGNS]
    assert all(c.status == Campaign.Status.LIVE for c in campaigns)
    assert _row_counts() == (1, 2, 5, 6, 1)


def test_demo_load_twice_leaves_the_same_rows():
    demo_load()
    first = _row_counts()
    demo_load()
    assert _row_counts() == first


def test_demo_quotes_the_statement_and_attributes_it():
    fbt = demo_load()[0]
    assert fbt.speaker_name == "Khloé Kardashian"
    assert fbt.quote.endswith("Please tweet, talk, call, post, write, donate. Xo")
    assert "Time reported" in fbt.issue_summary
    assert fbt.donation_recipients.filter(is_example=True).count() == 4


def test_upsert_replaces_donations_as_a_whole():
    organization = OrganizationFactory()
    base = {"title": "T", "language": "en", "issue_summary": "S", "quote": "Q", "speaker_name": "N"}
    campaign_upsert(
        organization=organization,
        spec=CampaignSpec("t", base, donations=[DonationSpec("A", "https://a.example/")]),
    )
    campaign = campaign_upsert(
        organization=organization,
        spec=CampaignSpec("t", base, donations=[DonationSpec("B", "https://b.example/")]),
    )
    assert [d.name for d in campaign.donation_recipients.all()] == ["B"]


def test_upsert_rejects_invalid_data_and_keeps_nothing():
    organization = OrganizationFactory()
    spec = CampaignSpec("bad", {"title": "T", "language": "xx", "quote": "Q", "speaker_name": "N"})
    with pytest.raises(ValidationError):
        campaign_upsert(organization=organization, spec=spec)
    assert not Campaign.objects.filter(slug="bad").exists()


def test_set_status_publishes_and_refuses_unknown_status():
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    campaign_change_status(campaign=campaign, status="live")
    campaign.refresh_from_db()
    assert campaign.status == "live"
    with pytest.raises(ValueError, match="Unknown campaign status"):
        campaign_change_status(campaign=campaign, status="archived")
