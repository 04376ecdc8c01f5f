"""Deliveries to a real HTTP receiver on 127.0.0.1, sent by the real worker.

The fan's action POST only queues; ``db_worker`` (django-tasks-db's own command)
sends, signs, logs, and schedules the retry of a failed attempt with ``run_after``.
These tests commit for real (``transaction=True``), as the worker needs.
"""

import datetime
import json
import re

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("private_targets_allowed"),
]

# "elapsed": sent five seconds after the page loaded, as the page script says (docs/counting.md).
TALK = {"verb": "talk", "outcome": "talked_to_someone", "elapsed": "5000"}


def _add_endpoint(client, org, url: str) -> str:
    """Add an endpoint through the workspace form; return the secret it shows once."""
    response = client.post(
        f"/org/{org.slug}/webhooks/new/",
        {"url": url, "event_types": ["action.recorded"], "description": "CRM"},
    )
    assert response.status_code == 200, response.content
    return re.search(r'id="webhook-secret">([^<]+)<', response.content.decode()).group(1)


def _ready_tasks():
    return DBTaskResult.objects.filter(status="READY")


def test_signed_delivery_is_retried_after_a_500_and_logged(
    client, owner, org, receiver, run_worker, documented_verify
):
    client.force_login(owner)
    campaign = CampaignFactory(organization=org, slug="hooked")
    secret = _add_endpoint(client, org, receiver.url)
    receiver.statuses = [500, 200]

    response = client.post("/c/hooked/act/", TALK)

    # The fan's request queued the delivery and returned; nothing was sent yet.
    assert response.status_code == 303
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempt_count == 0
    assert _ready_tasks().count() == 1

    before_first = timezone.now()
    run_worker()
    assert [r.path for r in receiver.requests] == ["/hooks/takeaction?source=test"]
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempt_count == 1
    # The retry waits a minute: it is queued with run_after, so the worker skips it now.
    retry = _ready_tasks().get()
    assert retry.run_after == delivery.next_attempt_at
    wait = retry.run_after - before_first
    assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=70)
    run_worker()
    assert len(receiver.requests) == 1

    # A minute later (run_after moved instead of waiting), the worker sends it again.
    _ready_tasks().update(run_after=timezone.now())
    run_worker()
    assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.next_attempt_at is None
    assert _ready_tasks().count() == 0

    # Both requests: the same delivery, signed so the documented snippet accepts them.
    for number, request in enumerate(receiver.requests, start=1):
        headers = {k.lower(): v for k, v in request.headers.items()}
        assert documented_verify(secret, request.body, headers["x-takeaction-signature"])
        assert headers["x-takeaction-event"] == "action.recorded"
        assert headers["x-takeaction-delivery"] == str(delivery.public_id)
        assert headers["x-takeaction-attempt"] == str(number)
        assert headers["content-type"] == "application/json"
        body = json.loads(request.body)
        assert body["id"] == str(delivery.public_id)
        assert body["type"] == "action.recorded"
        assert body["organization"] == org.slug
        event = campaign.action_events.get()
        assert body["data"] == {
            "id": str(event.pk),
            "campaign": "hooked",
            "verb": "talk",
            "outcome": "talked_to_someone",
            "target": "",
            "state": "",
            "district": None,
            "source_code": "",
            "kind": "self_reported",
            "counted": True,
            "created_at": event.created_at.isoformat().replace("+00:00", "Z"),
        }
    # ...and rejects what was not signed with this secret, or was changed.
    first = receiver.requests[0]
    signature = first.headers["X-TakeAction-Signature"]
    assert not documented_verify(secret, first.body + b" ", signature)
    assert not documented_verify("whsec_someone-else", first.body, signature)
    assert not documented_verify(secret, first.body, "t=1,v1=" + signature.split("v1=")[1])

    # The log keeps both attempts, and the organizer's page shows them.
    attempts = list(delivery.attempts.order_by("number"))
    assert [(a.number, a.status_code, a.succeeded) for a in attempts] == [
        (1, 500, False),
        (2, 200, True),
    ]
    assert '"status": 500' in attempts[0].response_excerpt
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.consecutive_failures == 0 and endpoint.failing_since is None
    page = client.get(f"/org/{org.slug}/webhooks/{endpoint.pk}/").content.decode()
    log = page[page.index('id="delivery-log"') :]
    assert str(delivery.public_id) in log
    assert log.index("HTTP 500") < log.index("HTTP 200")
    assert "Delivered" in log


def test_a_receiver_that_never_answers_2xx_gets_seven_attempts_a_day_and_a_half_apart(
    client, owner, org, receiver, run_worker
):
    client.force_login(owner)
    CampaignFactory(organization=org, slug="hooked")
    _add_endpoint(client, org, receiver.url)
    receiver.statuses = [503]
    client.post("/c/hooked/act/", TALK)

    waits = []
    for _ in range(7):
        task = _ready_tasks().get()
        if task.run_after.year < 9000:  # django-tasks-db stores "no run_after" as the max date
            waits.append(task.run_after)
        _ready_tasks().update(run_after=timezone.now())
        run_worker()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempt_count == 7
    assert len(receiver.requests) == 7
    assert _ready_tasks().count() == 0
    assert list(delivery.attempts.values_list("status_code", flat=True)) == [503] * 7
    attempt_times = list(delivery.attempts.values_list("created_at", flat=True))
    # Each retry was scheduled its delay after the attempt before it.
    delays = [
        round((due - at).total_seconds() / 60)
        for due, at in zip(waits, attempt_times[:6], strict=True)
    ]
    assert delays == [1, 5, 30, 120, 360, 1440]
    # Seven quick failures are not a day of failures: the endpoint stays on.
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.is_active and endpoint.consecutive_failures == 7


def test_a_delivery_that_lost_its_task_is_queued_again_and_sent_once(
    client, owner, org, receiver, run_worker
):
    from django.core.management import call_command

    client.force_login(owner)
    CampaignFactory(organization=org, slug="hooked")
    _add_endpoint(client, org, receiver.url)
    client.post("/c/hooked/act/", TALK)
    _ready_tasks().delete()  # as if the worker had died holding the task
    call_command("webhooks_requeue", verbosity=0)
    assert _ready_tasks().count() == 0  # not overdue yet: its task may only be late

    WebhookDelivery.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=20))
    call_command("webhooks_requeue", verbosity=0)
    call_command("webhooks_requeue", verbosity=0)  # run twice: two tasks, one attempt
    assert _ready_tasks().count() == 2
    run_worker()
    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempt_count) == ("delivered", 1)
