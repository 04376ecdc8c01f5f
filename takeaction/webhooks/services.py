"""Writes for webhooks: endpoints, emitting events, and each delivery attempt.

The flow: a domain event (core/events.py) arrives after its transaction committed;
``event_emit`` inserts one delivery row per interested endpoint and, in the same
transaction, enqueues one ``deliver_webhook`` task each. The worker's
``delivery_attempt`` checks the target again, signs, posts, logs the attempt, and
on failure enqueues its own retry with ``run_after`` (``RETRY_DELAYS``). An
endpoint whose every attempt has failed for ``AUTO_DISABLE_AFTER`` is turned off
and its organization's owners get an e-mail.
"""

import datetime
import logging
import smtplib
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from takeaction.accounts.models import Membership, Role
from takeaction.accounts.services import change_record
from takeaction.webhooks import signing
from takeaction.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.payloads import envelope
from takeaction.webhooks.selectors import active_endpoints_for, active_endpoints_key
from takeaction.webhooks.sending import Response, post
from takeaction.webhooks.targets import TargetRefused, target_resolve
from takeaction.webhooks.tasks import deliver_webhook

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
# An endpoint is turned off once every attempt has failed for this long, and there
# were at least this many of them (so one failure after a quiet week does not count).
AUTO_DISABLE_AFTER = datetime.timedelta(hours=24)
AUTO_DISABLE_MIN_FAILURES = 5
# How long the old secret still signs after a rotation.
PREVIOUS_SECRET_GRACE = datetime.timedelta(hours=24)
USER_AGENT = "TakeAction-Webhooks/1"

logger = logging.getLogger(__name__)

Status = WebhookDelivery.Status


def _forget_active_endpoints(organization_id: int) -> None:
    # After commit, so a request racing the change cannot cache the old list again.
    key = active_endpoints_key(organization_id)
    transaction.on_commit(lambda: cache.delete(key))


def _cancel_pending(endpoint: WebhookEndpoint, now: datetime.datetime) -> None:
    # Their queued tasks find them no longer pending and stop without sending.
    endpoint.deliveries.filter(status=Status.PENDING).update(
        status=Status.CANCELLED, finished_at=now, next_attempt_at=None
    )


# --- Endpoints, as organizers manage them -----------------------------------------


