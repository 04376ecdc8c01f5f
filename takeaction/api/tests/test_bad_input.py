"""Input the database or the parser cannot take gets a 400 with a message, on both APIs."""

import pytest

from takeaction.api.tests.conftest import OSDI, osdi_get, osdi_send

pytestmark = pytest.mark.django_db

DEEP = b"[" * 100_000 + b"]" * 100_000


def _osdi_error(response) -> str:
    assert response.status_code == 400, response.content[:200]
    return response.json()["osdi:error"]["error_description"]


@pytest.mark.parametrize("path", ["people", "tags"])
def test_deeply_nested_json_is_a_400_not_a_recursion_error(client, osdi_team, path):
    _org, _campaign, key = osdi_team
    body = b'{"name": ' + DEEP + b"}"
    assert "nested too deeply" in _osdi_error(osdi_send(client, "POST", OSDI + path, key, body))


def test_a_nul_in_a_json_body_is_a_400(client, osdi_team):
    _org, _campaign, key = osdi_team
    body = {"person": {"email_addresses": [{"address": "fan\u0000@example.org"}]}}
    assert "NUL" in _osdi_error(osdi_send(client, "POST", OSDI + "people", key, body))


@pytest.mark.parametrize(
    "moment",
    [
        "2024-02-30",  # no such day
        "2024-13-01T00:00:00Z",  # no such month
        "9999-12-31T23:00:00-05:00",  # past year 9999 once in UTC
        "0001-01-01T00:00:00+05:00",  # before year 1 once in UTC
    ],
)
@pytest.mark.parametrize("path", ["people", "tags", "advocacy_campaigns"])
def test_impossible_modified_dates_are_a_400(client, osdi_team, path, moment):
    _org, _campaign, key = osdi_team
    response = osdi_get(client, OSDI + path, key, filter=f"modified_date gt '{moment}'")
    assert "modified_date" in _osdi_error(response)


@pytest.mark.parametrize(
    "path",
    [
        OSDI + "people?filter=email_address eq 'fan%00@example.org'",
        OSDI + "people/abc%00def",
        OSDI + "advocacy_campaigns/%00",
        OSDI + "tags?page=1%00",
    ],
)
def test_a_nul_in_an_osdi_address_is_a_400(client, osdi_team, path):
    _org, _campaign, key = osdi_team
    response = client.get(path, HTTP_OSDI_API_TOKEN=key)
    assert "NUL" in _osdi_error(response)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/campaigns/act%00",
        "/api/v1/campaigns/act%00/actions",
        "/api/v1/campaigns/act/actions?source=story%00",
        "/api/v1/campaigns/act/sources?cursor=%00",
    ],
)
def test_a_nul_in_a_v1_address_is_a_400_with_the_error_envelope(client, osdi_team, path):
    _org, _campaign, key = osdi_team
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request" and "NUL" in error["message"]
