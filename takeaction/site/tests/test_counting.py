"""Honest counting: each trick that inflated the count, and what it may add now (docs/counting.md).

Every request here goes through the whole stack with Django's test client, and
every count is read where fans and organizers read it: ``counts.json``, the
dashboard, its summary CSV and the API.
"""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from takeaction.accounts.api_keys import api_key_create
from takeaction.accounts.services import organization_create
from takeaction.actions import counters
from takeaction.actions.models import ActionEvent
from takeaction.campaigns.tests.factories import CampaignFactory, DonationRecipientFactory

pytestmark = pytest.mark.django_db

AFTER_READING = {"elapsed": "5000"}  # sent five seconds after the page loaded
TALK = {**AFTER_READING, "verb": "talk", "outcome": "talked_to_someone"}
NETWORKS = ("x", "bluesky", "threads", "facebook", "whatsapp", "telegram", "email")
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def team():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(
        organization=org, slug="act", ask="Please tweet, talk, call, write, donate."
    )
    donations = DonationRecipientFactory.create_batch(4, campaign=campaign)
    return owner, org, campaign, donations


def counts(client=None) -> dict:
    return (client or Client()).get("/c/act/counts.json").json()


def test_cookieless_and_cross_site_gets_of_link_outs_count_nothing(team):
    _owner, _org, _campaign, donations = team
    cross_site = {"HTTP_REFERER": "https://elsewhere.example/", "HTTP_ORIGIN": "https://x.example"}
    for headers in ({}, cross_site):
        for _ in range(40):
            for network in NETWORKS:
                assert Client().get(f"/c/act/share/{network}/", **headers).status_code == 200
            assert Client().get(f"/go/{donations[0].pk}/", **headers).status_code == 200
    assert ActionEvent.objects.count() == 0
    assert counts()["clicks"] == counts()["actions"] == counts()["fans"] == 0


def test_a_cross_site_post_without_the_token_is_refused_and_counts_nothing(team):
    _owner, _org, _campaign, donations = team
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(f"/go/{donations[0].pk}/", AFTER_READING, HTTP_ORIGIN="https://x.ex")
    assert response.status_code == 403
    assert ActionEvent.objects.count() == 0


def test_one_fan_tapping_every_network_and_organization_adds_clicks_not_actions(team):
    _owner, _org, _campaign, donations = team
    fan = Client(HTTP_USER_AGENT=PHONE)
    for _ in range(3):  # and again, and again
        for network in NETWORKS:
            assert fan.post(f"/c/act/share/{network}/", AFTER_READING).status_code == 303
        fan.post("/c/act/share/mastodon/", {**AFTER_READING, "instance": "mastodon.social"})
        for organization in donations:
            assert fan.post(f"/go/{organization.pk}/", AFTER_READING).status_code == 303
    body = counts()
    assert body["by_verb"]["share"] == len(NETWORKS) + 1 and body["by_verb"]["donate"] == 4
    assert body["clicks"] == len(NETWORKS) + 1 + 4
    assert body["actions"] == 0 and body["fans"] == 0  # a click alone makes no fan


def test_the_share_text_claims_an_act_only_after_the_fan_acted(team):
    fan = Client(HTTP_USER_AGENT=PHONE)
    before = fan.post("/c/act/share/x/", AFTER_READING)["Location"]
    assert "Act+with+me" in before and "just+acted" not in before
    fan.post("/c/act/act/", TALK)
    after = fan.post("/c/act/share/bluesky/", AFTER_READING)["Location"]
    assert "I%20just%20acted" in after
    assert fan.get("/c/act/me.json").json()["acted"] is True


@pytest.mark.parametrize(
    ("data", "headers", "flag"),
    [
        ({**TALK, "website": "https://spam.example"}, {}, "honeypot"),  # fills the honeypot
        ({"verb": "talk", "outcome": "talked_to_someone"}, {}, "untimed"),  # posts directly
        ({**TALK, "elapsed": "300"}, {}, "too_fast"),  # 0.3 s after loading the page
        (TALK, {"HTTP_USER_AGENT": "python-requests/2.32"}, "bot"),  # says what it is
    ],
    ids=["honeypot", "no page timing", "too fast", "bot user agent"],
)
def test_a_bot_is_answered_as_a_fan_and_counted_nowhere(team, data, headers, flag):
    owner, org, campaign, _donations = team
    bot = Client(**headers)
    answers = [bot.post("/c/act/act/", data, HTTP_ACCEPT="application/json") for _ in range(3)]
    fan = Client(HTTP_USER_AGENT=PHONE).post("/c/act/act/", TALK, HTTP_ACCEPT="application/json")
    assert answers[0].status_code == fan.status_code == 200
    assert answers[0].json() == fan.json() == {"ok": True, "counted": True, "duplicate": False}
    assert set(ActionEvent.objects.values_list("flag", flat=True)) == {"", flag}
    assert (counts()["actions"], counts()["fans"]) == (1, 1)
    # Stored, never counted, and the dashboard says how many and why.
    figures = _summary_csv(owner, org, campaign)
    assert figures["actions"] == 1 and figures[f"excluded_{flag}"] == 1
    assert figures["excluded"] == 1  # the bot's three tries are one act, as a fan's would be


