"""A member of organization A gets a 404 for everything of organization B.

The test walks every organizer URL: a new URL without an entry here fails it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from takeaction.accounts.services import organization_create
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Person
from takeaction.webhooks.models import WebhookEndpoint
from takeaction.workspace import urls as organizer_urls

pytestmark = pytest.mark.django_db


def _person(org):
    return Person.objects.get_or_create(organization=org, email="someone@example.org")[0]


def _webhook_endpoint(org):
    # Made as a row: the service would resolve the URL's host name.
    endpoint, _ = WebhookEndpoint.objects.get_or_create(
        organization=org, url="https://hooks.example.org/b",
        defaults={"event_types": ["action.recorded"], "secret": "whsec_b"},
    )  # fmt: skip
    return endpoint


def _kwargs(org, campaign, source) -> dict[str, dict]:
    on_org = {"org_slug": org.slug}
    on_campaign = {**on_org, "slug": campaign.slug}
    on_endpoint = {**on_org, "endpoint_id": _webhook_endpoint(org).pk}
    return {
        "org": on_org,
        "history": on_org,
        "members": on_org,
        "api-keys": on_org,
        "campaign-new": on_org,
        "campaign": on_campaign,
        "campaign-edit": on_campaign,
        "campaign-status": on_campaign,
        "campaign-preview": on_campaign,
        "campaign-duplicate": on_campaign,
        "sources": on_campaign,
        "source-qr": {**on_campaign, "code": source.code, "fmt": "svg"},
        "source-card": {**on_campaign, "code": source.code},
        "export-events": on_campaign,
        "export-supporters": on_campaign,
        "export-summary": on_campaign,
        "campaign-image": on_campaign,
        "campaign-translation": {**on_campaign, "language": "es"},
        "webhooks": on_org,
        "webhook-new": on_org,
        "webhook": on_endpoint,
        "webhook-edit": on_endpoint,
        "webhook-status": on_endpoint,
        "webhook-rotate": on_endpoint,
        "webhook-delete": on_endpoint,
        "people": on_org,
        "people-csv": on_org,
        "person-delete": {**on_org, "person_id": _person(org).public_id},
    }


URL_NAMES = sorted(p.name for p in organizer_urls.urlpatterns if p.name != "home")


@pytest.fixture
def other_team():
    owner = get_user_model().objects.create_user("b-owner", "b@example.org", "b-pass-123456")
    org = organization_create(name="Team B", owner=owner)
    campaign = CampaignFactory(organization=org)
    source = source_create(campaign=campaign, user=owner, name="B post", platform="x", handle="")
    return org, campaign, source


@pytest.fixture
def member_of_a(client):
    user = get_user_model().objects.create_user("a-owner", "a@example.org", "a-pass-123456")
    organization_create(name="Team A", owner=user)
    client.force_login(user)
    return user


def test_every_organizer_url_has_an_isolation_case(other_team):
    assert sorted(_kwargs(*other_team)) == URL_NAMES


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organizations_pages_are_404(client, member_of_a, other_team, name, method):
    url = reverse(f"workspace:{name}", kwargs=_kwargs(*other_team)[name])
    response = getattr(client, method)(url)
    assert response.status_code in (404, 405), (name, method, response.status_code)
    if method == "get" or response.status_code != 405:
        assert response.status_code == 404


@pytest.mark.parametrize("name", URL_NAMES)
def test_the_owner_of_b_can_open_them(client, other_team, name):
    org, _campaign, _source = other_team
    client.force_login(org.memberships.get().user)
    url = reverse(f"workspace:{name}", kwargs=_kwargs(*other_team)[name])
    assert client.get(url).status_code in (200, 405)


def test_another_teams_campaign_slug_under_my_organization_is_404(client, member_of_a, other_team):
    _org, campaign, _source = other_team
    mine = member_of_a.memberships.get().organization
    assert client.get(f"/org/{mine.slug}/campaigns/{campaign.slug}/").status_code == 404
    assert client.post(f"/org/{mine.slug}/campaigns/{campaign.slug}/status/").status_code == 404
