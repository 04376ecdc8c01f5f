"""Failed log-ins, counted by django-axes: the address they are counted under, the lockout page.

Axes counts failures per user name *and* client address (``AXES_LOCKOUT_PARAMETERS``
in the settings), so someone guessing a password elsewhere cannot lock the real
owner out. Its middleware turns a locked-out attempt into ``lockout_response``.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from takeaction.core.ratelimit import client_ip


def client_address(request) -> str | None:
    """Return the client's address as the rest of the app reads it, or None if it is not one.

    Axes keeps it in an IP address column (``inet`` on PostgreSQL), which would
    refuse the ``"unknown"`` that ``client_ip`` reports for a missing address.
    """
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def lockout_response(request, original_response=None, credentials=None):
    """Show the log-in page again, saying why it refuses and for how long (429)."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, seconds // 60)
    message = ngettext(
        "Too many failed attempts. Wait %(minutes)d minute and try again.",
        "Too many failed attempts. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": next_url,
        "lockout": message,
    }
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
