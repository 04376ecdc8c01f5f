"""One key check for v1 and OSDI: the same rate-limit allowance and the same ``last_used_at``."""

import datetime
import types

import pytest
from django.test import override_settings
from django.utils import timezone

from takeaction.accounts.models import ApiKey
from takeaction.api.tests.conftest import OSDI, osdi_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_minute(monkeypatch):
    """Hold the rate limiter's clock still, so no test straddles two fixed windows."""
    monkeypatch.setattr(
        "takeaction.core.ratelimit.time", types.SimpleNamespace(time=lambda: 1_800_000_000.0)
    )


def _v1(client, key):
    return client.get("/api/v1/campaigns", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_osdi_use_sets_last_used_at(client, osdi_team):
    key = osdi_team[2]
    assert ApiKey.objects.get().last_used_at is None
    assert osdi_get(client, OSDI + "people", key).status_code == 200
    assert ApiKey.objects.get().last_used_at is not None


def test_last_used_at_is_written_at_most_once_a_minute(client, osdi_team):
    key = osdi_team[2]
    osdi_get(client, OSDI + "people", key)
    first = ApiKey.objects.get().last_used_at
    osdi_get(client, OSDI + "tags", key)
    _v1(client, key)
    assert ApiKey.objects.get().last_used_at == first

    long_ago = timezone.now() - datetime.timedelta(minutes=2)
    ApiKey.objects.update(last_used_at=long_ago)
    osdi_get(client, OSDI + "people", key)
    assert ApiKey.objects.get().last_used_at > long_ago


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_v1_and_osdi_requests_spend_one_allowance_per_key(client, osdi_team, one_minute):
    key = osdi_team[2]
    assert _v1(client, key).status_code == 200
    assert osdi_get(client, OSDI + "people", key).status_code == 200
    assert _v1(client, key).status_code == 200

    refused = osdi_get(client, OSDI + "people", key)
    assert refused.status_code == 429
    assert refused.json()["osdi:error"]["response_code"] == 429
    refused = _v1(client, key)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"


@override_settings(API_RATE_LIMIT_PER_MINUTE=1)
def test_another_keys_requests_do_not_count(client, osdi_team, other_team, one_minute):
    assert osdi_get(client, OSDI + "people", osdi_team[2]).status_code == 200
    assert _v1(client, other_team[2]).status_code == 200
    assert osdi_get(client, OSDI + "people", other_team[2]).status_code == 429
