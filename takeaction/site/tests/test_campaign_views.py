from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.campaigns.demo import demo_load
from takeaction.campaigns.models import Campaign
from takeaction.campaigns.tests.factories import (
    CampaignFactory,
    DonationRecipientFactory,
    PushbackAnswerFactory,
)
from takeaction.site.page_cache import page_cache_forget

pytestmark = pytest.mark.django_db

VERB_CARD_IDS = ['id="share"', 'id="talk"', 'id="call"', 'id="write"', 'id="donate"']


@pytest.fixture
def demo():
    return {campaign.slug: campaign for campaign in demo_load()}


def test_demo_page_shows_quote_card_summary_and_every_verb_in_ask_order(client, demo):
    response = client.get("/c/families-belong-together/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please tweet, talk, call, post, write, donate. Xo" in html
    assert "Khloé Kardashian" in html and "@khloekardashian" in html
    assert "Instagram story" in html and 'datetime="2018-06-22"' in html
    assert 'href="https://twitter.com/khloekardashian"' in html
    assert "more than 2,000 children" in html
    positions = [html.index(card_id) for card_id in VERB_CARD_IDS]
    assert positions == sorted(positions)
    assert "actions of a goal of 10,000" in html and "fans took action" in html
    assert "Clicks, not actions" in html


def test_page_has_open_graph_and_twitter_card_tags(client, demo):
    html = client.get("/c/families-belong-together/").content.decode()
    for tag in (
        'property="og:title" content="Families Belong Together"',
        'property="og:description"',
        'property="og:image" content="http://127.0.0.1:8000/c/families-belong-together/og.png?v=',
        'property="og:url" content="http://127.0.0.1:8000/c/families-belong-together/"',
        'name="twitter:card" content="summary_large_image"',
        'name="twitter:image"',
    ):
        assert tag in html, tag


def test_switched_off_verbs_have_no_card(client):
    CampaignFactory(slug="no-write", write_enabled=False, donate_enabled=False)
    html = client.get("/c/no-write/").content.decode()
    assert 'id="call"' in html
    assert 'id="write"' not in html and 'id="donate"' not in html


def test_donation_links_are_tracked_redirects_to_listed_urls_only(client):
    donation = DonationRecipientFactory(is_example=True)
    html = client.get(donation.campaign.get_absolute_url()).content.decode()
    assert f'href="/go/{donation.pk}/"' in html and donation.url not in html
    assert "example data" in html
    response = client.post(f"/go/{donation.pk}/?next=https://evil.example/", {"elapsed": "5000"})
    assert response.status_code == 303 and response["Location"] == donation.url


def test_user_text_is_escaped(client):
    CampaignFactory(slug="xss", title="<script>alert(1)</script>", quote="<b>hi</b>")
    html = client.get("/c/xss/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html


def test_page_query_budget_cold_warm_counts_and_cached(client, django_assert_num_queries):
    campaign = CampaignFactory()
    PushbackAnswerFactory.create_batch(3, campaign=campaign)
    DonationRecipientFactory.create_batch(4, campaign=campaign)
    # Cold: the campaign and its parts (its translations among them: 5), and the live
    # counts rebuilt from the rollups (whether acts wait to be folded, the day rows
    # grouped, the fans summed, the opt-ins: 4).
    with django_assert_num_queries(9):
        assert client.get(campaign.get_absolute_url()).status_code == 200
    # Page cached: no query at all.
    with django_assert_num_queries(0):
        assert client.get(campaign.get_absolute_url()).status_code == 200
    # Page expired but counts still cached: the campaign's 5 queries only.
    page_cache_forget(campaign.slug)
    with django_assert_num_queries(5):
        assert client.get(campaign.get_absolute_url()).status_code == 200


def test_edits_reach_the_cached_page_at_once(client, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(title="Old title")
    assert "Old title" in client.get(campaign.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        campaign.title = "New title"
        campaign.save()
    assert "New title" in client.get(campaign.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PushbackAnswerFactory(campaign=campaign, objection="A fresh objection")
    assert "A fresh objection" in client.get(campaign.get_absolute_url()).content.decode()


def test_renaming_a_public_slug_redirects_the_old_address(
    client, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="before")
    assert client.get("/c/before/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        campaign.slug = "after"
        campaign.save()
    moved = client.get("/c/before/?src=story")
    assert moved.status_code == 302 and moved["Location"] == "/c/after/?src=story"
    assert client.get("/c/after/").status_code == 200
    # Renamed back: the address is the campaign's again, and the other one redirects.
    with django_capture_on_commit_callbacks(execute=True):
        campaign.slug = "before"
        campaign.save()
    assert client.get("/c/before/").status_code == 200
    assert client.get("/c/after/")["Location"] == "/c/before/"


def test_a_draft_renamed_before_publishing_leaves_no_old_address(client):
    draft = CampaignFactory(slug="first-try", status="draft")
    draft.slug = "final"
    draft.save()
    draft.status = "live"
    draft.save()
    assert client.get("/c/first-try/").status_code == 404
    assert client.get("/c/final/").status_code == 200


def test_closed_campaign_stays_visible_with_a_notice(client):
    campaign = CampaignFactory(status=Campaign.Status.CLOSED)
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    assert "This campaign has closed" in response.content.decode()


@pytest.mark.parametrize("path", ["/c/no-such-campaign/", "/c/draft/", "/c/%E2%9C%93/", "/nope/"])
def test_unknown_and_draft_slugs_get_the_friendly_404(client, path):
    CampaignFactory(slug="draft", status=Campaign.Status.DRAFT)
    response = client.get(path)
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_draft_preview_is_for_staff_only(client, admin_client):
    CampaignFactory(slug="draft", status=Campaign.Status.DRAFT, title="Secret plan")
    assert client.get("/c/draft/preview/").status_code == 302
    response = admin_client.get("/c/draft/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret plan" in html and "Staff preview" in html and 'content="noindex"' in html
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert admin_client.get("/c/draft/").status_code == 404
    # A draft has no public counts or fan state: its preview asks for neither (no 404s).
    assert "data-me-url" not in html and "data-counts-url" not in html
    assert "data-me-url" in client.get(CampaignFactory().get_absolute_url()).content.decode()


def test_preview_of_a_missing_campaign_is_404(admin_client):
    assert admin_client.get("/c/ghost/preview/").status_code == 404


def test_post_to_the_page_is_refused_cleanly(client):
    campaign = CampaignFactory()
    assert client.post(campaign.get_absolute_url()).status_code == 405


def test_home_lists_live_campaigns_only(client):
    CampaignFactory(title="Live one")
    CampaignFactory(title="Draft one", status=Campaign.Status.DRAFT)
    CampaignFactory(title="Closed one", status=Campaign.Status.CLOSED)
    html = client.get("/").content.decode()
    assert "Live one" in html
    assert "Draft one" not in html and "Closed one" not in html


def test_home_says_so_when_nothing_is_live(client):
    assert "There are no live campaigns yet." in client.get("/").content.decode()


def test_security_headers_are_sent(client, demo):
    response = client.get("/c/families-belong-together/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "public, max-age=60"


def test_page_and_its_assets_stay_under_60_kb(client, demo):
    html = client.get("/c/families-belong-together/").content
    assets = sum(
        len(open(finders.find(name), "rb").read())  # noqa: SIM115
        for name in ("takeaction/site.css", "takeaction/site.js")
    )
    assert len(html) + assets < 60 * 1024


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.text(min_size=1, max_size=80))
def test_any_slug_gives_a_page_or_a_404_never_an_error(client, slug):
    response = client.get("/c/" + quote(slug, safe="") + "/")
    assert response.status_code in (200, 301, 404)


def test_first_screen_links_to_each_enabled_verb_in_ask_order(client):
    CampaignFactory(slug="jump", ask="Donate, then call.", talk_enabled=False)
    html = client.get("/c/jump/").content.decode()
    nav = html[html.index('<nav class="jump"') : html.index("</nav>")]
    hrefs = [part.split('"')[0] for part in nav.split('href="#')[1:]]
    assert hrefs == ["donate", "call", "share", "write"]


def test_a_landing_that_sets_the_first_touch_cookie_is_not_for_shared_caches(client):
    CampaignFactory(slug="landing")
    landing = client.get("/c/landing/?src=ig-story")
    assert "ta_attr_landing" in landing.cookies
    assert landing["Cache-Control"] == "private, no-cache"
    again = client.get("/c/landing/?src=ig-story")  # the cookie is there: nothing to set
    assert not again.cookies and again["Cache-Control"] == "public, max-age=60"
    assert client.get("/c/landing/")["Cache-Control"] == "public, max-age=60"


def test_the_page_wears_the_campaigns_brand_colour(client):
    CampaignFactory(slug="blue", brand="blue")
    assert '<body class="brand-blue">' in client.get("/c/blue/").content.decode()
    css = (django_settings.BASE_DIR / "static" / "takeaction" / "site.css").read_text()
    assert ".brand-blue { --accent: #1d4ed8; }" in css
