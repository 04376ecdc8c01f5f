"""Referral QR codes: a fan shows the campaign link on their phone and a friend scans it."""

import io
from urllib.parse import urlencode

import segno
from django.conf import settings

DARK = "#1b1b1f"
# White, not transparent: scanners need contrast even when the page behind is dark.
LIGHT = "#ffffff"


def referral_url(campaign, code: str | None = None) -> str:
    """Return the campaign's absolute URL, with ``?r=<code>`` when a referral code is given."""
    url = settings.SITE_URL + campaign.get_absolute_url()
    return f"{url}?{urlencode({'r': code})}" if code else url


def referral_qr_svg(url: str) -> bytes:
    """Return an SVG QR code for url, sized to scan from a phone screen."""
    # Error level M survives a cracked screen or glare; the 4-module quiet zone is the
    # standard's minimum; 8 px modules give a ~300-400 px square for a campaign URL.
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, dark=DARK, light=LIGHT)
    return buffer.getvalue()
