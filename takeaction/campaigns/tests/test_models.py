import pytest

from takeaction.campaigns.models import Campaign
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.verbs import Verb

pytestmark = pytest.mark.django_db


def test_enabled_verbs_follow_the_ask_and_drop_switched_off_ones():
    campaign = CampaignFactory(
        ask="Please tweet, talk, call, post, write, donate.", talk_enabled=False
    )
    assert campaign.enabled_verbs() == [Verb.SHARE, Verb.CALL, Verb.WRITE, Verb.DONATE]


def test_enabled_verbs_fall_back_to_the_quote_when_there_is_no_ask():
    campaign = CampaignFactory(ask="", quote="Donate if you can, and talk to your family.")
    assert campaign.enabled_verbs()[:2] == [Verb.DONATE, Verb.TALK]


def test_talking_points_and_hashtags_are_split_and_cleaned():
    campaign = CampaignFactory(talking_points="One\n\n  Two  \n", hashtags="#A B  #")
    assert campaign.talking_point_list() == ["One", "Two"]
    assert campaign.hashtag_list() == ["A", "B"]


@pytest.mark.parametrize(
    ("status", "public"),
    [(Campaign.Status.DRAFT, False), (Campaign.Status.LIVE, True), (Campaign.Status.CLOSED, True)],
)
def test_only_live_and_closed_campaigns_are_public(status, public):
    assert CampaignFactory(status=status).is_public is public


def test_live_queryset_excludes_drafts_and_closed():
    live = CampaignFactory(status=Campaign.Status.LIVE)
    CampaignFactory(status=Campaign.Status.DRAFT)
    CampaignFactory(status=Campaign.Status.CLOSED)
    assert list(Campaign.objects.live()) == [live]


def test_absolute_url_uses_the_slug():
    assert CampaignFactory(slug="kids-first").get_absolute_url() == "/c/kids-first/"
