"""An endpoint that fails for a day is turned off; owners get an e-mail and a banner."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from takeaction.accounts.models import ChangeRecord, Membership, Role
from takeaction.webhooks import emitting, services
from takeaction.webhooks.models import WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.tasks import deliver_webhook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_targets_allowed")]


@pytest.fixture
def endpoint(org, owner, receiver, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        endpoint, _secret = services.endpoint_create(
            organization=org, user=owner, url=receiver.url, event_types=["campaign.published"]
        )
    return endpoint


def _emit(org, django_capture_on_commit_callbacks) -> list[WebhookDelivery]:
    with django_capture_on_commit_callbacks(execute=True):
        return emitting.event_emit(
            organization_id=org.pk, event_type="campaign.published", build_data=dict
        )


def _attempt(delivery) -> str:
    # What the worker runs for each queued task.
    return deliver_webhook.call(str(delivery.public_id))


def test_a_day_of_failures_turns_the_endpoint_off_and_tells_the_owners(
    client, org, owner, endpoint, receiver, django_capture_on_commit_callbacks
):
    second_owner = get_user_model().objects.create_user("owner2", "owner2@example.org", "pw")
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    Membership.objects.create(user=second_owner, organization=org, role=Role.OWNER)
    Membership.objects.create(user=editor, organization=org, role=Role.EDITOR)
    (delivery,) = _emit(org, django_capture_on_commit_callbacks)

    for _ in range(4):
        assert _attempt(delivery) == "pending"
    endpoint.refresh_from_db()
    # Four failures within minutes are not "a day of failures".
    assert endpoint.is_active and endpoint.consecutive_failures == 4
    assert mail.outbox == []

    # A day later (the start of the failure run moved back instead of waiting), the
    # next failed attempt turns it off.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - datetime.timedelta(hours=25)
    )
    (waiting,) = _emit(org, django_capture_on_commit_callbacks)
    assert _attempt(delivery) == "failed"

    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_reason == "failing"
    assert len(receiver.requests) == 5
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"  # never sent to a switched-off endpoint
    assert _attempt(waiting) == "cancelled" and len(receiver.requests) == 5
    assert ChangeRecord.objects.filter(action="webhook.auto_disable", organization=org).exists()
    # One e-mail per owner, none to the editor, with a link to the endpoint's log.
    assert sorted(m.to[0] for m in mail.outbox) == ["owner2@example.org", "owner@example.org"]
    assert receiver.url in mail.outbox[0].subject
    assert f"/org/{org.slug}/webhooks/{endpoint.pk}/" in mail.outbox[0].body
    # No more deliveries are queued for it.
    assert _emit(org, django_capture_on_commit_callbacks) == []

    # The workspace shows a banner until someone turns the endpoint back on.
    client.force_login(editor)
    workspace = client.get(f"/org/{org.slug}/").content.decode()
    assert 'id="webhooks-disabled-banner"' in workspace and receiver.url in workspace
    assert (
        'id="webhooks-disabled-banner"' in client.get(f"/org/{org.slug}/webhooks/").content.decode()
    )
    client.post(f"/org/{org.slug}/webhooks/{endpoint.pk}/status/", {"active": "1"})
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.consecutive_failures == 0
    assert endpoint.failing_since is None
    assert 'id="webhooks-disabled-banner"' not in client.get(f"/org/{org.slug}/").content.decode()


def test_a_success_ends_the_failure_run(
    org, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 500, 204]
    (delivery,) = _emit(org, django_capture_on_commit_callbacks)
    _attempt(delivery)
    _attempt(delivery)
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 2 and endpoint.failing_since is not None
    assert _attempt(delivery) == "delivered"
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.failing_since is None


def test_a_dead_receiver_is_a_logged_failure_not_a_crash(
    org, owner, django_capture_on_commit_callbacks, receiver
):
    # A port nothing listens on: the receiver fixture's server, stopped.
    url = receiver.url.replace(receiver.url.split(":")[2].split("/")[0], "1")
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_create(
            organization=org, user=owner, url=url, event_types=["campaign.published"]
        )
    (delivery,) = _emit(org, django_capture_on_commit_callbacks)
    assert _attempt(delivery) == "pending"
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and attempt.error == "Connection refused"


def test_the_same_attempt_is_never_made_twice(
    org, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [200]
    (delivery,) = _emit(org, django_capture_on_commit_callbacks)
    assert _attempt(delivery) == "delivered"
    # A duplicate of the task (enqueued twice, or run by two workers) sends nothing more.
    assert _attempt(delivery) == "delivered"
    assert len(receiver.requests) == 1
