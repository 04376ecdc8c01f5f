"""The campaign dashboard page renders the reports for members."""

import pytest
from django.contrib.auth import get_user_model

from takeaction.accounts.services import organization_create
from takeaction.actions.models import Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TALK = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
CALL = Act(verb="call", outcome=Outcome.TALKED, target="custom:1", state="NY")
SKIP = Act(verb="call", outcome=Outcome.SKIPPED, target="custom:2")


@pytest.fixture
def setup():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, ask="Please talk, call, share, write, donate")
    story = source_create(campaign=campaign, user=owner, name="Story", platform="x", handle="")
    reel = source_create(campaign=campaign, user=owner, name="Reel", platform="x", handle="")
    return owner, org, campaign, story, reel


def test_dashboard_page_renders_for_members(client, setup):
    owner, org, campaign, story, _reel = setup
    fan_acts(campaign, [TALK], src=story.code)
    client.force_login(owner)
    html = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/").content.decode()
    assert "Actions per post" in html and "Story" in html and story.code in html
    bad_range = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/?since=garbage")
    assert bad_range.status_code == 400
    assert "since: use a date like 2024-06-22." in bad_range.content.decode()
    too_late = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/?until=9999-12-31")
    assert too_late.status_code == 400 and "until: use a date before" in too_late.content.decode()
