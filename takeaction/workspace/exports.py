"""CSV exports of a campaign's action rows and supporters, streamed.

A campaign can hold millions of rows, so nothing here builds the file in memory:
the database cursor is read ``CHUNK_SIZE`` rows at a time, and each batch of rows
is written to the response as soon as it is formatted (see docs/exports.md).
"""

import csv
import datetime
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import Count, Min, OuterRef, Subquery
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from takeaction.accounts.access import org_view
from takeaction.accounts.services import change_record
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.supporters.models import Attribution, Supporter
from takeaction.workspace.views import _campaign, _date

# Rows fetched from the database cursor at a time.
CHUNK_SIZE = 2000
# Rows formatted into one piece of the response: a few dozen KB, not one write per row.
ROWS_PER_WRITE = 500

EVENT_COLUMNS = (
    ("id", "id"),
    ("created_at", "created_at"),
    ("verb", "verb"),
    ("outcome", "outcome"),
    ("target", "target"),
    ("source_code", "source_code"),
    ("referrer_code", "referrer_code"),
    ("referral_depth", "referral_depth"),
    ("chain_source", "chain_source"),
    ("state", "state"),
    ("district", "district"),
    ("device", "device"),
    # The public id, never the database key.
    ("supporter", "supporter__public_id"),
)
SUPPORTER_COLUMNS = ("supporter", "first_action_at", "actions", "source_code")

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_escape(value):
    """Return ``value`` with a leading ``'`` if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, uuid.UUID):
        return str(value)
    return cell_escape(value)


class _Echo:
    """A file-like object whose ``write`` hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[str], rows: Iterator[tuple]) -> Iterator[str]:
    """Yield the header line, then ``rows`` as CSV, ``ROWS_PER_WRITE`` lines at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    while batch := list(islice(rows, ROWS_PER_WRITE)):
        yield "".join(writer.writerow([_cell(value) for value in row]) for row in batch)


def csv_response(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def campaign_events(campaign, *, since=None, until=None) -> Iterator[tuple]:
    """Return the campaign's action rows as tuples in ``EVENT_COLUMNS`` order, lazily.

    The range is whole days in the site's time zone, as on the dashboard, written
    as bounds on ``created_at`` so its index is used.
    """
    events = ActionEvent.objects.filter(campaign=campaign)
    if since:
        events = events.filter(created_at__gte=_day_start(since))
    if until:
        events = events.filter(created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    fields = [field for _name, field in EVENT_COLUMNS]
    return events.order_by("id").values_list(*fields).iterator(chunk_size=CHUNK_SIZE)


def campaign_supporters(campaign) -> Iterator[tuple]:
    """Return one row per supporter with a counted act, in ``SUPPORTER_COLUMNS`` order, lazily.

    Each row: the public id, the first counted act, the number of counted acts,
    and the first-touch source code from the supporter's attribution.
    """
    counted = [outcome for outcome in Outcome if outcome != Outcome.SKIPPED]
    first_touch = Attribution.objects.filter(supporter=OuterRef("pk"), campaign=campaign)
    return (
        # One filter() call, so the aggregates below run over the same (filtered) join.
        Supporter.objects.filter(actions__campaign=campaign, actions__outcome__in=counted)
        .annotate(
            first_action_at=Min("actions__created_at"),
            counted_actions=Count("actions"),
            first_source=Subquery(first_touch.values("source_code")[:1]),
        )
        .order_by("pk")
        .values_list("public_id", "first_action_at", "counted_actions", "first_source")
        .iterator(chunk_size=CHUNK_SIZE)
    )


@org_view()
@require_safe
@never_cache
def campaign_events_csv(request, membership, slug):
    """Stream every action row of the campaign, optionally within ``since``/``until``."""
    campaign = _campaign(membership, slug)
    since, until = _date(request.GET.get("since")), _date(request.GET.get("until"))
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
    campaign = _campaign(membership, slug)
    change_record(
        organization=membership.organization, user=request.user, campaign=campaign,
        action="export.supporters", summary="Downloaded the anonymous supporters CSV",
    )  # fmt: skip
    rows = campaign_supporters(campaign)
    return csv_response(csv_stream(SUPPORTER_COLUMNS, rows), f"{campaign.slug}-supporters.csv")
