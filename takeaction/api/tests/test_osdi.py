"""The OSDI / Action Network compatible read API: advocacy campaigns and outreaches."""

import datetime
import json
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from takeaction.accounts.services import organization_create
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.api.osdi.campaigns import campaign_uuid
from takeaction.api.tests.conftest import OSDI as ROOT
from takeaction.api.tests.conftest import osdi_get as get
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _calls(campaign, n):
    call = Act(verb="call", outcome=Outcome.TALKED, target="N000002", state="NY", district=12)
    for _ in range(n):
        fan_acts(campaign, [call])


def test_entry_point_links_the_collections(client, osdi_team):
    body = get(client, ROOT, osdi_team[2]).json()
    assert body["_links"]["osdi:advocacy_campaigns"]["href"].endswith(
        "/api/osdi/v2/advocacy_campaigns"
    )


def test_missing_or_wrong_token_gets_the_osdi_error_body(client, osdi_team):
    for headers in ({}, {"HTTP_OSDI_API_TOKEN": "ta_nope_nope"}):
        response = client.get(ROOT + "advocacy_campaigns", **headers)
        assert response.status_code == 401
        assert response.json()["osdi:error"]["response_code"] == 401
        assert response["Content-Type"] == "application/hal+json"


def test_advocacy_campaigns_have_identifiers_dates_and_hal_links(client, osdi_team):
    _org, campaign, key = osdi_team
    body = get(client, ROOT + "advocacy_campaigns", key).json()
    assert (body["page"], body["per_page"], body["total_pages"], body["total_records"]) == (
        1,
        25,
        1,
        1,
    )
    (item,) = body["_embedded"]["osdi:advocacy_campaigns"]
    key_uuid = campaign_uuid(campaign)
    assert item["identifiers"] == [f"takeaction:{key_uuid}", f"action_network:{key_uuid}"]
    assert item["title"] == campaign.title and item["created_date"].endswith("Z")
    assert item["_links"]["osdi:outreaches"]["href"].endswith("/outreaches")


def test_another_organizations_campaigns_are_invisible(client, osdi_team):
    other = organization_create(
        name="B", owner=get_user_model().objects.create_user("b", "b@example.org", "b-pass-12345")
    )
    theirs = CampaignFactory(organization=other, slug="theirs")
    key = osdi_team[2]
    assert get(client, ROOT + "advocacy_campaigns", key).json()["total_records"] == 1
    assert get(client, f"{ROOT}advocacy_campaigns/{campaign_uuid(theirs)}", key).status_code == 404
    response = get(client, f"{ROOT}advocacy_campaigns/{campaign_uuid(theirs)}/outreaches", key)
    assert response.status_code == 404


def test_outreaches_are_calls_and_letters_with_their_targets(client, osdi_team):
    _org, campaign, key = osdi_team
    _calls(campaign, 2)
    fan_acts(campaign, [Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)])  # not an outreach
    url = f"{ROOT}advocacy_campaigns/{campaign_uuid(campaign)}/outreaches"
    body = get(client, url, key).json()
    assert body["total_records"] == 2
    outreach = body["_embedded"]["osdi:outreaches"][0]
    assert outreach["type"] == "phone"
    assert outreach["targets"] == [
        {
            "title": "Representative",
            "given_name": "Jerrold",
            "family_name": "Nadler",
            "ocdid": "ocd-division/country:us/state:ny/cd:12",
        }
    ]


def test_modified_date_filter_and_bad_filters(client, osdi_team):
    _org, campaign, key = osdi_team
    _calls(campaign, 3)
    old = ActionEvent.objects.order_by("id").first()
    ActionEvent.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    url = f"{ROOT}advocacy_campaigns/{campaign_uuid(campaign)}/outreaches"
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert get(client, url, key, filter=f"modified_date gt '{since}'").json()["total_records"] == 2
    assert get(client, url, key, filter=f"modified_date lt '{since}'").json()["total_records"] == 1
    assert get(client, url, key, filter="name eq 'x'").status_code == 400
    assert get(client, url, key, filter="modified_date gt 'yesterday'").status_code == 400


def test_pages_are_capped_at_25_per_page(client, osdi_team):
    _org, campaign, key = osdi_team
    _calls(campaign, 3)
    url = f"{ROOT}advocacy_campaigns/{campaign_uuid(campaign)}/outreaches"
    body = get(client, url, key, per_page=100).json()
    assert body["per_page"] == 25
    assert get(client, url, key, page="x").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_a_real_http_client_pages_through_outreaches(live_server, osdi_team, settings):
    settings.SITE_URL = live_server.url
    _org, campaign, key = osdi_team
    _calls(campaign, 5)
    url = (
        f"{live_server.url}{ROOT}advocacy_campaigns/{campaign_uuid(campaign)}/outreaches?per_page=2"
    )
    seen = []
    while url:
        request = urllib.request.Request(url, headers={"OSDI-API-Token": key})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  (loopback)
            assert response.headers["Content-Type"] == "application/hal+json"
            body = json.load(response)
        seen += body["_embedded"]["osdi:outreaches"]
        url = body["_links"].get("next", {}).get("href")
    assert len(seen) == 5 and body["total_pages"] == 3
    assert len({item["identifiers"][0] for item in seen}) == 5
