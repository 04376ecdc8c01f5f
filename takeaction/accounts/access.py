"""Who may see what: every organizer URL resolves its organization through here.

A user who is not a member of the organization in the URL gets a 404, exactly
as if it did not exist; a member without the role a page needs gets a 403.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from takeaction.accounts.models import Membership, Role


def membership_for(user, org_slug: str) -> Membership:
    membership = (
        Membership.objects.for_user(user).filter(organization__slug=org_slug).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such organization.")
    return membership


def org_view(role: str = Role.VIEWER):
    """Decorate a view taking ``org_slug``: pass the membership, enforce the role."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            membership = membership_for(request.user, org_slug)
            if not membership.allows(role):
                raise PermissionDenied("Your role does not allow this.")
            return view(request, membership, *args, **kwargs)

        wrapper.required_role = role
        return wrapper

    return decorate
