"""Emitting events to endpoints, and keeping the delivery queue whole.

``event_emit`` runs in the request that caused the event, after its commit: it
inserts one delivery row per interested endpoint and, in the same transaction,
queues one ``deliver_webhook`` task each (see ``delivery`` for what the worker does).
"""

import datetime
import uuid
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from takeaction.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.payloads import envelope
from takeaction.webhooks.selectors import active_endpoints_for
from takeaction.webhooks.tasks import deliver_webhook

Status = WebhookDelivery.Status


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
