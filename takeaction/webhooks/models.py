"""Webhook endpoints an organization registers, the deliveries sent to them, each attempt."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    ACTION_RECORDED = "action.recorded", _("A fan recorded an action")
    PERSON_CREATED = "person.created", _("A person was added")
    PERSON_UPDATED = "person.updated", _("A person's details changed")
    CAMPAIGN_PUBLISHED = "campaign.published", _("A campaign went live")


class WebhookEndpoint(models.Model):
    """A URL of one organization's that receives signed JSON for the events it chose."""

    class DisabledReason(models.TextChoices):
        MANUAL = "manual", _("Turned off by a member")
        FAILING = "failing", _("Turned off automatically: every delivery failed")

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    # A list of EventType values; read from the cache and filtered in Python, so no
    # database needs to query inside the JSON.
    event_types = models.JSONField(default=list)
    # Kept as it is, not hashed: signing each delivery needs the secret itself. It is
    # a random key shared with the receiver, not a password anyone chose.
    secret = models.CharField(max_length=80)
    # After a rotation the old secret still signs (as a second v1) until this moment,
    # so a receiver can switch over without dropping deliveries.
    previous_secret = models.CharField(max_length=80, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=10, choices=DisabledReason.choices, blank=True)
    # The current run of failed attempts: when it began, how many. A success resets both.
    failing_since = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "disabled_at"])]

    def __str__(self) -> str:
        return self.url

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    @property
    def secret_hint(self) -> str:
        return f"whsec_…{self.secret[-4:]}"

    def signing_secrets(self) -> list[str]:
        """The secrets that sign a delivery now: the current one, then the previous one."""
        keys = [self.secret]
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires is not None and expires > timezone.now():
            keys.append(self.previous_secret)
        return keys

    def event_type_labels(self) -> list[str]:
        return [EventType(value).label for value in self.event_types if value in EventType.values]


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact JSON body, and where its attempts stand."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    # Sent as X-TakeAction-Delivery and as the body's "id": the same on every retry,
    # so a receiver can drop a delivery it has already processed.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    payload = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["endpoint", "created_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} to {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery, as the delivery log shows it."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    succeeded = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    response_excerpt = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="one_attempt_number")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
