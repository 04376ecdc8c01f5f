"""Action endpoints: forms that POST, tracked links, the fan's page, counts; bad input."""

import html

import pytest
from django.core import signing
from django.db import connection
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.models import Campaign, CustomTarget
from takeaction.campaigns.tests.factories import CampaignFactory, DonationRecipientFactory
from takeaction.site.identity import ATTRIBUTION_SALT
from takeaction.supporters.models import Supporter

pytestmark = pytest.mark.django_db

TALK = {"verb": "talk", "outcome": "talked_to_someone"}


@pytest.fixture
def campaign():
    return CampaignFactory(slug="act", ask="Please tweet, talk, call, write, donate.")


# As the page script sends it: five seconds after the page loaded (docs/counting.md).
AFTER_READING = {"elapsed": "5000"}


def act(client, data, slug="act", **extra):
    return client.post(f"/c/{slug}/act/", {**AFTER_READING, **data}, **extra)


def test_talk_form_records_redirects_and_sets_the_supporter_cookie(client, campaign):
    response = act(client, {**TALK, "next": "/c/act/you/"})
    assert response.status_code == 303 and response["Location"] == "/c/act/you/"
    assert "ta_sid" in response.cookies
    event = ActionEvent.objects.get()
    assert event.verb == "talk" and event.supporter is not None


def test_json_answer_acknowledges_after_commit_and_flags_duplicates(client, campaign):
    body = act(client, TALK, HTTP_ACCEPT="application/json").json()
    assert body == {"ok": True, "counted": True, "duplicate": False}
    assert ActionEvent.objects.count() == 1
    again = act(client, TALK, HTTP_ACCEPT="application/json").json()
    assert again == {"ok": True, "counted": False, "duplicate": True}
    progress = client.get("/c/act/me.json").json()["progress"]
    assert progress == {"done": 1, "of": 5}


@pytest.mark.usefixtures("synced")
def test_call_outcome_is_recorded_with_state_and_district(client, campaign):
    data = {
        "verb": "call",
        "outcome": "voicemail",
        "target": "S000148",
        "division": "ocd-division/country:us/state:ny/cd:12",
        "next": "/c/act/officials/?zip=10001",
    }
    response = act(client, data)
    assert response.status_code == 303 and response["Location"] == "/c/act/officials/?zip=10001"
    event = ActionEvent.objects.get()
    assert (event.target, event.state, event.district, event.outcome) == (
        "S000148",
        "NY",
        12,
        "voicemail",
    )
    page = client.get("/c/act/officials/?zip=10001").content.decode()
    assert "1 of 3 calls done" in page and "Logged: Left a voicemail" in page


def test_next_can_only_point_inside_the_campaign(client, campaign):
    for bad in ("https://evil.example/", "//evil.example/", "/c/other/", "/c/act//evil"):
        response = act(client, {**TALK, "next": bad})
        assert response["Location"] == "/c/act/", bad


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verb": "call", "outcome": "talked", "target": "Z999999"}, "We don't know who that is"),
        ({"verb": "call", "outcome": "sent", "target": "S000148"}, "does not fit"),
        ({"verb": "dance", "outcome": "talked"}, "Select a valid choice"),
        ({"verb": "donate", "outcome": "donation_link_opened"}, "Use the campaign"),
        ({}, "This field is required"),
        ({**TALK, "target": "x" * 5000}, "at most 40 characters"),
    ],
)
def test_bad_posts_get_a_clear_400_and_nothing_is_saved(client, campaign, data, message):
    response = act(client, data)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert ActionEvent.objects.count() == 0


def test_switched_off_verb_is_refused(client):
    CampaignFactory(slug="notalk", talk_enabled=False)
    assert act(client, TALK, slug="notalk").status_code == 400


def test_wrong_method_unknown_and_draft_campaigns(client, campaign):
    assert client.get("/c/act/act/").status_code == 405
    assert act(client, TALK, slug="nope").status_code == 404
    CampaignFactory(slug="draft", status=Campaign.Status.DRAFT)
    assert act(client, TALK, slug="draft").status_code == 404


def test_closed_campaign_says_so(client):
    CampaignFactory(slug="closed", status=Campaign.Status.CLOSED)
    response = act(client, TALK, slug="closed")
    assert response.status_code == 410 and "closed" in response.content.decode()


@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=2)
def test_rate_limit_gives_a_clear_429_that_keeps_the_letter(client, campaign):
    for _ in range(2):
        act(client, TALK)
    response = act(client, {**TALK, "body": "Dear Senator, my own words."})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many actions" in page and "Dear Senator, my own words." in page


