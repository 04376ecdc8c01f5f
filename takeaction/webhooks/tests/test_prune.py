"""Old finished deliveries leave the log; pending ones and recent ones stay."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from takeaction.webhooks import emitting
from takeaction.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

Status = WebhookDelivery.Status


@pytest.fixture
def endpoint(org):
    return WebhookEndpoint.objects.create(
        organization=org, url="https://hooks.example/in", secret="s" * 40, event_types=[]
    )


def delivery(endpoint, status, *, days_ago: int, finished: bool = True):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    row = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type="action.recorded",
        payload="{}",
        status=status,
        created_at=at,
        finished_at=at if finished else None,
    )
    WebhookAttempt.objects.create(delivery=row, number=1, created_at=at)
    return row


def test_finished_deliveries_older_than_the_retention_go_with_their_attempts(
    endpoint, monkeypatch, settings
):
    settings.WEBHOOKS_LOG_RETENTION_DAYS = 30
    monkeypatch.setattr(emitting, "PRUNE_BATCH", 2)  # several batches
    old = [
        delivery(endpoint, status, days_ago=45) for status in Status.values if status != "pending"
    ]
    old.append(delivery(endpoint, Status.CANCELLED, days_ago=40, finished=False))
    old.append(delivery(endpoint, Status.DELIVERED, days_ago=31))
    kept = [
        delivery(endpoint, Status.PENDING, days_ago=60, finished=False),  # still to be sent
        delivery(endpoint, Status.DELIVERED, days_ago=29),
        delivery(endpoint, Status.FAILED, days_ago=1),
    ]
    out = io.StringIO()
    call_command("webhooks_prune", stdout=out)
    assert f"Deleted {len(old)} finished deliveries older than 30 days." in out.getvalue()
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {row.pk for row in kept}
    assert WebhookAttempt.objects.count() == len(kept)


def test_days_can_be_given_and_must_be_positive(endpoint):
    delivery(endpoint, Status.DELIVERED, days_ago=8)
    call_command("webhooks_prune", "--days", "10", stdout=io.StringIO())
    assert WebhookDelivery.objects.count() == 1
    call_command("webhooks_prune", "--days", "7", stdout=io.StringIO())
    assert WebhookDelivery.objects.count() == 0
    with pytest.raises(CommandError, match="at least 1"):
        call_command("webhooks_prune", "--days", "0")
