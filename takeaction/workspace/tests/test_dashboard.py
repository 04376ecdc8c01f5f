"""The campaign dashboard page renders the reports for members, and refuses impossible ranges."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from takeaction.accounts.services import organization_create
from takeaction.actions.models import Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_dashboard_page_renders_for_members(client):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, ask="Please talk")
    story = source_create(campaign=campaign, user=owner, name="Story", platform="x", handle="")
    fan_acts(campaign, [Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)], src=story.code)
    client.force_login(owner)
    page = f"/org/{org.slug}/campaigns/{campaign.slug}/"
    html = client.get(page).content.decode()
    assert "Actions per post" in html and "Story" in html and story.code in html
    # The chart over time: axes, a labelled bar for today's act, its words for screen readers.
    assert '<svg viewBox="0 0 640 240" role="img"' in html and 'class="axis"' in html
    assert html.count('<rect class="bar"') == 1 and "1 action from" in html
    assert client.get(page + "?by=hour").content.decode().count('<rect class="bar"') == 1
    bad_range = client.get(page + "?since=garbage")
    assert bad_range.status_code == 400
    assert "since: use a date like 2024-06-22." in bad_range.content.decode()
    too_late = client.get(page + "?until=9999-12-31")
    assert too_late.status_code == 400 and "until: use a date before" in too_late.content.decode()


def test_the_dashboard_sets_the_campaign_beside_the_organizations_others(client):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    this = CampaignFactory(organization=org, title="This one", ask="Please talk")
    other = CampaignFactory(organization=org, title="Older one", ask="Please talk")
    CampaignFactory(organization=org, title="A draft", status="draft")
    CampaignFactory(title="Another team's")
    talk = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
    fan_acts(other, [talk])
    fan_acts(other, [talk])
    fan_acts(this, [talk])
    never_read = CampaignFactory(organization=org, title="Never read", ask="Please talk")
    fan_acts(never_read, [talk])
    client.get(f"/c/{other.slug}/counts.json")  # its page was read: its counters are live
    client.force_login(owner)
    html = client.get(f"/org/{org.slug}/campaigns/{this.slug}/").content.decode()
    section = html[html.index("Beside your other campaigns") :]
    section = section[: section.index("</table>")]
    assert section.index("Older one") < section.index("This one")  # by actions
    assert "A draft" not in section and "Another team" not in section
    assert 'aria-current="true"' in section
    # A campaign whose counters were never built is not re-counted here: it shows a dash.
    never = section[section.index("Never read") :]
    assert never.split("</tr>")[0].count("<td>\u2013</td>") == 3


def test_the_page_says_whether_its_figures_are_live_or_as_of_when(client, monkeypatch):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, ask="Please talk")
    talk = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
    fan_acts(campaign, [talk])
    client.force_login(owner)
    page = f"/org/{org.slug}/campaigns/{campaign.slug}/"
    html = client.get(page).content.decode()
    assert "Live: every act stored until" in html and 'data-figure="actions">1<' in html
    # The fold cannot run (another one holds the lock, the database is busy): the page
    # shows what is folded, and since when acts wait.
    monkeypatch.setattr("takeaction.actions.rollups.rollups_fold", lambda **kwargs: 0)
    waiting = fan_acts(campaign, [talk]).actions.get()
    html = client.get(page).content.decode()
    shown = timezone.localtime(waiting.created_at).strftime("%H:%M:%S")
    assert f"As of {shown}: acts stored since then are still being counted." in html
    assert 'data-figure="actions">1<' in html and "Live:" not in html