def test_tampered_cookies_are_ignored_not_errors(client, campaign):
    client.cookies["ta_sid"] = "not-a-signed-value"
    client.cookies["ta_attr_act"] = "garbage:value"
    assert act(client, TALK).status_code == 303
    forged = signing.dumps({"src": "<script>", "r": "x" * 300}, salt=ATTRIBUTION_SALT)
    client.cookies["ta_attr_act"] = forged
    assert act(client, {"verb": "talk", "outcome": "talked_to_someone"}).status_code == 303
    assert set(ActionEvent.objects.values_list("source_code", flat=True)) == {""}


def test_landing_with_source_and_referrer_credits_the_first_touch(client, campaign):
    friend = Supporter.objects.create()
    client.get(f"/c/act/?src=ig-story&r={friend.referral_code}")
    client.get("/c/act/?src=later-post")  # a later link does not replace the first
    act(client, TALK)
    event = ActionEvent.objects.get()
    assert (event.source_code, event.referrer_code) == ("ig-story", friend.referral_code)


def test_a_filled_honeypot_is_answered_as_a_success_and_counts_nothing(client, campaign):
    data = {**TALK, "website": "http://spam.example"}
    body = act(client, data, HTTP_ACCEPT="application/json").json()
    assert body == {"ok": True, "counted": True, "duplicate": False}  # as for a person
    assert act(client, {**data, "next": "/c/act/you/"})["Location"] == "/c/act/you/"
    assert ActionEvent.objects.get().flag == "honeypot"  # kept for the record, never counted
    assert client.get("/c/act/counts.json").json()["actions"] == 0


def test_donate_link_counts_one_post_per_fan_and_only_goes_to_the_listed_url(client, campaign):
    org = DonationRecipientFactory(campaign=campaign, url="https://give.example/now")
    page = client.get(f"/go/{org.pk}/")
    assert page.status_code == 200 and b'method="post"' in page.content
    assert "give.example" in page.content.decode() and ActionEvent.objects.count() == 0
    for _ in range(3):
        response = client.post(f"/go/{org.pk}/", AFTER_READING)
        assert response.status_code == 303 and response["Location"] == "https://give.example/now"
    event = ActionEvent.objects.get()
    assert (event.verb, event.outcome, event.target) == (
        "donate",
        "donation_link_opened",
        f"donation:{org.pk}",
    )
    assert client.get("/go/999999/").status_code == 404


def test_share_link_counts_one_post_per_fan_and_opens_the_intent_with_the_fans_link(
    client, campaign
):
    assert client.get("/c/act/share/x/").status_code == 200
    assert ActionEvent.objects.count() == 0 and Supporter.objects.count() == 0
    response = client.post("/c/act/share/x/", AFTER_READING)
    assert response.status_code == 303 and response["Location"].startswith("https://x.com/intent")
    supporter = Supporter.objects.get()
    assert f"r%3D{supporter.referral_code}" in response["Location"]
    client.post("/c/act/share/x/", AFTER_READING)
    client.post("/c/act/share/bluesky/", AFTER_READING)
    assert sorted(ActionEvent.objects.values_list("target", flat=True)) == [
        "share:bluesky",
        "share:x",
    ]
    assert client.get("/c/act/share/myspace/").status_code == 404


def test_mastodon_needs_a_server_and_remembers_it(client, campaign):
    page = client.get("/c/act/share/mastodon/")
    assert page.status_code == 200 and b'name="instance"' in page.content
    assert client.post("/c/act/share/mastodon/", AFTER_READING).status_code == 400
    bad = {**AFTER_READING, "instance": "not a host"}
    again = client.post("/c/act/share/mastodon/", bad)
    assert again.status_code == 400 and b'name="instance"' in again.content  # not a dead end
    assert b"Type your Mastodon server" in again.content
    assert b"Not recorded yet" not in again.content
    good = {**AFTER_READING, "instance": "@me@Mastodon.Social"}
    response = client.post("/c/act/share/mastodon/", good)
    assert response["Location"].startswith("https://mastodon.social/share?text=")
    assert response.cookies["ta_mastodon"].value == "mastodon.social"
    assert b'value="mastodon.social"' in client.get("/c/act/share/mastodon/").content
    again = client.post("/c/act/share/mastodon/", AFTER_READING)
    assert again["Location"].startswith("https://mastodon.social/")


