"""The light formatting organizers may use in campaign texts, rendered safely.

``**bold**``, ``*italic*``, ``[a link](https://…)``, blank lines between paragraphs
and single line breaks. The text is escaped first, the few constructs become
tags, and nh3 (the Ammonia sanitiser) keeps only those tags and http(s) links, so
nothing an organizer (or an attacker with their password) types can run script.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^\s)]{1,500})\)")
TAGS = {"p", "br", "strong", "em", "a"}
ATTRIBUTES = {"a": {"href"}}


def _inline(text: str) -> str:
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def render_light(text: str) -> SafeString:
    """Return sanitised HTML for organizer-written text."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    html = "".join(
        "<p>" + "<br>".join(_inline(escape(line)) for line in paragraph.splitlines()) + "</p>"
        for paragraph in paragraphs
    )
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308  (sanitised by nh3 just above)