def test_a_bot_with_the_honeypot_left_empty_but_real_timing_is_counted(team):
    """What no trick here can tell from a person: docs/counting.md says what would."""
    bot = Client(HTTP_USER_AGENT=PHONE)
    assert bot.post("/c/act/act/", TALK, HTTP_ACCEPT="application/json").json()["counted"]
    assert counts()["actions"] == 1


def test_the_counter_equals_the_rows_when_the_cache_breaks_between_commit_and_count(
    team, monkeypatch, django_capture_on_commit_callbacks
):
    counts()  # the counters are built
    fan = Client(HTTP_USER_AGENT=PHONE)

    class CountersCacheBroken:
        """The cache as the counters see it: every increment fails (the rate limit's work)."""

        def incr(self, *args, **kwargs):
            raise ConnectionError("the cache went away after the commit")

        def __getattr__(self, name):
            return getattr(cache, name)

    monkeypatch.setattr(counters, "cache", CountersCacheBroken())
    with django_capture_on_commit_callbacks(execute=True):
        answer = fan.post("/c/act/act/", TALK, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json()["counted"] is True
    assert ActionEvent.objects.count() == 1
    monkeypatch.undo()  # the cache is back: the next read rebuilds from the rows
    assert (counts()["actions"], counts()["fans"]) == (1, 1)


def test_the_page_the_dashboard_the_csv_and_the_api_report_the_same_numbers(team, client):
    owner, org, campaign, donations = team
    ana, ben = Client(HTTP_USER_AGENT=PHONE), Client(HTTP_USER_AGENT=PHONE)
    ana.post("/c/act/act/", TALK)
    ana.post("/c/act/share/x/", AFTER_READING)
    ana.post(f"/go/{donations[0].pk}/", AFTER_READING)
    ben.post("/c/act/act/", TALK)
    cy = Client(HTTP_USER_AGENT=PHONE)
    cy.post("/c/act/act/", {**TALK, "elapsed": "100"})  # too fast: kept, not counted
    ben.post("/c/act/keep-posted/", {"email": "ben@example.org", "consent": "on"})
    Client().post("/c/act/act/", {**TALK, "website": "spam"})  # honeypot

    page = counts()
    client.force_login(owner)
    dashboard = client.get(f"/org/{org.slug}/campaigns/act/").content.decode()
    shown = {name: int(n) for name, n in re.findall(r'data-figure="(\w+)">(\d+)<', dashboard)}
    csv_figures = _summary_csv(owner, org, campaign)
    _row, key = api_key_create(organization=org, name="Check", user=owner)
    stats = Client().get("/api/v1/campaigns/act/stats", HTTP_AUTHORIZATION=f"Bearer {key}")
    api = {row["key"]: row["count"] for row in stats.json()["figures"]}

    expected = {
        "fans_who_acted": 2,
        "actions": 2,
        "conversations_logged": 2,
        "share_screens_opened": 1,
        "donation_links_followed": 1,
        "clicks": 2,
        "optins": 1,
    }
    for name, value in expected.items():
        assert csv_figures[name] == api[name] == value, name
    assert csv_figures == api
    assert (csv_figures["excluded_too_fast"], csv_figures["excluded_honeypot"]) == (1, 1)
    for name in ("fans_who_acted", "actions", "optins", "excluded_too_fast", "excluded_honeypot"):
        assert shown[name] == csv_figures[name], name
    assert (shown["talk"], shown["share"], shown["donate"]) == (2, 1, 1)
    assert page["fans"] == csv_figures["fans_who_acted"] and page["actions"] == api["actions"]
    assert page["clicks"] == api["clicks"] and page["optins"] == api["optins"]
    assert stats.json()["total"] == page["actions"] and stats.json()["fans"] == page["fans"]


def _summary_csv(owner, org, campaign) -> dict[str, int]:
    member = Client()
    member.force_login(owner)
    response = member.get(f"/org/{org.slug}/campaigns/{campaign.slug}/export/summary.csv")
    header, *rows = csv.reader(io.StringIO(response.getvalue().decode()))
    assert header == ["number", "value"]
    return {name: int(value) for name, value in rows}


def test_fans_behind_a_trusted_proxy_are_limited_each_by_their_own_address(team, settings):
    settings.ACTION_RATE_LIMIT_PER_MINUTE = 2
    settings.TRUSTED_PROXY_COUNT = 1  # nginx in front, appending the address it saw

    def act_from(forwarded: str) -> int:
        fan = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="127.0.0.1")
        answer = fan.post(
            "/c/act/act/", TALK, HTTP_ACCEPT="application/json", HTTP_X_FORWARDED_FOR=forwarded
        )
        return answer.status_code

    assert [act_from("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert act_from("203.0.113.2") == 200  # another fan behind the same proxy
    # A client writing its own entry first changes nothing: the proxy's entry is the last.
    assert act_from("198.51.100.7, 203.0.113.1") == 429
    assert counts()["actions"] == 3
