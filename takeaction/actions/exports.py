"""The rows of a campaign's exports: its action events and its anonymous supporters, lazily."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, Min, OuterRef, Subquery
from django.utils import timezone

from takeaction.actions.models import ActionEvent, Outcome
from takeaction.core.csvstream import CHUNK_SIZE
from takeaction.supporters.models import Attribution, Supporter

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
    # Why a stored act is left out of every count (docs/counting.md); empty if counted.
    ("flag", "flag"),
    # The public id, never the database key.
    ("supporter", "supporter__public_id"),
)
SUPPORTER_COLUMNS = ("supporter", "first_action_at", "actions", "source_code")


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def campaign_events(campaign, *, since=None, until=None) -> Iterator[tuple]:
    """Return the campaign's action rows as tuples in ``EVENT_COLUMNS`` order, lazily.

    The range is whole days in the site's time zone, as on the dashboard, written
    as bounds on ``created_at``; in time order, the ``event_campaign_time`` index
    serves both the range and the order, so the database reads only that range and
    sorts nothing, and the rows stream in chunks (constant memory at any size).
    """
    events = ActionEvent.objects.filter(campaign=campaign)
    if since:
        events = events.filter(created_at__gte=_day_start(since))
    if until:
        events = events.filter(created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    fields = [field for _name, field in EVENT_COLUMNS]
    return events.order_by("created_at", "id").values_list(*fields).iterator(chunk_size=CHUNK_SIZE)


def campaign_supporters(campaign) -> Iterator[tuple]:
    """Return one row per supporter with a counted act, in ``SUPPORTER_COLUMNS`` order, lazily.

    Each row: the public id, the first counted act, the number of counted acts,
    and the first-touch source code from the supporter's attribution.
    """
    counted = [outcome for outcome in Outcome if outcome != Outcome.SKIPPED]  # and not flagged
    first_touch = Attribution.objects.filter(supporter=OuterRef("pk"), campaign=campaign)
    return (
        # One filter() call, so the aggregates below run over the same (filtered) join.
        Supporter.objects.filter(
            actions__campaign=campaign, actions__outcome__in=counted, actions__flag=""
        )
        .annotate(
            first_action_at=Min("actions__created_at"),
            counted_actions=Count("actions"),
            first_source=Subquery(first_touch.values("source_code")[:1]),
        )
        .order_by("pk")
        .values_list("public_id", "first_action_at", "counted_actions", "first_source")
        .iterator(chunk_size=CHUNK_SIZE)
    )
