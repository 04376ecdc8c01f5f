"""An organization with a campaign and an API key, for the OSDI tests."""

import json

import pytest
from django.contrib.auth import get_user_model

from takeaction.accounts.api_keys import api_key_create
from takeaction.accounts.services import organization_create
from takeaction.campaigns.tests.factories import CampaignFactory

OSDI = "/api/osdi/v2/"


@pytest.fixture
def osdi_team(synced):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, slug="act")
    _row, key = api_key_create(organization=org, name="AN client", user=owner)
    return org, campaign, key


@pytest.fixture
def other_team():
    owner = get_user_model().objects.create_user("b", "b@example.org", "b-pass-123456")
    org = organization_create(name="Other", owner=owner)
    campaign = CampaignFactory(organization=org, slug="theirs")
    _row, key = api_key_create(organization=org, name="Theirs", user=owner)
    return org, campaign, key


def osdi_get(client, path, key, **params):
    return client.get(path, params, HTTP_OSDI_API_TOKEN=key)


def osdi_send(client, method: str, path, key, body):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return getattr(client, method.lower())(
        path, data, content_type="application/json", HTTP_OSDI_API_TOKEN=key
    )
