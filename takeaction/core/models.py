"""Shared model pieces."""

from django.db import models


class TimeStampedModel(models.Model):
    """Give a model ``created_at`` and ``updated_at`` columns kept by the database layer."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
