"""From what an organizer pastes or uploads to plain paragraphs: bytes, HTML, encodings.

Nothing here raises on bad input: a problem is returned in words, with no text.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_BYTES = 200 * 1024

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "article", "section", "header", "footer", "tr", "figcaption", "figure", "pre", "hr",
}  # fmt: skip
_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "nav", "form", "button"}
_LOOKS_LIKE_HTML = re.compile(r"<(?:!doctype|html|body|p|div|br|span|article|a)\b", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "og:published_time")


@dataclass
class Reading:
    paragraphs: list[str] = field(default_factory=list)
    # The page's own date (an article's published time), ISO, when the HTML says it.
    date: str | None = None
    problem: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def read(data: bytes | str) -> Reading:
    """Return the paragraphs of ``data`` (text or HTML, as bytes or str), or a problem."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            return Reading(problem=f"The text is over {MAX_BYTES // 1024} KB: paste one article.")
        text = _decoded(data)
        if text is None:
            return Reading(problem="This is not text (a binary file?): paste the post's words.")
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            return Reading(problem=f"The text is over {MAX_BYTES // 1024} KB: paste one article.")
    text = text.replace("\x00", "")
    date = None
    if _LOOKS_LIKE_HTML.search(text):
        parser = _TextOfHTML()
        try:
            parser.feed(text)
            parser.close()
        except (AssertionError, ValueError):  # html.parser on hopeless markup
            return Reading(problem="This HTML could not be read: paste the article's text.")
        text, date = parser.text(), parser.date
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return Reading(problem="There is no text to read.")
    return Reading(paragraphs=paragraphs, date=date)


def _decoded(data: bytes) -> str | None:
    """The bytes as text, or None for what is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Mixed or legacy encodings: each line in UTF-8 if it is, else Windows-1252.
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    text = "\n".join(lines)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    return None if controls > len(text) // 20 else text


def _paragraphs(text: str) -> list[str]:
    """Lines, trimmed and with inner runs of spaces made one; empty lines dropped."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for line in _CONTROLS.sub("", text).split("\n"):
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


class _TextOfHTML(HTMLParser):
    """The visible text of a page, a line per block, and its published date if it says."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.date: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("meta", "time") and self.date is None:
            values = {name: value or "" for name, value in attrs}
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            value = values.get("content") or values.get("datetime") or ""
            if (tag == "time" or key.lower() in _DATE_META) and re.match(r"\d{4}-\d\d-\d\d", value):
                self.date = value[:10]

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)
