"""Report figures (the dashboard's and the API's) match the action rows exactly, in a bounded
number of queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from takeaction.accounts.services import organization_create
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.reports import campaign_dashboard
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.visits import source_visit_count

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


def test_ranking_funnel_and_depth_match_the_rows(setup, django_assert_max_num_queries):
    _owner, _org, campaign, story, reel = setup
    for _ in range(5):
        source_visit_count(source_id=story.id)
    source_visit_count(source_id=reel.id)
    a = fan_acts(
        campaign,
        [TALK, CALL, Act(verb="share", outcome="share_started", target="share:x")],
        src=story.code,
    )
    b = fan_acts(campaign, [TALK, SKIP], src=story.code)
    c = fan_acts(campaign, [TALK, CALL], referrer=a)  # brought by a story fan
    fan_acts(campaign, [CALL], referrer=c)  # and one more down the chain
    fan_acts(campaign, [TALK], src=reel.code)
    fan_acts(campaign, [TALK])  # came directly
    assert b.pk and ActionEvent.objects.count() == 10

    # The figures from the rollups, the flush of the visits waiting in the cache (their
    # source ids, and the rows locked, updated and created: however many sources), and
    # the fold of the acts waiting (a fixed number of statements per batch, one more on
    # PostgreSQL for its lock and its wait): 24 here, whatever the number of rows; 11 once
    # nothing waits.
    with django_assert_max_num_queries(24):
        data = campaign_dashboard(campaign)
    with django_assert_max_num_queries(11):
        assert campaign_dashboard(campaign) == data
    # The skip does not count, and the share is a click, not an action.
    assert data["total"] == 8 and data["tally"].fans == 6 and data["tally"].clicks == 1
    rows = {row.code: row for row in data["sources"]}
    assert (rows[story.code].visits, rows[story.code].fans, rows[story.code].actions) == (5, 2, 3)
    assert rows[story.code].clicks == 1
    assert rows[story.code].referred_actions == 3  # c's two and c's friend's one
    assert rows[story.code].actions_per_visit == 0.6
    assert (rows[reel.code].visits, rows[reel.code].actions, rows[reel.code].referred_actions) == (
        1,
        1,
        0,
    )
    assert [row.code for row in data["sources"]] == [story.code, reel.code]
    assert data["unattributed"].actions == 4  # c (2), c's friend (1), the direct fan (1)
    assert data["funnel"] == {"visits": 6, "fans": 6, "three_plus": 1}
    assert dict(data["depth"]) == {0: 5, 1: 2, 2: 1}
    per_verb = {key: n for key, _label, n in data["acts"] + data["clicks"]}
    assert per_verb == {"talk": 5, "call": 3, "share": 1, "write": 0, "donate": 0}
    assert data["tally"].skipped == 1 and data["excluded"] == []
    assert sum(count for _label, count in data["series"]) == 8
    assert [label for label, _count in data["series"]] == [timezone.localdate().isoformat()]
    hourly = campaign_dashboard(campaign, by="hour")["series"]
    assert sum(count for _label, count in hourly) == 8
    assert all(len(label) == 16 and label.endswith(":00") for label, _count in hourly)


def test_date_range_filters_everything(setup):
    _owner, _org, campaign, story, _reel = setup
    fan_acts(campaign, [TALK], src=story.code)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert campaign_dashboard(campaign, since=tomorrow)["total"] == 0
    assert campaign_dashboard(campaign, until=tomorrow)["total"] == 1
