"""The authenticated v1 API: keys, isolation, the one pagination envelope, filters, stats."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from takeaction.accounts.api_keys import api_key_create, api_key_revoke
from takeaction.accounts.models import ApiKey
from takeaction.accounts.services import organization_create
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act, action_record
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory, CampaignTranslationFactory

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = [
    "/api/v1/campaigns",
    "/api/v1/campaigns/act/sources",
    "/api/v1/campaigns/act/actions",
]


@pytest.fixture
def team():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, slug="act")
    source = source_create(campaign=campaign, user=owner, name="Story", platform="x", handle="")
    _row, key = api_key_create(organization=org, name="Sync", user=owner)
    return org, campaign, source, key


def _act(campaign, verb="talk", outcome=Outcome.TALKED_TO_SOMEONE, src=""):
    return action_record(
        campaign=campaign, public_id=None, act=Act(verb=verb, outcome=outcome), source_code=src
    )


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_keys_are_stored_hashed_and_shown_once(team):
    _org, _campaign, _source, key = team
    row = ApiKey.objects.get()
    assert key.startswith(f"ta_{row.prefix}_") and key not in (row.key_hash, row.prefix)


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer nope"}, {"HTTP_AUTHORIZATION": "Bearer ta_x_y"}],
)
def test_missing_or_wrong_keys_get_a_401_with_the_error_envelope(client, team, headers):
    response = client.get("/api/v1/campaigns", **headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_revoked_keys_stop_working(client, team):
    _org, _campaign, _source, key = team
    assert client.get("/api/v1/campaigns", **auth(key)).status_code == 200
    api_key_revoke(api_key=ApiKey.objects.get(), user=None)
    assert client.get("/api/v1/campaigns", **auth(key)).status_code == 401


def test_osdi_token_header_works_too(client, team):
    key = team[3]
    assert client.get("/api/v1/campaigns", HTTP_OSDI_API_TOKEN=key).status_code == 200


def test_another_organizations_campaigns_are_invisible(client, team):
    owner_b = get_user_model().objects.create_user("b", "b@example.org", "b-pass-123456")
    org_b = organization_create(name="B", owner=owner_b)
    CampaignFactory(organization=org_b, slug="theirs")
    key = team[3]
    slugs = [c["slug"] for c in client.get("/api/v1/campaigns", **auth(key)).json()["items"]]
    assert slugs == ["act"]
    for path in ("", "/sources", "/actions", "/stats"):
        response = client.get(f"/api/v1/campaigns/theirs{path}", **auth(key))
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_every_list_answers_the_same_envelope(client, team, path):
    body = client.get(path, **auth(team[3])).json()
    assert set(body) == {"items", "next_cursor", "limit"}
    assert isinstance(body["items"], list) and body["limit"] == 100


def test_cursor_walks_every_action_exactly_once(client, team):
    campaign, key = team[1], team[3]
    ids = [_act(campaign).event.id for _ in range(7)]
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/v1/campaigns/act/actions", params, **auth(key)).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ids


def test_bad_cursor_and_limits_are_clear_400s_or_422s(client, team):
    key = team[3]
    response = client.get("/api/v1/campaigns/act/actions", {"cursor": "garbage"}, **auth(key))
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_cursor"
    assert client.get("/api/v1/campaigns", {"limit": 0}, **auth(key)).status_code in (400, 422)


def test_action_filters_by_verb_and_source(client, team):
    campaign, source, key = team[1], team[2], team[3]
    _act(campaign, src=source.code)
    _act(campaign, verb="call", outcome=Outcome.TALKED)
    by_verb = client.get("/api/v1/campaigns/act/actions", {"verb": "call"}, **auth(key)).json()
    assert [a["verb"] for a in by_verb["items"]] == ["call"]
    by_source = client.get("/api/v1/campaigns/act/actions", {"source": source.code}, **auth(key))
    assert [a["source_code"] for a in by_source.json()["items"]] == [source.code]


def test_stats_match_the_dashboard(client, team):
    campaign, source, key = team[1], team[2], team[3]
    _act(campaign, src=source.code)
    _act(campaign, verb="call", outcome=Outcome.TALKED)
    body = client.get("/api/v1/campaigns/act/stats", **auth(key)).json()
    assert body["total"] == 2
    assert {"key": "call", "count": 1} in body["per_verb"]
    assert body["per_source"][0]["code"] == source.code and body["per_source"][0]["actions"] == 1
    assert body["as_of"] is None  # every stored act is in the figures


def test_stats_say_since_when_acts_wait_when_the_fold_cannot_run(client, team, monkeypatch):
    campaign, key = team[1], team[3]
    _act(campaign)
    assert client.get("/api/v1/campaigns/act/stats", **auth(key)).json()["total"] == 1
    monkeypatch.setattr("takeaction.actions.rollups.rollups_fold", lambda **kwargs: 0)
    _act(campaign, verb="call", outcome=Outcome.TALKED)
    waiting = ActionEvent.objects.get(verb="call")
    body = client.get("/api/v1/campaigns/act/stats", **auth(key)).json()
    assert body["total"] == 1
    stored = waiting.created_at
    # JSON carries milliseconds.
    assert datetime.datetime.fromisoformat(body["as_of"]) == stored.replace(
        microsecond=stored.microsecond // 1000 * 1000
    )


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_rate_limit_per_key(client, team):
    key = team[3]
    for _ in range(3):
        assert client.get("/api/v1/campaigns", **auth(key)).status_code == 200
    response = client.get("/api/v1/campaigns", **auth(key))
    assert response.status_code == 429 and response.json()["error"]["code"] == "rate_limited"


def test_owner_creates_and_revokes_keys_in_the_workspace(client, team):
    org = team[0]
    client.force_login(org.memberships.get().user)
    response = client.post(f"/org/{org.slug}/api-keys/", {"name": "Parsons"})
    html = response.content.decode()
    new = ApiKey.objects.get(name="Parsons")
    assert "will not be shown again" in html
    (shown,) = re.findall(rf"ta_{new.prefix}_[A-Za-z0-9_-]+", html)
    assert shown not in client.get(f"/org/{org.slug}/api-keys/").content.decode()
    client.post(f"/org/{org.slug}/api-keys/", {"revoke": new.pk})
    new.refresh_from_db()
    assert new.revoked_at is not None


def test_a_campaign_names_the_languages_fans_may_read_it_in(client, team):
    _org, campaign, _source, key = team
    assert client.get("/api/v1/campaigns/act", **auth(key)).json()["languages"] == ["en"]
    CampaignTranslationFactory(campaign=campaign)
    listed = client.get("/api/v1/campaigns", **auth(key)).json()["items"]
    assert listed[0]["languages"] == ["en", "es"]
