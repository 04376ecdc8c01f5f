"""The workspace's views take the organization from their URL through ``org_view``."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from takeaction.accounts.access import membership_for
from takeaction.accounts.models import Role


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
