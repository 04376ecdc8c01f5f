"""Emitting events: rows and queued tasks only, nearly free without endpoints."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django_tasks_db.models import DBTaskResult

from takeaction.campaigns.services import campaign_change_status
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.services import PersonDetails, person_signup
from takeaction.webhooks import emitting, receivers, services
from takeaction.webhooks.models import WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.selectors import active_endpoints_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_targets_allowed")]

# "elapsed": sent five seconds after the page loaded, as the page script says (docs/counting.md).
TALK = {"verb": "talk", "outcome": "talked_to_someone", "elapsed": "5000"}


@pytest.fixture
def campaign(org):
    return CampaignFactory(organization=org, slug="act", ask="Please talk, call.")


def _endpoint(org, owner, events, url="http://127.0.0.1:9/hook"):
    endpoint, _secret = services.endpoint_create(
        organization=org, user=owner, url=url, event_types=events
    )
    return endpoint


def test_an_action_post_without_endpoints_pays_no_query_once_the_cache_is_warm(
    campaign, monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    asked = []
    real = emitting.active_endpoints_for
    monkeypatch.setattr(
        emitting, "active_endpoints_for", lambda **kwargs: asked.append(kwargs) or real(**kwargs)
    )

    def act_then_run_after_commit_hooks(queries: int):
        # The request itself is the actions app's business (its own budget test);
        # what runs after its commit (the webhook receiver among it) is counted here.
        with django_capture_on_commit_callbacks() as hooks:
            assert Client().post("/c/act/act/", TALK).status_code == 303
        with django_assert_num_queries(queries):
            for hook in hooks:
                hook()

    # The first action of the process reads the organization's (empty) endpoint list...
    act_then_run_after_commit_hooks(1)
    assert cache.get(active_endpoints_key(campaign.organization_id)) == []
    # ...after which an action's webhook hooks cost no query at all.
    act_then_run_after_commit_hooks(0)
    act_then_run_after_commit_hooks(0)
    assert asked == [{"organization_id": campaign.organization_id}] * 3
    assert WebhookDelivery.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_an_action_queues_one_delivery_per_interested_endpoint_and_sends_nothing(
    org, owner, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wants = _endpoint(org, owner, ["action.recorded", "person.created"])
        _endpoint(org, owner, ["campaign.published"])
        Client().post("/c/act/act/", TALK)

    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == wants and delivery.status == "pending"
    body = json.loads(delivery.payload)
    assert body["type"] == "action.recorded" and body["organization"] == org.slug
    assert body["id"] == str(delivery.public_id)
    assert body["created"].endswith("Z")
    assert body["data"]["campaign"] == "act" and body["data"]["verb"] == "talk"
    task = DBTaskResult.objects.get()
    assert task.task_path == "takeaction.webhooks.tasks.deliver_webhook"
    assert task.args_kwargs == {"args": [str(delivery.public_id)], "kwargs": {}}
    assert delivery.attempts.count() == 0


def test_people_and_campaigns_have_their_own_payloads(
    org, owner, django_capture_on_commit_callbacks
):
    draft = CampaignFactory(organization=org, slug="soon", status="draft", title="Soon")
    with django_capture_on_commit_callbacks(execute=True):
        _endpoint(org, owner, ["person.created", "person.updated", "campaign.published"])
    with django_capture_on_commit_callbacks(execute=True):
        details = PersonDetails(email="Ana@Example.org", given_name="Ana", postal_code="05401")
        person, _created = person_signup(organization=org, details=details)
        person_signup(organization=org, details=PersonDetails(email="ana@example.org"))
        campaign_change_status(campaign=draft, status="live")

    bodies = [json.loads(d.payload) for d in WebhookDelivery.objects.order_by("id")]
    assert [b["type"] for b in bodies] == ["person.created", "person.updated", "campaign.published"]
    person.refresh_from_db()
    assert bodies[0]["data"] == {
        "id": str(person.public_id),
        "email": "ana@example.org",
        "given_name": "Ana",
        "family_name": "",
        "postal_code": "05401",
        "email_status": "subscribed",
        "created_at": person.created_at.isoformat().replace("+00:00", "Z"),
        "modified_at": bodies[0]["data"]["modified_at"],
    }
    draft.refresh_from_db()
    assert bodies[2]["data"] == {
        "slug": "soon",
        "title": "Soon",
        "url": "http://127.0.0.1:8000/c/soon/",
        "published_at": draft.updated_at.isoformat().replace("+00:00", "Z"),
    }


def test_endpoint_changes_reach_the_cached_list(org, owner, django_capture_on_commit_callbacks):
    def emit():
        with django_capture_on_commit_callbacks(execute=True):
            return emitting.event_emit(
                organization_id=org.pk, event_type="campaign.published", build_data=dict
            )

    assert emit() == []  # caches "no endpoints"
    with django_capture_on_commit_callbacks(execute=True):
        endpoint = _endpoint(org, owner, ["campaign.published"])
    assert len(emit()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_disable(endpoint=endpoint, user=owner)
    assert emit() == []
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_enable(endpoint=endpoint, user=owner)
        services.endpoint_update(
            endpoint=endpoint, user=owner, url=endpoint.url, event_types=["action.recorded"]
        )
    assert emit() == []


def test_a_stale_cached_list_never_sends_to_a_deleted_endpoint(
    org, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = _endpoint(org, owner, ["campaign.published"])
        gone = _endpoint(org, owner, ["campaign.published"], url="http://127.0.0.1:10/x")
    emitting.event_emit(organization_id=org.pk, event_type="campaign.published", build_data=dict)
    # Deleted in another process: this process's cached list still names it.
    WebhookEndpoint.objects.filter(pk=gone.pk).delete()
    deliveries = emitting.event_emit(
        organization_id=org.pk, event_type="campaign.published", build_data=dict
    )
    assert [d.endpoint_id for d in deliveries] == [kept.pk]


def test_a_failing_emission_never_fails_the_fans_action(
    campaign, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(receivers, "event_emit", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/c/act/act/", TALK)
    assert response.status_code == 303
    assert "Could not queue action.recorded webhooks" in caplog.text
