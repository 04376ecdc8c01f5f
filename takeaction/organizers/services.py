"""Writes for organizations."""

from .models import Organization


def organization_ensure(*, slug: str, name: str) -> Organization:
    """Return the organization with ``slug``, creating it or updating its name."""
    organization, _ = Organization.objects.update_or_create(slug=slug, defaults={"name": name})
    return organization
