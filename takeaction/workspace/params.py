"""What the workspace's views read from their URL, query string and forms.

Input a view cannot use raises ``BadParameter``; ``org_view`` answers it with a 400
page that says what to fix, so no such input becomes a server error.
"""

import datetime

from django.shortcuts import get_object_or_404

from takeaction.campaigns.models import Campaign

# A range must end before the last day the calendar (and Python) can add a day to.
LATEST_DAY = datetime.date.max - datetime.timedelta(days=1)


class BadParameter(ValueError):
    """A query or form value the view cannot use; the message says what to send instead."""


def campaign_of(membership, slug: str) -> Campaign:
    """Return the membership's organization's campaign ``slug``, or raise Http404.

    Always through the membership's organization: another team's campaign is a 404.
    """
    return get_object_or_404(Campaign, organization=membership.organization, slug=slug)


def _date(request, name: str) -> datetime.date | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name}: use a date like 2024-06-22.") from None
    if day > LATEST_DAY:
        raise BadParameter(f"{name}: use a date before {LATEST_DAY.isoformat()}.")
    return day


def date_params(request) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the ``since`` and ``until`` days of a report or an export (either may be None)."""
    return _date(request, "since"), _date(request, "until")


def id_param(data, name: str) -> int:
    """Return ``data[name]`` as a row id (a positive whole number)."""
    value = str(data.get(name, "")).strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadParameter(f"{name}: send the number of a row on this page.")
    return int(value)
