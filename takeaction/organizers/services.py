"""Writes for organizations, members and the change history."""

from django.db import transaction
from django.utils.text import slugify

from .models import ChangeRecord, Membership, Organization, Role


def organization_ensure(*, slug: str, name: str) -> Organization:
    """Return the organization with ``slug``, creating it or updating its name."""
    organization, _ = Organization.objects.update_or_create(slug=slug, defaults={"name": name})
    return organization


def _free_slug(name: str) -> str:
    base = slugify(name)[:60] or "team"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organization_create(*, name: str, owner) -> Organization:
    """Create an organization with ``owner`` as its first member."""
    organization = Organization.objects.create(name=name, slug=_free_slug(name))
    Membership.objects.create(user=owner, organization=organization, role=Role.OWNER)
    change_record(organization=organization, user=owner, action="organization.create", summary=name)
    return organization


def change_record(*, organization, user, action: str, summary: str, campaign=None) -> ChangeRecord:
    """Record who changed what (every organizer write calls this)."""
    return ChangeRecord.objects.create(
        organization=organization,
        user=user if getattr(user, "is_authenticated", False) else None,
        campaign=campaign,
        action=action,
        summary=summary[:300],
    )
