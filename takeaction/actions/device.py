"""A coarse device class from the User-Agent: enough for reports, not a fingerprint."""

import re

from takeaction.actions.models import ActionEvent

_BOT = re.compile(r"bot|crawl|spider|slurp|preview|fetch|headless|python-|curl|wget", re.I)
_MOBILE = re.compile(r"mobi|android|iphone|ipad|ipod", re.I)
_DESKTOP = re.compile(r"windows|macintosh|x11|linux|cros", re.I)


def device_class(user_agent: str) -> str:
    if not user_agent:
        return ActionEvent.Device.OTHER
    if _BOT.search(user_agent):
        return ActionEvent.Device.BOT
    if _MOBILE.search(user_agent):
        return ActionEvent.Device.MOBILE
    if _DESKTOP.search(user_agent):
        return ActionEvent.Device.DESKTOP
    return ActionEvent.Device.OTHER
