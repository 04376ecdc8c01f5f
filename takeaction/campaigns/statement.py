"""A first, simple reading of a pasted post: quote, speaker handle, platform, the ask."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from takeaction.campaigns.models import Platform
from takeaction.campaigns.verbs import _PATTERNS, Verb

_HOSTS = {
    "instagram.com": Platform.INSTAGRAM_POST,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "tiktok.com": Platform.TIKTOK,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "threads.net": Platform.THREADS,
    "threads.com": Platform.THREADS,
    "bsky.app": Platform.BLUESKY,
    "facebook.com": Platform.FACEBOOK,
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_HANDLE = re.compile(r"^@?([A-Za-z0-9_.]{1,30})$")
_NOT_HANDLES = {"p", "reel", "reels", "stories", "watch", "status", "profile", "share", "i"}


@dataclass
class Statement:
    quote: str
    ask: str = ""
    platform: str = Platform.OTHER
    speaker_handle: str = ""
    verbs: list[str] = field(default_factory=list)


def platform_of(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return Platform.OTHER
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    platform = _HOSTS.get(host, Platform.OTHER)
    if platform == Platform.INSTAGRAM_POST and "/stories/" in parts.path:
        return Platform.INSTAGRAM_STORY
    return platform


def handle_of(url: str) -> str:
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] == "stories" and len(segments) > 1:
        segments = segments[1:]
    if segments and segments[0] == "profile" and len(segments) > 1:  # bsky.app/profile/x
        segments = segments[1:]
    first = segments[0] if segments else ""
    match = _HANDLE.match(first)
    if not match or first.lower() in _NOT_HANDLES:
        return ""
    return "@" + match.group(1)


def read_statement(text: str, url: str = "") -> Statement:
    """Prefill a campaign from a pasted post: the sentence that asks for most verbs is the ask."""
    quote = "\n".join(line.rstrip() for line in (text or "").strip().splitlines()).strip()
    best, best_count = "", 0
    for sentence in _SENTENCE.findall(quote):
        count = sum(1 for pattern in _PATTERNS.values() if pattern.search(sentence))
        if count > best_count:
            best, best_count = sentence.strip(), count
    verbs = [verb.value for verb, pattern in _PATTERNS.items() if pattern.search(best)]
    return Statement(
        quote=quote,
        ask=best[:300],
        platform=platform_of(url),
        speaker_handle=handle_of(url),
        verbs=verbs or [verb.value for verb in Verb],
    )
