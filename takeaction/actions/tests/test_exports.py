"""The events export reads a date range through its index, in order, without sorting."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from takeaction.actions.exports import campaign_events
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TALK = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def test_a_date_range_is_read_through_the_campaign_time_index_in_order():
    campaign = CampaignFactory()
    for _ in range(3):
        fan_acts(campaign, [TALK])
    days = [timezone.now() - datetime.timedelta(days=n) for n in (10, 5, 1)]
    for event, moment in zip(ActionEvent.objects.order_by("id"), days, strict=True):
        ActionEvent.objects.filter(pk=event.pk).update(created_at=moment)
    since = timezone.localdate() - datetime.timedelta(days=6)
    rows = list(campaign_events(campaign, since=since))
    assert [row[0] for row in rows] == list(
        ActionEvent.objects.filter(created_at__date__gte=since)
        .order_by("created_at")
        .values_list("id", flat=True)
    )
    # The query the export runs, as the database will run it.
    queryset = ActionEvent.objects.filter(
        campaign=campaign, created_at__gte=timezone.now() - datetime.timedelta(days=6)
    ).order_by("created_at", "id")
    plan = _plan(queryset.values_list("id"))
    if connection.vendor == "sqlite":
        assert "event_campaign_time" in plan and "TEMP B-TREE" not in plan, plan
    else:  # a three-row table may well be scanned; the index must at least be usable
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _plan(queryset.values_list("id"))
        assert "event_campaign_time" in plan and "Sort" not in plan, plan
