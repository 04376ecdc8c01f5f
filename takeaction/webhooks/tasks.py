"""Background tasks: the worker (``manage.py db_worker``) runs them, never a web request."""

from django_tasks import task


@task()
def deliver_webhook(delivery_id: str) -> str:
    """Make one attempt at a delivery; a failed attempt enqueues its own retry."""
    # Imported here because services enqueues this task.
    from takeaction.webhooks.services import delivery_attempt

    return delivery_attempt(delivery_id=delivery_id)
