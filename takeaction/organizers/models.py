"""Organizations that own campaigns.

Minimal for now: members, roles and isolation arrive with the organizer workspace.
"""

from django.db import models

from takeaction.core.models import TimeStampedModel


class Organization(TimeStampedModel):
    """A team (a public figure's staff, an NGO) that runs campaigns."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
