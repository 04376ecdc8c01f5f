"""CSV exports hold exactly the campaign's rows, escape formulas, and stream."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models.sql import compiler
from django.http import StreamingHttpResponse
from django.urls import reverse

from takeaction.accounts.models import ChangeRecord, Membership, Role
from takeaction.accounts.services import organization_create
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.core import csvstream
from takeaction.supporters.models import Supporter

pytestmark = pytest.mark.django_db

TALK = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
CALL = Act(verb="call", outcome=Outcome.TALKED, target="custom:1", state="NY", district=12)
SKIP = Act(verb="call", outcome=Outcome.SKIPPED, target="custom:2")
EVENT_HEADER = [
    "id",
    "created_at",
    "verb",
    "outcome",
    "target",
    "source_code",
    "referrer_code",
    "referral_depth",
    "chain_source",
    "state",
    "district",
    "device",
    "flag",
    "supporter",
]


@pytest.fixture
def setup():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, ask="Please talk, call, share, write, donate")
    story = source_create(campaign=campaign, user=owner, name="Story", platform="x", handle="")
    return owner, org, campaign, story


def _url(name, org, campaign, query=""):
    return reverse(f"workspace:{name}", args=[org.slug, campaign.slug]) + query


def _rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


def test_actions_csv_has_the_header_and_one_row_per_event(client, setup):
    owner, org, campaign, story = setup
    a = fan_acts(campaign, [TALK, CALL], src=story.code)
    b = fan_acts(campaign, [SKIP], referrer=a)
    fan_acts(CampaignFactory(organization=org), [TALK])  # another campaign's row stays out
    client.force_login(owner)

    response = client.get(_url("export-events", org, campaign))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-actions.csv"'
    header, *rows = _rows(response)
    assert header == EVENT_HEADER
    events = list(ActionEvent.objects.filter(campaign=campaign).order_by("id"))
    assert [int(row[0]) for row in rows] == [event.pk for event in events]
    talk, call, skip = (dict(zip(header, row, strict=True)) for row in rows)
    assert talk["verb"] == "talk" and talk["source_code"] == story.code
    assert talk["supporter"] == str(a.public_id)
    assert talk["district"] == "" and talk["referral_depth"] == "0"
    created = events[0].created_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert talk["created_at"] == created.isoformat().replace("+00:00", "Z")
    assert (call["outcome"], call["target"], call["state"], call["district"]) == (
        "talked",
        "custom:1",
        "NY",
        "12",
    )
    assert (skip["outcome"], skip["referrer_code"], skip["referral_depth"]) == (
        "skipped",
        a.referral_code,
        "1",
    )
    assert skip["chain_source"] == story.code and skip["supporter"] == str(b.public_id)


def test_actions_csv_filters_by_whole_days_and_refuses_impossible_dates(client, setup):
    owner, org, campaign, _story = setup
    fan_acts(campaign, [TALK, CALL, Act(verb="share", outcome="share_started", target="share:x")])
    for event, day in zip(ActionEvent.objects.order_by("id"), (1, 10, 11), strict=True):
        when = datetime.datetime(2025, 1, day, 23, 59, tzinfo=datetime.UTC)
        ActionEvent.objects.filter(pk=event.pk).update(created_at=when)
    client.force_login(owner)

    def verbs(query):
        response = client.get(_url("export-events", org, campaign, query))
        return [row[2] for row in _rows(response)[1:]]

    assert verbs("?since=2025-01-05&until=2025-01-10") == ["call"]
    assert verbs("?since=2025-01-10") == ["call", "share"]
    assert verbs("?until=2025-01-01") == ["talk"]
    assert verbs("?since=&until=") == ["talk", "call", "share"]
    for query, named in [
        ("?since=garbage", "since"),
        ("?until=2025-13-40", "until"),
        ("?until=2025-02-30", "until"),
        ("?until=9999-12-31", "until"),  # the day after cannot be written
        ("?since=0001-01-01&until=%00", "until"),
    ]:
        response = client.get(_url("export-events", org, campaign, query))
        assert response.status_code == 400, query
        assert named in response.content.decode() or "NUL" in response.content.decode()


def test_supporters_csv_lists_anonymous_supporters_with_counted_actions(client, setup):
    owner, org, campaign, story = setup
    a = fan_acts(campaign, [TALK, CALL, SKIP], src=story.code)
    b = fan_acts(campaign, [CALL], referrer=a)
    fan_acts(campaign, [SKIP])  # only a skipped call: not counted, not listed
    fan_acts(CampaignFactory(organization=org), [TALK])
    client.force_login(owner)

    response = client.get(_url("export-supporters", org, campaign))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{campaign.slug}-supporters.csv"'
    )
    header, *rows = _rows(response)
    assert header == ["supporter", "first_action_at", "actions", "source_code"]
    first_a = a.actions.filter(campaign=campaign).order_by("created_at").first().created_at
    first_a = first_a.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert rows == [
        [str(a.public_id), first_a, "2", story.code],
        [str(b.public_id), rows[1][1], "1", ""],
    ]


def test_viewers_can_export_and_each_export_is_recorded(client, setup):
    _owner, org, campaign, _story = setup
    viewer = get_user_model().objects.create_user("v", "v@example.org", "v-pass-123456")
    Membership.objects.create(user=viewer, organization=org, role=Role.VIEWER)
    client.force_login(viewer)

    assert client.get(_url("export-events", org, campaign, "?since=2025-01-01")).status_code == 200
    assert client.get(_url("export-supporters", org, campaign)).status_code == 200
    assert client.post(_url("export-events", org, campaign)).status_code == 405

    changes = ChangeRecord.objects.filter(organization=org, campaign=campaign, user=viewer)
    assert sorted(changes.values_list("action", flat=True)) == [
        "export.actions",
        "export.supporters",
    ]
    assert "from 2025-01-01" in changes.get(action="export.actions").summary


def test_dashboard_links_to_both_exports(client, setup):
    owner, org, campaign, _story = setup
    client.force_login(owner)
    html = client.get(_url("campaign", org, campaign, "?since=2025-01-01")).content.decode()
    assert _url("export-events", org, campaign, "?since=2025-01-01&amp;until=") in html
    assert _url("export-supporters", org, campaign) in html


def test_the_first_rows_arrive_before_the_whole_query_is_read(
    client, setup, monkeypatch, django_assert_num_queries
):
    """Memory stays flat: rows leave as they are fetched, never all held at once.

    Counting queries alone cannot show this (a streamed query is still one query),
    so count the rows the database cursor has handed over when the first batch
    of CSV lines is ready.
    """
    owner, org, campaign, _story = setup
    supporter = Supporter.objects.create()
    total = 5_000
    ActionEvent.objects.bulk_create(
        ActionEvent(campaign=campaign, supporter=supporter, verb="talk", outcome="talked")
        for _ in range(total)
    )
    fetched = []
    cursor_iter = compiler.cursor_iter

    def counting_cursor_iter(*args, **kwargs):
        for rows in cursor_iter(*args, **kwargs):
            fetched.append(len(rows))
            yield rows

    client.force_login(owner)
    response = client.get(_url("export-events", org, campaign))
    assert response.streaming
    monkeypatch.setattr(compiler, "cursor_iter", counting_cursor_iter)

    # Exactly one query, run only now (the view returned before it), with no per-row lookup.
    with django_assert_num_queries(1):
        pieces = iter(response.streaming_content)
        header, first = next(pieces), next(pieces)
        assert header.startswith(b"id,created_at,")
        assert first.count(b"\r\n") == csvstream.ROWS_PER_WRITE
        assert sum(fetched) <= csvstream.CHUNK_SIZE < total
        rest = b"".join(pieces)

    assert sum(fetched) == total
    assert (first + rest).count(b"\r\n") == total
