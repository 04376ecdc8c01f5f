"""The workspace's views take the organization from their URL through ``org_view``."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from takeaction.accounts.access import membership_for
from takeaction.accounts.models import Role
from takeaction.core.http import NUL_MESSAGE, nul_in_request
from takeaction.workspace.params import BadParameter


def bad_request(request, membership, message: str):
    """Answer input the view cannot use: a 400 page in the workspace, saying what to fix."""
    context = {"m": membership, "message": message}
    return render(request, "workspace/bad_request.html", context, status=400)


def org_view(role: str = Role.VIEWER):
    """Decorate a view taking ``org_slug``: pass the membership, enforce the role.

    Unusable input (``BadParameter``, a NUL in the address) is answered with a 400.
    """

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            membership = membership_for(request.user, org_slug)
            if not membership.allows(role):
                raise PermissionDenied("Your role does not allow this.")
            if nul_in_request(request):
                return bad_request(request, membership, NUL_MESSAGE)
            try:
                return view(request, membership, *args, **kwargs)
            except BadParameter as bad:
                return bad_request(request, membership, str(bad))

        wrapper.required_role = role
        return wrapper

    return decorate
