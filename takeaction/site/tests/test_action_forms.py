"""The fan's action form shares its declared fields between instances (core.forms)."""

import pytest

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.site.action_forms import ActionForm

pytestmark = pytest.mark.django_db


def test_the_action_form_shares_its_fields_and_keeps_each_answer_its_own():
    campaign = CampaignFactory(ask="Please tweet, talk, call, write, donate.")
    refused = ActionForm({"verb": "talk", "outcome": "voicemail"}, campaign=campaign)
    accepted = ActionForm({"verb": "talk", "outcome": "talked_to_someone"}, campaign=campaign)
    assert refused.fields["verb"] is accepted.fields["verb"]
    assert not refused.is_valid() and accepted.is_valid()
    assert not accepted.errors and refused.errors
