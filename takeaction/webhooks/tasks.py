"""Background tasks: the worker (``manage.py db_worker``) runs them, never a web request."""

import datetime

from django_tasks import task

from takeaction.webhooks.delivery import delivery_attempt


def _attempt_again(delivery_id: str, run_after: datetime.datetime) -> None:
    deliver_webhook.using(run_after=run_after).enqueue(delivery_id)


@task()
def deliver_webhook(delivery_id: str) -> str:
    """Make one attempt at a delivery; a failed attempt queues its own retry."""
    return delivery_attempt(delivery_id=delivery_id, schedule_retry=_attempt_again)
