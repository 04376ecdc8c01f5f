"""Writes for webhooks as organizers manage them: endpoints, and turning off failing ones.

The flow goes one way: a domain event (core/events.py) reaches ``emitting.event_emit``,
which stores deliveries and queues a ``tasks.deliver_webhook`` for each; the task runs
``delivery.delivery_attempt``, which uses this module to turn off an endpoint whose
every attempt has failed for ``AUTO_DISABLE_AFTER`` (its organization's owners get an
e-mail). Nothing here queues a task.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from takeaction.accounts.models import Membership, Role
from takeaction.accounts.services import change_record
from takeaction.webhooks import signing
from takeaction.webhooks.models import WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.selectors import active_endpoints_forget
from takeaction.webhooks.targets import target_resolve

# An endpoint is turned off once every attempt has failed for this long, and there
# were at least this many of them (so one failure after a quiet week does not count).
AUTO_DISABLE_AFTER = datetime.timedelta(hours=24)
AUTO_DISABLE_MIN_FAILURES = 5
# How long the old secret still signs after a rotation.
PREVIOUS_SECRET_GRACE = datetime.timedelta(hours=24)

logger = logging.getLogger(__name__)

Status = WebhookDelivery.Status


def _forget_active_endpoints(organization_id: int) -> None:
    # After commit, so a request racing the change cannot cache the old list again.
    transaction.on_commit(lambda: active_endpoints_forget(organization_id))


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
