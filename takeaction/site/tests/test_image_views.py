"""Share images and referral QR codes over HTTP: routes, cache headers, downloads, bad input."""

import re

import pytest
import segno
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.campaigns import images, qr
from takeaction.campaigns.models import Campaign
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.tests.image_samples import SIZES, read_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://act.example.org"
    return settings.SITE_URL


@pytest.mark.parametrize("kind", images.KINDS)
def test_image_route_serves_png_with_cache_headers(client, kind):
    CampaignFactory(slug="route")
    response = client.get(f"/c/route/{kind}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert "Content-Disposition" not in response
    assert read_png(response.content).size == SIZES[kind]


@pytest.mark.parametrize("kind", ["story", "square"])
def test_download_asks_the_browser_to_save_story_and_post(client, kind):
    CampaignFactory(slug="save-me")
    response = client.get(f"/c/save-me/{kind}.png", {"download": "1"})
    assert response["Content-Disposition"] == f'attachment; filename="save-me-{kind}.png"'


def test_og_image_is_never_an_attachment(client):
    CampaignFactory(slug="og-only")
    assert "Content-Disposition" not in client.get("/c/og-only/og.png?download=1")


@pytest.mark.parametrize(
    "path", ["/c/draft/og.png", "/c/draft/qr.svg", "/c/nope/story.png", "/c/nope/qr.svg"]
)
def test_drafts_and_unknown_campaigns_are_404(client, path):
    CampaignFactory(slug="draft", status=Campaign.Status.DRAFT)
    assert client.get(path).status_code == 404


def test_unknown_image_kind_is_404(client):
    CampaignFactory(slug="kinds")
    assert client.get("/c/kinds/banner.png").status_code == 404


def test_campaign_page_points_og_and_twitter_at_its_own_image(client, site_url):
    campaign = CampaignFactory(slug="meta")
    html = client.get("/c/meta/").content.decode()
    # The version makes platforms fetch the new image after an edit.
    image_url = f"{site_url}/c/meta/og.png?v={int(campaign.updated_at.timestamp())}"
    assert f'<meta property="og:image" content="{image_url}">' in html
    assert f'<meta name="twitter:image" content="{image_url}">' in html
    assert client.get(image_url.removeprefix(site_url)).status_code == 200


def test_qr_view_encodes_the_referral_url(client, site_url, monkeypatch):
    CampaignFactory(slug="refer")
    encoded = []
    real_make = segno.make
    monkeypatch.setattr(
        segno, "make", lambda url, **kw: encoded.append(url) or real_make(url, **kw)
    )

    response = client.get("/c/refer/qr.svg", {"r": "fan_42-x"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.content.startswith((b"<?xml", b"<svg"))
    assert b"<svg" in response.content and b'stroke="#1b1b1f"' in response.content
    assert encoded == [f"{site_url}/c/refer/?r=fan_42-x"]


def test_qr_without_a_code_encodes_the_campaign_url(client, site_url):
    campaign = CampaignFactory(slug="plain")
    response = client.get("/c/plain/qr.svg")
    assert response.status_code == 200
    assert response.content == qr.referral_qr_svg(f"{site_url}/c/plain/")
    assert response.content != qr.referral_qr_svg(qr.referral_url(campaign, "abcd"))


@pytest.mark.parametrize(
    "code", ["<script>", "a" * 33, "", "abc", "abcd\n", "ab cd", "ünïcode", "a/b/c/d"]
)
def test_bad_referral_codes_are_a_plain_400(client, code):
    CampaignFactory(slug="bad-codes")
    response = client.get("/c/bad-codes/qr.svg", {"r": code})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert b"<script>" not in response.content


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(max_size=40))
def test_any_referral_code_gives_a_qr_or_a_400_never_an_error(client, code):
    if not Campaign.objects.filter(slug="fuzz").exists():
        CampaignFactory(slug="fuzz")
    response = client.get("/c/fuzz/qr.svg", {"r": code})
    assert response.status_code in (200, 400)
    assert (response.status_code == 200) == bool(re.fullmatch(r"[A-Za-z0-9_-]{4,32}", code))
