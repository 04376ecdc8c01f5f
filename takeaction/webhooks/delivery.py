"""One delivery attempt, in the worker: check the target again, sign, post, log the outcome.

A failed attempt asks the caller (``tasks.deliver_webhook``) to queue the next one
after ``RETRY_DELAYS``, inside the transaction that logs the attempt, so the log,
the outcome and the queued retry commit together.
"""

import datetime
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from takeaction.webhooks import signing
from takeaction.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.sending import Response, post
from takeaction.webhooks.services import (
    AUTO_DISABLE_AFTER,
    AUTO_DISABLE_MIN_FAILURES,
    endpoint_disable_for_failure,
)
from takeaction.webhooks.targets import TargetRefused, target_resolve

# Waits before the 2nd to 7th attempt: a receiver that is down for a deploy gets
# the delivery a minute later; one down for a day still gets it.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
    datetime.timedelta(hours=24),
)
USER_AGENT = "TakeAction-Webhooks/1"

Status = WebhookDelivery.Status
# Queues the delivery's next attempt: (delivery public id, when).
RetryScheduler = Callable[[str, datetime.datetime], None]


def _request_headers(delivery: WebhookDelivery, number: int, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    secrets = delivery.endpoint.signing_secrets()
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Connection": "close",
        signing.EVENT_HEADER: delivery.event_type,
        signing.DELIVERY_HEADER: str(delivery.public_id),
        signing.ATTEMPT_HEADER: str(number),
        signing.SIGNATURE_HEADER: signing.signature_header(secrets, timestamp, body),
    }


def _send(delivery: WebhookDelivery, number: int) -> Response:
    try:
        # Again at every attempt: the name may resolve elsewhere than at registration.
        target = target_resolve(delivery.endpoint.url)
    except TargetRefused as refused:
        return Response(status_code=None, duration_ms=0, error=f"Not sent: {refused}"[:300])
    body = delivery.payload.encode()
    return post(target, body, _request_headers(delivery, number, body))


def _finish(delivery: WebhookDelivery, status: str) -> None:
    delivery.status = status
    delivery.finished_at = timezone.now()
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "finished_at", "next_attempt_at"])


def _retry_later(
    delivery: WebhookDelivery, delay: datetime.timedelta, schedule_retry: RetryScheduler
) -> None:
    run_after = timezone.now() + delay
    delivery.next_attempt_at = run_after
    delivery.save(update_fields=["next_attempt_at"])
    schedule_retry(str(delivery.public_id), run_after)


def delivery_attempt(*, delivery_id: str, schedule_retry: RetryScheduler) -> str:
    """Make a delivery's next attempt and log it; return the delivery's status after it."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint__organization")
        .filter(public_id=delivery_id)
        .first()
    )
    if delivery is None:
        return "gone"  # the endpoint was deleted with its deliveries
    if delivery.status != Status.PENDING:
        return delivery.status
    endpoint = delivery.endpoint
    if not endpoint.is_active or delivery.event_type not in endpoint.event_types:
        _finish(delivery, Status.CANCELLED)
        return delivery.status
    number = delivery.attempt_count + 1
    # Claim the attempt: a second copy of this task finds the count moved and stops,
    # so a receiver never gets the same attempt twice.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=Status.PENDING, attempt_count=delivery.attempt_count
    ).update(attempt_count=number)
    if not claimed:
        return "claimed elsewhere"
    delivery.attempt_count = number
    response = _send(delivery, number)
    # The log, the outcome and the queued retry commit together.
    with transaction.atomic():
        return _record_attempt(delivery, endpoint, number, response, schedule_retry)


def _record_attempt(
    delivery, endpoint, number: int, response: Response, schedule_retry: RetryScheduler
) -> str:
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        succeeded=response.ok,
        status_code=response.status_code,
        duration_ms=response.duration_ms,
        response_excerpt=response.excerpt,
        error=response.error,
    )
    if response.ok:
        _finish(delivery, Status.DELIVERED)
        _endpoint_succeeded(endpoint)
        return delivery.status
    disabled = _endpoint_failed(endpoint)
    if disabled or number > len(RETRY_DELAYS):
        _finish(delivery, Status.FAILED)
    else:
        _retry_later(delivery, RETRY_DELAYS[number - 1], schedule_retry)
    return delivery.status


def _endpoint_succeeded(endpoint: WebhookEndpoint) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).filter(
        Q(consecutive_failures__gt=0) | Q(failing_since__isnull=False)
    ).update(consecutive_failures=0, failing_since=None)


def _endpoint_failed(endpoint: WebhookEndpoint) -> bool:
    """Count a failed attempt; turn the endpoint off if it has failed long enough. True if so."""
    now = timezone.now()
    # In one UPDATE, so two workers failing at once both count.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1,
        failing_since=Coalesce("failing_since", Value(now, output_field=DateTimeField())),
    )
    endpoint.refresh_from_db(fields=["consecutive_failures", "failing_since", "disabled_at"])
    if (
        endpoint.is_active
        and endpoint.consecutive_failures >= AUTO_DISABLE_MIN_FAILURES
        and endpoint.failing_since <= now - AUTO_DISABLE_AFTER
    ):
        return endpoint_disable_for_failure(endpoint=endpoint)
    return False
