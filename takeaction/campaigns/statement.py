"""What a post's link says: its platform and the speaker's handle (the text is read by
``voices``)."""

import re
from urllib.parse import urlsplit

from takeaction.campaigns.models import Platform

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
_HANDLE = re.compile(r"^@?([A-Za-z0-9_.]{1,30})$")
_NOT_HANDLES = {"p", "reel", "reels", "stories", "watch", "status", "profile", "share", "i"}


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
