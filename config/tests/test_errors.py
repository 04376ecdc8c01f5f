"""A database that does not answer is a 503 with Retry-After, in the client's shape; pages
already cached keep being served, and the next request after recovery is answered."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from takeaction.accounts.api_keys import api_key_create
from takeaction.actions.models import ActionEvent
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.fixture
def campaign():
    return CampaignFactory(slug="outage")


def test_a_page_needing_the_database_is_a_503_page_with_retry_after(browser, campaign, settings):
    settings.DATABASE_RETRY_AFTER_SECONDS = 7
    with connection.execute_wrapper(_database_down):
        response = browser.get("/c/outage/officials/?zip=10001")
    assert response.status_code == 503 and response["Retry-After"] == "7"
    html = response.content.decode()
    assert "We are back in a moment" in html and 'lang="es"' in html
    assert browser.get("/c/outage/officials/?zip=10001").status_code in (200, 400)  # recovered


def test_the_page_scripts_act_gets_json_and_nothing_is_counted(browser, campaign):
    with connection.execute_wrapper(_database_down):
        response = browser.post(
            "/c/outage/act/", {"verb": "talk", "outcome": "talked_to_someone"},
            HTTP_ACCEPT="application/json",
        )  # fmt: skip
    assert response.status_code == 503 and response["Retry-After"]
    assert response.json() == {"ok": False, "error": response.json()["error"]}
    assert "Try again" in response.json()["error"]
    assert ActionEvent.objects.count() == 0


def test_both_apis_answer_in_their_own_error_shape(browser, campaign, django_user_model):
    owner = django_user_model.objects.create_user("o", "o@example.org", "o-pass-123456")
    _row, key = api_key_create(organization=campaign.organization, name="k", user=owner)
    with connection.execute_wrapper(_database_down):
        v1 = browser.get("/api/v1/campaigns/outage", HTTP_AUTHORIZATION=f"Bearer {key}")
        osdi = browser.get("/api/osdi/v2/people", HTTP_OSDI_API_TOKEN=key)
    assert v1.status_code == 503 and v1.json()["error"]["code"] == "unavailable"
    assert osdi.status_code == 503 and osdi.json()["osdi:error"]["response_code"] == 503
    assert v1["Retry-After"] and osdi["Retry-After"]


def test_a_cached_page_keeps_being_served_while_the_database_is_down(browser, campaign):
    assert browser.get("/c/outage/").status_code == 200  # rendered once, then cached
    with connection.execute_wrapper(_database_down):
        response = browser.get("/c/outage/")
    assert response.status_code == 200 and campaign.title in response.content.decode()


def test_other_errors_stay_500_and_json_clients_get_json(browser, campaign, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr("takeaction.site.action_views.counts_get", broken)
    response = browser.get("/c/outage/counts.json", HTTP_ACCEPT="application/json")
    assert response.status_code == 500 and "Retry-After" not in response
    assert response.json()["ok"] is False
    page = browser.get("/c/outage/counts.json")
    assert page.status_code == 500 and "Something went wrong" in page.content.decode()
