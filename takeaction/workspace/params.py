"""What the workspace's views read from their URL and query string."""

import datetime

from django.shortcuts import get_object_or_404

from takeaction.campaigns.models import Campaign


def campaign_of(membership, slug: str) -> Campaign:
    """Return the membership's organization's campaign ``slug``, or raise Http404.

    Always through the membership's organization: another team's campaign is a 404.
    """
    return get_object_or_404(Campaign, organization=membership.organization, slug=slug)


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def date_params(request) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the ``since`` and ``until`` days of a report or an export (unreadable: none)."""
    return _date(request.GET.get("since")), _date(request.GET.get("until"))
