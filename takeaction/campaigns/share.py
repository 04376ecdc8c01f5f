"""Share-intent links for the post / tweet card.

Each link opens the platform's own compose screen with the campaign's text and
link filled in; nothing is posted on the fan's behalf.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    url: str


def share_message(text: str, hashtags: list[str]) -> str:
    """Return the text to share: the campaign's words, then its hashtags."""
    tags = " ".join(f"#{tag}" for tag in hashtags)
    return " ".join(part for part in (text.strip(), tags) if part)


def campaign_share_message(campaign, *, acted: bool = False) -> str:
    """The campaign's share message for a fan who has (or has not yet) acted."""
    text = (acted and campaign.share_text_after) or campaign.share_text or campaign.title
    return share_message(text, campaign.hashtag_list())


NETWORKS: dict[str, str] = {
    "x": "X",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "facebook": "Facebook",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "email": _("Email"),
    "mastodon": "Mastodon",
}
_HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def clean_instance(value: str) -> str:
    """Return a Mastodon instance's host name (``mastodon.social``) or "" if it isn't one."""
    host = str(value or "").strip().lower().removeprefix("https://").removeprefix("@").rstrip("/")
    host = host.rsplit("@", 1)[-1]  # "@me@example.social" -> "example.social"
    return host if _HOSTNAME.match(host) else ""


def intent_url(network: str, *, text: str, url: str, title: str, instance: str = "") -> str:
    """Return the compose URL for ``network``, or "" when it cannot be built."""
    with_url = f"{text} {url}".strip()
    builders = {
        "x": lambda: "https://x.com/intent/post?" + urlencode({"text": text, "url": url}),
        "bluesky": lambda: "https://bsky.app/intent/compose?" + _q(text=with_url),
        "threads": lambda: "https://www.threads.net/intent/post?" + _q(text=with_url),
        "facebook": lambda: "https://www.facebook.com/sharer/sharer.php?" + _q(u=url),
        "whatsapp": lambda: "https://wa.me/?" + _q(text=with_url),
        "telegram": lambda: "https://t.me/share/url?" + _q(url=url, text=text),
        "email": lambda: "mailto:?" + _q(subject=title, body=with_url),
        "mastodon": lambda: f"https://{instance}/share?" + _q(text=with_url) if instance else "",
    }
    builder = builders.get(network)
    return builder() if builder else ""


def share_links(*, text: str, url: str, title: str) -> list[ShareLink]:
    """Return compose links for the platforms that accept prefilled text (not Mastodon)."""
    return [
        ShareLink(key, label, intent_url(key, text=text, url=url, title=title))
        for key, label in NETWORKS.items()
        if key != "mastodon"
    ]


def _q(**params: str) -> str:
    # %20 rather than "+": mail clients and some apps show "+" literally.
    return urlencode(params, quote_via=quote)
