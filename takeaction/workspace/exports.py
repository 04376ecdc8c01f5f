"""CSV exports of a campaign's action rows and supporters, streamed (see docs/exports.md)."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from takeaction.accounts.services import change_record
from takeaction.actions.exports import (
    EVENT_COLUMNS,
    SUPPORTER_COLUMNS,
    campaign_events,
    campaign_supporters,
)
from takeaction.actions.reports import campaign_tally_between
from takeaction.core.csvstream import csv_response, csv_stream
from takeaction.workspace.access import org_view
from takeaction.workspace.params import campaign_of, date_params


@org_view()
@require_safe
@never_cache
def campaign_events_csv(request, membership, slug):
    """Stream every action row of the campaign, optionally within ``since``/``until``."""
    campaign = campaign_of(membership, slug)
    since, until = date_params(request)
    span = f" from {since or 'the start'} to {until or 'today'}" if since or until else ""
    change_record(
        organization=membership.organization, user=request.user, campaign=campaign,
        action="export.actions", summary=f"Downloaded the actions CSV{span}",
    )  # fmt: skip
    header = [name for name, _field in EVENT_COLUMNS]
    rows = campaign_events(campaign, since=since, until=until)
    return csv_response(csv_stream(header, rows), f"{campaign.slug}-actions.csv")


@org_view()
@require_safe
@never_cache
def campaign_supporters_csv(request, membership, slug):
    """Stream the campaign's anonymous supporters: no contact details exist to export."""
    campaign = campaign_of(membership, slug)
    change_record(
        organization=membership.organization, user=request.user, campaign=campaign,
        action="export.supporters", summary="Downloaded the anonymous supporters CSV",
    )  # fmt: skip
    rows = campaign_supporters(campaign)
    return csv_response(csv_stream(SUPPORTER_COLUMNS, rows), f"{campaign.slug}-supporters.csv")


@org_view()
@require_safe
@never_cache
def campaign_summary_csv(request, membership, slug):
    """The dashboard's labelled numbers, one per row, as docs/counting.md defines them."""
    campaign = campaign_of(membership, slug)
    since, until = date_params(request)
    tally = campaign_tally_between(campaign, since, until)
    rows = iter(tally.summary())
    return csv_response(csv_stream(["number", "value"], rows), f"{campaign.slug}-summary.csv")
