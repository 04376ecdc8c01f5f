"""Shared model pieces."""

from django.db import models


class TimeStampedModel(models.Model):
    """Give a model ``created_at`` and ``updated_at`` columns kept by the database layer."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateCount(models.Model):
    """One window's hits for one rate-limit key, when no shared cache holds them.

    Every worker and node on the database sees the same rows, so a limit holds
    across all of them on the embedded default too (``core.ratelimit``).
    """

    name = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    # Unix time after which the row is no use; old rows are swept now and then.
    expires = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"
