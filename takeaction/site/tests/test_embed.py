"""The embeddable action card: who may frame it, what it shows, and the dashboard snippet."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from takeaction.accounts.services import organization_create
from takeaction.actions.models import Outcome
from takeaction.actions.services import Act, action_record
from takeaction.campaigns.models import EMBED_ORIGIN, Campaign
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

# What a frame-ancestors source may be here: nothing a header could be split or quoted by.
ORIGIN = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?")


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://act.example.org"
    return settings.SITE_URL


def test_card_shows_title_speaker_total_and_one_link_per_verb(client, site_url):
    campaign = CampaignFactory(
        slug="card", title="Keep families together", speaker_name="Khloé", goal=1000
    )
    campaign.talk_enabled = False
    campaign.save()
    action_record(campaign=campaign, public_id=None, act=Act(verb="call", outcome=Outcome.TALKED))

    response = client.get("/c/card/embed/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Keep families together" in page and "Khloé asked fans to act" in page
    assert re.search(r'<span class="big">1</span> of a goal of 1,000 actions', page)
    links = re.findall(r'<a class="button" href="([^"]+)" target="_blank" rel="noopener">', page)
    assert links == [f"{site_url}/c/card/#{verb}" for verb in campaign.enabled_verbs()]
    assert f"{site_url}/c/card/#talk" not in links
    assert "takeaction/embed-child.js" in page and "takeaction/site.css" in page
    assert response["Cache-Control"] == "public, max-age=30"


def test_closed_campaigns_still_embed_with_a_closed_note(client):
    CampaignFactory(slug="over", status=Campaign.Status.CLOSED)
    response = client.get("/c/over/embed/")
    assert response.status_code == 200 and "This campaign has closed" in response.content.decode()


def test_drafts_and_unknown_campaigns_are_not_found(client):
    CampaignFactory(slug="secret", status=Campaign.Status.DRAFT)
    assert client.get("/c/secret/embed/").status_code == 404
    assert client.get("/c/nothing-here/embed/").status_code == 404


def test_allowed_origins_may_frame_the_card_and_no_one_else(client):
    CampaignFactory(
        slug="framed",
        embed_origins="https://example.org\n  HTTP://Local.Test:8080/ \nnot an origin\n"
        "https://example.org/path\nhttps://example.org\nhttps://a.org; script-src *",
    )

    response = client.get("/c/framed/embed/")

    assert "X-Frame-Options" not in response
    assert _csp(response)["frame-ancestors"] == [
        "'self'",
        "https://example.org",
        "http://local.test:8080",
    ]
    # The rest of the site-wide policy still applies.
    assert _csp(response)["script-src"] == ["'self'"]


def test_without_allowed_origins_only_this_site_may_frame_the_card(client):
    CampaignFactory(slug="plain")
    response = client.get("/c/plain/embed/")
    assert "X-Frame-Options" not in response
    assert _csp(response)["frame-ancestors"] == ["'self'"]


def test_other_pages_still_refuse_every_frame(client):
    CampaignFactory(slug="page", embed_origins="https://example.org")
    for path in ("/c/page/", "/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY"
        assert _csp(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("https://example.org", ["https://example.org"]),
        ("https://Example.ORG/", ["https://example.org"]),
        ("http://127.0.0.1:8000", ["http://127.0.0.1:8000"]),
        ("https://example.org:65536", []),
        ("https://example.org:0", []),
        ("https://example.org/embed", []),
        ("https://example.org?x=1", []),
        ("https://user@example.org", []),
        ("ftp://example.org", []),
        ("example.org", []),
        ("https://*.example.org", []),
        ("https://exa mple.org", []),
        ("https://-bad.example.org", []),
        ("'self'", []),
    ],
)
def test_only_scheme_host_and_port_count_as_an_origin(line, expected):
    assert Campaign(embed_origins=line).embed_origin_list() == expected


@given(st.lists(st.text() | st.from_regex(EMBED_ORIGIN, fullmatch=True)))
def test_origin_list_never_raises_and_returns_only_origins(lines):
    origins = Campaign(embed_origins="\n".join(lines)).embed_origin_list()
    assert all(ORIGIN.fullmatch(origin) for origin in origins)
    assert len(origins) == len(set(origins))


def test_dashboard_shows_the_snippet_and_the_allowed_sites(client, site_url):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(
        organization=org, slug="snip", title='Say "yes" & act', embed_origins="https://fans.example"
    )
    client.force_login(owner)

    page = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/").content.decode()

    textarea = re.search(r"<textarea[^>]*readonly[^>]*>(.*?)</textarea>", page, re.DOTALL)
    snippet = html.unescape(textarea[1])
    assert snippet == (
        f'<iframe data-takeaction-embed src="{site_url}/c/snip/embed/"'
        ' title="Say &quot;yes&quot; &amp; act" style="width:100%;border:0" loading="lazy">'
        f'</iframe><script src="{site_url}/static/takeaction/embed.js" async></script>'
    )
    assert "Sites allowed to show it: https://fans.example." in page


def _parent_origin(live_url: str) -> str:
    assert live_url.startswith("http://localhost:")
    return live_url.replace("localhost", "127.0.0.1")


def _parent_page(chromium, live_url: str):
    """Open an organizer's page framing the card, at an origin other than the card's.

    The live server answers at ``localhost``; the browser serves the parent page itself
    at ``127.0.0.1`` on the same port: another origin, in the same (loopback) address
    space, which Chromium's local network access checks also ask the context to allow.
    """
    parent = _parent_origin(live_url)
    snippet = (
        f'<iframe data-takeaction-embed src="{live_url}/c/framed/embed/" title="Card"'
        ' style="width:100%;border:0"></iframe>'
        f'<script src="{live_url}/static/takeaction/embed.js" async></script>'
    )
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, permissions=["local-network-access"]
    )
    page = context.new_page()
    answers = []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.route(
        f"{parent}/organizer/",
        lambda route: route.fulfill(
            content_type="text/html", body=f"<!doctype html><h1>An organizer</h1>{snippet}"
        ),
    )
    page.goto(f"{parent}/organizer/", wait_until="load")
    return context, page, answers


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_allowed_site_frames_the_card_at_its_full_height(chromium, live_server):
    parent = _parent_origin(live_server.url)
    campaign = CampaignFactory(slug="framed", embed_origins=f"https://example.org\n{parent}")
    context, page, _answers = _parent_page(chromium, live_server.url)
    try:
        page.wait_for_function(
            "document.querySelector('iframe').style.height !== ''", timeout=10_000
        )
        card = next(frame for frame in page.frames if frame.url.endswith("/c/framed/embed/"))
        card_height = card.evaluate("document.documentElement.getBoundingClientRect().height")
        frame_height = page.evaluate("document.querySelector('iframe').offsetHeight")
        assert card_height > 150  # taller than an iframe's default, so the script sized it
        assert abs(frame_height - card_height) <= 1
        assert card.locator("a.button").count() == len(campaign.enabled_verbs())
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_site_not_on_the_list_cannot_frame_the_card(chromium, live_server):
    CampaignFactory(slug="framed", embed_origins="https://example.org")
    context, page, answers = _parent_page(chromium, live_server.url)
    try:
        page.wait_for_timeout(500)
        # The server answered; the browser refused to show the answer in the frame.
        assert (f"{live_server.url}/c/framed/embed/", 200) in answers
        assert page.frames[1].locator("a.button").count() == 0
        assert page.evaluate("document.querySelector('iframe').style.height") == ""
    finally:
        context.close()
