"""Who may see what: every organizer page and preview resolves its organization through here.

A user who is not a member of the organization in the URL gets a 404, exactly
as if it did not exist; a member without the role a page needs gets a 403. Staff
see every organization as viewers do (read-only).
"""

from django.http import Http404

from takeaction.accounts.models import Membership, Organization, Role


def membership_for(user, org_slug: str) -> Membership:
    membership = (
        Membership.objects.for_user(user).filter(organization__slug=org_slug).first()
        if user.is_authenticated
        else None
    )
    if membership is None and user.is_authenticated and user.is_staff:
        # Staff may look at any organization, read-only: a viewer's membership, unsaved.
        organization = Organization.objects.filter(slug=org_slug).first()
        if organization is not None:
            return Membership(user=user, organization=organization, role=Role.VIEWER)
    if membership is None:
        raise Http404("No such organization.")
    return membership


def may_preview(user, organization) -> bool:
    """Whether ``user`` may see the organization's unpublished campaigns (staff and members)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or Membership.objects.filter(user=user, organization=organization).exists()
