"""Reads for webhooks: what the workspace shows, and the cached list events are sent to."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from takeaction.core.local_copies import LocalCopies
from takeaction.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

# How long one process trusts its copy of an organization's active endpoints. Every
# change drops the key at once, but without Redis each process has its own cache,
# and a web process does not see the worker's automatic disabling (or another web
# process's edit) until its copy expires. One small indexed query a minute per
# organization is the price.
ACTIVE_ENDPOINTS_CACHE_SECONDS = 60
# And in each process, after a read (core.local_copies).
ENDPOINTS_LOCAL_SECONDS = 1.0
_ENDPOINTS = LocalCopies()
DELIVERY_LOG_LENGTH = 50


@dataclass(frozen=True)
class ActiveEndpoint:
    id: int
    event_types: tuple[str, ...]
    organization_slug: str


def active_endpoints_key(organization_id: int) -> str:
    return f"webhooks:active-endpoints:v1:{organization_id}"


def active_endpoints_for(*, organization_id: int) -> list[ActiveEndpoint]:
    """The organization's enabled endpoints, from the cache: no query on a warm cache.

    Every fan's action asks this, so an organization without endpoints costs one
    cache read (none for a second after, in the same process: core.local_copies);
    the cached value is plain tuples, which unpickle whatever the code version.
    """
    key = active_endpoints_key(organization_id)
    rows = _ENDPOINTS.get(key)
    if rows is None:
        rows = cache.get(key)
    if rows is None:
        rows = [
            (pk, tuple(types or ()), slug)
            for pk, types, slug in WebhookEndpoint.objects.filter(
                organization_id=organization_id, disabled_at__isnull=True
            ).values_list("pk", "event_types", "organization__slug")
        ]
        cache.set(key, rows, ACTIVE_ENDPOINTS_CACHE_SECONDS)
    _ENDPOINTS.put(key, rows, ENDPOINTS_LOCAL_SECONDS)
    return [ActiveEndpoint(*row) for row in rows]


def active_endpoints_forget(organization_id: int) -> None:
    """Drop the cached list (call after the change has committed)."""
    key = active_endpoints_key(organization_id)
    _ENDPOINTS.forget(key)
    cache.delete(key)


def endpoints_of(organization):
    return organization.webhook_endpoints.order_by("-created_at", "-id")


def endpoint_get(*, organization, endpoint_id: int) -> WebhookEndpoint:
    """The organization's endpoint, or a 404: another organization's endpoint does not exist."""
    return get_object_or_404(WebhookEndpoint, organization=organization, pk=endpoint_id)


def endpoints_disabled_for_failure(organization):
    """Endpoints the worker turned off; the workspace shows a banner while there are any."""
    return organization.webhook_endpoints.filter(
        disabled_reason=WebhookEndpoint.DisabledReason.FAILING
    ).order_by("-disabled_at")


def delivery_log(endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first, each with its attempts in order."""
    return list(
        endpoint.deliveries.order_by("-created_at", "-id").prefetch_related(
            Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("number"))
        )[:DELIVERY_LOG_LENGTH]
    )
