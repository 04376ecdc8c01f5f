"""The campaign row the action paths read: cached, kept a second per process, dropped on edit."""

import pytest

from takeaction.campaigns.models import Campaign
from takeaction.campaigns.selectors import campaign_get_for_action
from takeaction.campaigns.services import campaign_change_status
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_a_row_read_once_costs_no_query_and_an_edit_reaches_it_at_once(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="row")
    campaign_get_for_action(slug="row")
    with django_assert_num_queries(0):
        assert campaign_get_for_action(slug="row").pk == campaign.pk
    with django_capture_on_commit_callbacks(execute=True):
        campaign_change_status(campaign=campaign, status=Campaign.Status.CLOSED)
    assert campaign_get_for_action(slug="row").status == Campaign.Status.CLOSED