def test_personal_page_shows_link_qr_progress_and_referral_credit(client, campaign):
    page = client.get("/c/act/you/")
    fan = Supporter.objects.get()
    text = page.content.decode()
    assert "Now text three friends" in text
    assert f"%3Fr%3D{fan.referral_code}" in text.split("sms:")[1].split('"')[0]
    assert "https://wa.me/?text=" in text
    assert f"/c/act/?r={fan.referral_code}" in text
    assert f"/c/act/qr.svg?r={fan.referral_code}" in text
    assert "You did 0 of 5" in text and "Nobody has used your link yet" in text
    friend_client = client.__class__()
    friend_client.get(f"/c/act/?r={fan.referral_code}")
    act(friend_client, TALK)
    act(friend_client, {"verb": "call", "outcome": "skipped", "target": "custom:0"})
    act(client, TALK)
    text = client.get("/c/act/you/").content.decode()
    assert "You did 1 of 5" in text
    assert "People your link brought: 1. Actions they took: 1." in text


def test_counts_json_is_cached_counts_and_goal(client, campaign):
    act(client, TALK)
    body = client.get("/c/act/counts.json").json()
    assert (body["fans"], body["actions"], body["clicks"]) == (1, 1, 0)
    assert body["by_verb"]["talk"] == 1 and body["goal"] == campaign.goal


def test_me_json_gives_progress_without_creating_a_supporter_or_a_csrf_cookie(client, campaign):
    response = client.get("/c/act/me.json")
    assert response.json()["personal_url"] is None
    assert Supporter.objects.count() == 0
    assert "csrftoken" not in response.cookies


def test_action_post_query_budget(client, campaign, django_assert_num_queries, settings):
    # The rate limit: one upsert when its counts live in the database, none with Redis.
    limit = 1 if settings.RATE_LIMIT_STORE == "database" else 0
    # A new fan without a source or referrer: the campaign and its translations (then
    # cached), and the
    # supporter and event written together (an empty first touch has no attribution
    # row): one statement on PostgreSQL; on SQLite two inserts, which the test's
    # transaction wraps in SAVEPOINT and RELEASE.
    with django_assert_num_queries(limit + (3 if connection.vendor == "postgresql" else 6)):
        act(client, TALK)
    # The same act again (a double tap): the supporter locked, the de-dup check, done.
    with django_assert_num_queries(limit + 4):
        act(client, TALK)
    # A returning fan's new act: the target checked, the supporter locked, the de-dup
    # check, an earlier act (its first touch), whether they had acted before (fans are
    # counted once), and the event.
    target = CustomTarget.objects.create(campaign=campaign, name="Governor")
    call = {"verb": "call", "outcome": "talked", "target": f"custom:{target.pk}"}
    with django_assert_num_queries(limit + 8):
        act(client, call)
    assert ActionEvent.objects.count() == 2


form_values = st.one_of(st.text(max_size=60), st.sampled_from(["talk", "call", "write", "", "x"]))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["verb", "outcome", "target", "division", "next", "website", "body"]),
        form_values,
    )
)
def test_any_form_post_is_answered_without_a_server_error(client, campaign, data):
    response = act(client, data)
    assert response.status_code in (303, 400, 429)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    network=st.sampled_from(["x", "mastodon", "email", "nope"]),
    data=st.dictionaries(
        st.sampled_from(["instance", "elapsed", "issued", "website"]),
        st.one_of(st.text(max_size=300), st.sampled_from(["mastodon.social", "-1", "9" * 30])),
    ),
)
def test_any_link_out_post_is_answered_without_a_server_error(client, campaign, network, data):
    response = client.post(f"/c/act/share/{network}/", data)
    assert response.status_code in (303, 400, 404)
    org = DonationRecipientFactory(campaign=campaign)
    assert client.post(f"/go/{org.pk}/", data).status_code == 303


def test_publishing_a_draft_takes_effect_at_once(client, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from takeaction.campaigns.selectors import campaign_row_key
    from takeaction.campaigns.services import campaign_change_status

    draft = CampaignFactory(slug="soon", status=Campaign.Status.DRAFT)
    assert client.get("/c/soon/counts.json").status_code == 404
    # A draft's row is never cached, so a read racing the publish cannot outlive it.
    assert cache.get(campaign_row_key("soon")) is None
    with django_capture_on_commit_callbacks(execute=True):
        campaign_change_status(campaign=draft, status=Campaign.Status.LIVE)
    assert client.get("/c/soon/counts.json").status_code == 200
    assert cache.get(campaign_row_key("soon")) is not None


def test_closing_a_campaign_stops_actions_at_once(
    client, campaign, django_capture_on_commit_callbacks
):
    assert act(client, TALK).status_code == 303  # the campaign row is now cached
    from takeaction.campaigns.services import campaign_change_status

    with django_capture_on_commit_callbacks(execute=True):
        campaign_change_status(campaign=campaign, status=Campaign.Status.CLOSED)
    assert act(client, {"verb": "talk", "outcome": "talked_to_someone"}).status_code == 410
