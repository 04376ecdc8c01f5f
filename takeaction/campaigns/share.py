"""Share-intent links for the post / tweet card.

Each link opens the platform's own compose screen with the campaign's text and
link filled in; nothing is posted on the fan's behalf.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    url: str


def share_message(text: str, hashtags: list[str]) -> str:
    """Return the text to share: the campaign's words, then its hashtags."""
    tags = " ".join(f"#{tag}" for tag in hashtags)
    return " ".join(part for part in (text.strip(), tags) if part)


def share_links(*, text: str, url: str, title: str) -> list[ShareLink]:
    """Return compose links for the platforms that accept prefilled text."""
    with_url = f"{text} {url}".strip()
    return [
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ShareLink("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + _q(text=with_url)),
        ShareLink("threads", "Threads", "https://www.threads.net/intent/post?" + _q(text=with_url)),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + _q(u=url)
        ),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + _q(text=with_url)),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + _q(url=url, text=text)),
        ShareLink("email", "Email", "mailto:?" + _q(subject=title, body=with_url)),
    ]


def _q(**params: str) -> str:
    # %20 rather than "+": mail clients and some apps show "+" literally.
    return urlencode(params, quote_via=quote)