@transaction.atomic
def endpoint_create(
    *, organization, user, url: str, event_types: list[str], description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; return it and its secret, which the organizer sees this once.

    Raises TargetRefused when the URL may not receive webhooks.
    """
    target_resolve(url)
    secret = signing.secret_new()
    endpoint = WebhookEndpoint.objects.create(
        organization=organization,
        url=url,
        description=description,
        event_types=list(event_types),
        secret=secret,
        created_by=user,
    )
    change_record(organization=organization, user=user, action="webhook.create", summary=url)
    _forget_active_endpoints(organization.pk)
    return endpoint, secret


@transaction.atomic
def endpoint_update(
    *, endpoint: WebhookEndpoint, user, url: str, event_types: list[str], description: str = ""
) -> WebhookEndpoint:
    """Change an endpoint's URL, events or description (a new URL is checked first)."""
    if url != endpoint.url:
        target_resolve(url)
    endpoint.url = url
    endpoint.event_types = list(event_types)
    endpoint.description = description
    endpoint.save(update_fields=["url", "event_types", "description", "updated_at"])
    change_record(
        organization=endpoint.organization, user=user, action="webhook.update", summary=url
    )
    _forget_active_endpoints(endpoint.organization_id)
    return endpoint


@transaction.atomic
def endpoint_disable(*, endpoint: WebhookEndpoint, user) -> None:
    """Stop sending to an endpoint; deliveries still waiting are cancelled."""
    if not endpoint.is_active:
        return
    now = timezone.now()
    endpoint.disabled_at = now
    endpoint.disabled_reason = WebhookEndpoint.DisabledReason.MANUAL
    endpoint.save(update_fields=["disabled_at", "disabled_reason", "updated_at"])
    _cancel_pending(endpoint, now)
    change_record(
        organization=endpoint.organization, user=user,
        action="webhook.disable", summary=endpoint.url,
    )  # fmt: skip
    _forget_active_endpoints(endpoint.organization_id)


@transaction.atomic
def endpoint_enable(*, endpoint: WebhookEndpoint, user) -> None:
    """Send to an endpoint again, with a clean failure record."""
    if endpoint.is_active:
        return
    endpoint.disabled_at = None
    endpoint.disabled_reason = ""
    endpoint.failing_since = None
    endpoint.consecutive_failures = 0
    endpoint.save(
        update_fields=[
            "disabled_at", "disabled_reason", "failing_since", "consecutive_failures", "updated_at"
        ]
    )  # fmt: skip
    change_record(
        organization=endpoint.organization, user=user,
        action="webhook.enable", summary=endpoint.url,
    )  # fmt: skip
    _forget_active_endpoints(endpoint.organization_id)


@transaction.atomic
def endpoint_delete(*, endpoint: WebhookEndpoint, user) -> None:
    """Delete an endpoint with its delivery log; its queued tasks then find nothing to send."""
    change_record(
        organization=endpoint.organization, user=user,
        action="webhook.delete", summary=endpoint.url,
    )  # fmt: skip
    _forget_active_endpoints(endpoint.organization_id)
    endpoint.delete()


@transaction.atomic
def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, user) -> str:
    """Give the endpoint a new secret (returned, shown once); the old one signs for a day more."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + PREVIOUS_SECRET_GRACE
    endpoint.secret = signing.secret_new()
    endpoint.save(
        update_fields=["secret", "previous_secret", "previous_secret_expires_at", "updated_at"]
    )
    change_record(
        organization=endpoint.organization, user=user,
        action="webhook.rotate_secret", summary=endpoint.url,
    )  # fmt: skip
    return endpoint.secret


# --- Emitting events ----------------------------------------------------------------


def event_emit(
    *, organization_id: int, event_type: str, build_data: Callable[[], dict]
) -> list[WebhookDelivery]:
    """Queue one delivery of an event to each of the organization's endpoints that want it.

    Runs in the request that caused the event, after its commit, so it does no
    network I/O: rows and queued tasks only. ``build_data`` is called only when
    some endpoint wants the event; with none, this costs one cache read.
    """
    wanted = [
        endpoint
        for endpoint in active_endpoints_for(organization_id=organization_id)
        if event_type in endpoint.event_types
    ]
    if not wanted:
        return []
    # The cached list may be up to a minute old: skip endpoints deleted or turned off since.
    still_active = set(
        WebhookEndpoint.objects.filter(
            pk__in=[endpoint.id for endpoint in wanted], disabled_at__isnull=True
        ).values_list("pk", flat=True)
    )
    data = build_data()
    created = timezone.now()
    deliveries = []
    for endpoint in wanted:
        if endpoint.id not in still_active:
            continue
        delivery_id = uuid.uuid4()
        body = envelope(
            delivery_id=delivery_id,
            event_type=event_type,
            created=created,
            organization=endpoint.organization_slug,
            data=data,
        )
        deliveries.append(
            WebhookDelivery(
                public_id=delivery_id,
                endpoint_id=endpoint.id,
                event_type=event_type,
                payload=body,
                created_at=created,
            )
        )
    with transaction.atomic():
        WebhookDelivery.objects.bulk_create(deliveries)
        # The task queue is a table in this database (TASKS): the queued tasks commit
        # with the deliveries or not at all, so no delivery can be left without a
        # task, and the worker never sees a task before its delivery row.
        for delivery in deliveries:
            deliver_webhook.enqueue(str(delivery.public_id))
    return deliveries


# --- Delivering (in the worker) -------------------------------------------------------


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


def _retry_later(delivery: WebhookDelivery, delay: datetime.timedelta) -> None:
    run_after = timezone.now() + delay
    delivery.next_attempt_at = run_after
    delivery.save(update_fields=["next_attempt_at"])
    deliver_webhook.using(run_after=run_after).enqueue(str(delivery.public_id))


def delivery_attempt(*, delivery_id: str) -> str:
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
        return _record_attempt(delivery, endpoint, number, response)


def _record_attempt(delivery, endpoint, number: int, response: Response) -> str:
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
        _retry_later(delivery, RETRY_DELAYS[number - 1])
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


def endpoint_disable_for_failure(*, endpoint: WebhookEndpoint) -> bool:
    """Turn off a failing endpoint and tell the owners; False if it was already off."""
    now = timezone.now()
    with transaction.atomic():
        turned_off = WebhookEndpoint.objects.filter(
            pk=endpoint.pk, disabled_at__isnull=True
        ).update(disabled_at=now, disabled_reason=WebhookEndpoint.DisabledReason.FAILING)
        if not turned_off:
            return False  # another worker got here first, and sent the e-mail
        _cancel_pending(endpoint, now)
        change_record(
            organization=endpoint.organization, user=None, action="webhook.auto_disable",
            summary=f"{endpoint.url}: {endpoint.consecutive_failures} failed attempts in a row",
        )  # fmt: skip
        _forget_active_endpoints(endpoint.organization_id)
    endpoint.refresh_from_db()
    _owners_notify_disabled(endpoint)
    return True


def _owners_notify_disabled(endpoint: WebhookEndpoint) -> None:
    organization = endpoint.organization
    owners = (
        Membership.objects.filter(organization=organization, role=Role.OWNER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    link = settings.SITE_URL + reverse(
        "workspace:webhook", kwargs={"org_slug": organization.slug, "endpoint_id": endpoint.pk}
    )
    since = endpoint.failing_since.strftime("%Y-%m-%d %H:%M UTC") if endpoint.failing_since else ""
    subject = f"Webhook endpoint turned off: {endpoint.url}"
    message = (
        f"{settings.SITE_NAME} stopped sending webhooks to {endpoint.url} for "
        f"{organization.name}: every delivery attempt since {since} failed "
        f"({endpoint.consecutive_failures} in a row).\n\n"
        "Deliveries that were still waiting were cancelled. Fix the receiver, then turn "
        f"the endpoint back on here (the delivery log shows what it answered):\n{link}\n"
    )
    # One message per owner, so owners do not see each other's addresses. A mail
    # server that is down must not undo the disabling: the banner still shows it.
    try:
        send_mass_mail([(subject, message, None, [email]) for email in owners])
    except (OSError, smtplib.SMTPException):
        logger.exception(
            "Could not e-mail the owners of %s about endpoint %s", organization, endpoint.pk
        )


# A pending delivery whose attempt is this late has lost its task (a worker killed
# mid-attempt, a task row removed by hand): the sweeper queues it again.
STUCK_AFTER = datetime.timedelta(minutes=15)


def deliveries_requeue_stuck(*, now: datetime.datetime | None = None) -> int:
    """Queue a task again for each pending delivery overdue by ``STUCK_AFTER``; return how many.

    A delivery whose task is merely late gets a second task; whichever runs second
    finds the attempt claimed and stops, so no attempt is sent twice.
    """
    cutoff = (now or timezone.now()) - STUCK_AFTER
    overdue = WebhookDelivery.objects.filter(status=Status.PENDING).filter(
        Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True, created_at__lt=cutoff)
    )
    ids = [str(public_id) for public_id in overdue.values_list("public_id", flat=True)]
    with transaction.atomic():
        for delivery_id in ids:
            deliver_webhook.enqueue(delivery_id)
    return len(ids)


PRUNE_BATCH = 2000


def deliveries_prune(*, older_than: datetime.timedelta, now: datetime.datetime | None = None):
    """Delete finished deliveries (and their attempts) that ended before ``older_than`` ago.

    Pending deliveries are never touched, however old. Rows go in batches, each in
    its own short transaction, so a large log does not hold one long lock. Return
    how many deliveries were deleted.
    """
    cutoff = (now or timezone.now()) - older_than
    finished = WebhookDelivery.objects.exclude(status=Status.PENDING).filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    deleted = 0
    while ids := list(finished.values_list("pk", flat=True)[:PRUNE_BATCH]):
        with transaction.atomic():
            WebhookAttempt.objects.filter(delivery_id__in=ids).delete()
            deleted += WebhookDelivery.objects.filter(pk__in=ids).delete()[0]
    return deleted
