"""Share images for a campaign: Open Graph card, Instagram story and Instagram post.

All three use one layout: the site name at the top, the URL at the bottom, and the
title, an excerpt of the quote and the speaker centred between them. Text is
measured with the font that draws it, so nothing runs off the canvas whatever the
campaign says; characters the font lacks (emoji, some scripts) render as boxes.
"""

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from takeaction.campaigns.selectors import campaign_image_jpeg

BACKGROUND = "#f4f2ee"
ACCENT = "#a4161a"
# The campaign's brand colour, as the page's CSS has it (static/takeaction/site.css).
BRANDS = {
    "red": ACCENT, "blue": "#1d4ed8", "green": "#166534", "purple": "#6b21a8",
    "teal": "#0f766e", "rust": "#9a3412", "ink": "#1b1b1f",
}  # fmt: skip
INK = "#1b1b1f"
MUTED = "#4a4a52"

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
LINE_HEIGHT = 1.3
# Without FreeType, Pillow's only font is a bitmap one that can draw Latin-1 alone.
FREETYPE = features.check("freetype2")
ELLIPSIS = "\u2026" if FREETYPE else "..."

# Old keys are never deleted: an edit changes updated_at, so they simply expire.
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Layout:
    """Where things go on one image size; font sizes are in pixels."""

    width: int
    height: int
    margin: int
    top: int  # the site name starts here
    bottom: int  # the URL ends here; below stays empty (the story's link-sticker area)
    label: int
    title: tuple[int, int]  # largest and smallest size tried before cutting the title
    title_lines: int
    quote: tuple[int, int]  # a short quote is set larger
    speaker: int
    url: int


LAYOUTS = {
    "og": Layout(1200, 630, 72, 56, 574, 24, (60, 44), 2, (40, 30), 26, 28),
    # Instagram draws its header over the top ~220 px and the reply bar over the
    # bottom ~220 px; the ~240 px above that are left empty for the fan's link sticker.
    "story": Layout(1080, 1920, 96, 230, 1460, 34, (92, 64), 4, (64, 46), 40, 48),
    "square": Layout(1080, 1080, 84, 84, 1000, 30, (80, 56), 3, (54, 38), 34, 36),
}
KINDS = tuple(LAYOUTS)


def campaign_image(campaign, kind: str) -> bytes:
    """Return the PNG for one kind, from the cache while the campaign is unchanged."""
    # Per version and address: the image shows the version's texts and the page's URL.
    edited = campaign.updated_at.timestamp()
    address = campaign.get_absolute_url()
    key = f"campaign-image:v2:{campaign.pk}:{kind}:{edited}:{campaign.language}:{address}"
    png = cache.get(key)
    if png is None:
        png = render(campaign, kind)
        cache.set(key, png, CACHE_SECONDS)
    return png


def render(campaign, kind: str, *, url: str | None = None, qr: bytes | None = None) -> bytes:
    """Draw one kind of share image and return it as PNG bytes.

    ``url`` replaces the campaign's address (a source's short link); ``qr`` is a PNG
    placed, centred, in the space below the text.
    """
    layout = LAYOUTS[kind]
    accent = BRANDS.get(getattr(campaign, "brand", ""), ACCENT)
    image = Image.new("RGB", (layout.width, layout.height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    left, width = layout.margin, layout.width - 2 * layout.margin
    rule = max(6, layout.width // 160)
    draw.rectangle((0, 0, layout.width, rule * 2), fill=accent)

    label = _font(BOLD, layout.label)
    draw.text((left, layout.top), _clean(settings.SITE_NAME).upper(), font=label, fill=accent)
    _paste_photo(image, campaign, layout, accent)

    # A card with a QR code gives it a third of the width, taking the room from the text.
    bottom = layout.bottom
    if qr is not None:
        bottom = min(bottom, layout.height - 2 * layout.margin - layout.width * 2 // 5)

    # The URL as people type it (no scheme), broken after a slash if it needs two lines.
    url = url or settings.SITE_URL + campaign.get_absolute_url()
    url_sizes = (layout.url, layout.url * 3 // 4)
    url_font, url_lines = _fit(url.split("://", 1)[-1], BOLD, url_sizes, width, lines=2, after="/")
    url_height = _leading(url_font) * len(url_lines)
    _lines(draw, left, bottom - url_height, url_lines, url_font, accent)

    # The middle: title, quote, speaker and the ask, centred between the label and the URL.
    top = layout.top + 2 * _leading(label)
    space = bottom - url_height - _leading(url_font) - top
    title = _clean(campaign.title)
    title_font, title_lines = _fit(title, BOLD, layout.title, width, lines=layout.title_lines)
    speaker = _speaker_lines(campaign, layout.speaker, width)
    gap = _leading(title_font) // 2
    fixed = _leading(title_font) * len(title_lines) + 2 * gap
    fixed += sum(_leading(font) for _, font, _ in speaker)
    ask_font, ask_lines = _fit(_clean(campaign.ask), BOLD, (layout.speaker,) * 2, width, lines=2)
    if ask_lines:
        fixed += gap + _leading(ask_font) * len(ask_lines)
    quote_font, quote_lines = _quote_excerpt(
        _clean(campaign.quote), layout.quote, width - 3 * rule, space - fixed
    )
    quote_height = _leading(quote_font) * len(quote_lines)

    y = top + max(0, (space - fixed - quote_height) // 2)
    y = _lines(draw, left, y, title_lines, title_font, INK) + gap
    if quote_lines:
        draw.rectangle((left, y + rule, left + rule - 1, y + quote_height - rule), fill=accent)
        y = _lines(draw, left + 3 * rule, y, quote_lines, quote_font, INK) + gap
    for line, font, fill in speaker:
        draw.text((left, y), line, font=font, fill=fill)
        y += _leading(font)
    if ask_lines:
        _lines(draw, left, y + gap, ask_lines, ask_font, accent)

    if qr is not None:
        code = Image.open(io.BytesIO(qr)).convert("RGB")
        room = layout.height - bottom - 2 * layout.margin
        code = code.resize((room, room), Image.Resampling.NEAREST)
        image.paste(code, ((layout.width - room) // 2, bottom + layout.margin))

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _paste_photo(image, campaign, layout: Layout, accent: str) -> None:
    """The campaign's own image, if it has one, in a square at the top right."""
    jpeg = campaign_image_jpeg(campaign=campaign) if getattr(campaign, "pk", None) else None
    if jpeg is None:
        return
    side = layout.label * 4
    photo = ImageOps.fit(Image.open(io.BytesIO(jpeg)).convert("RGB"), (side, side))
    x, y = layout.width - layout.margin - side, layout.top
    ImageDraw.Draw(image).rectangle((x - 4, y - 4, x + side + 3, y + side + 3), fill=accent)
    image.paste(photo, (x, y))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _quote_excerpt(quote: str, sizes, width: int, height: int):
    """The quote's longest run of whole sentences that fits, and its font and lines.

    A sentence cut in the middle reads as something the speaker did not say; when
    sentences are left out, an ellipsis says so. If not even the first sentence fits,
    it is cut with an ellipsis, as any text here is.
    """
    if not quote:
        return _font(REGULAR, sizes[1]), []
    # More sentences than the first 2,000 characters hold can never fit.
    sentences = _SENTENCE_END.split(quote[:2000])

    def attempt(count: int):
        more = " " + ELLIPSIS if count < len(sentences) or len(quote) > 2000 else ""
        text = _clean(f"\u201c{' '.join(sentences[:count])}{more}\u201d")
        font, lines = _fit(text, REGULAR, sizes, width, height=height, ellipsis="\0")
        return (font, lines) if lines and not lines[-1].endswith("\0") else None

    # Fewer sentences always fit where more do: the most that fit, by bisection.
    low, high, best = 1, len(sentences), None
    while low <= high:
        middle = (low + high) // 2
        fitted = attempt(middle)
        if fitted is not None:
            best, low = fitted, middle + 1
        else:
            high = middle - 1
    if best is not None:
        return best
    text = _clean(f"\u201c{quote}\u201d")
    return _fit(text, REGULAR, sizes, width, height=height, ellipsis=_clean(ELLIPSIS + "\u201d"))


def _speaker_lines(campaign, size: int, width: int) -> list[tuple[str, object, str]]:
    """Return the speaker's name (bold) and handle (muted), one line each."""
    name, handle = _clean(campaign.speaker_name), _clean(campaign.speaker_handle)
    lines = [
        (_clean(f"\u2014 {name}") if name else "", _font(BOLD, size), INK),
        (handle, _font(REGULAR, size), MUTED),
    ]
    return [(_wrap(text, font, width, 1)[0], font, fill) for text, font, fill in lines if text]


@lru_cache(maxsize=64)
def _font(name: str, size: int):
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        # No DejaVu: Pillow's bundled font (scalable, or a small bitmap one without FreeType).
        return ImageFont.load_default(size=size)


def _leading(font) -> int:
    # The bitmap fallback font has no size attribute; it is 11 px.
    return round(getattr(font, "size", 11) * LINE_HEIGHT)


def _clean(text: str) -> str:
    """Collapse whitespace and drop characters no font can draw (controls, lone surrogates)."""
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\n\t"
    )
    text = " ".join(text.split())
    if not FREETYPE:
        text = text.encode("latin-1", "replace").decode("latin-1")
    return text


def _fit(text, name, sizes, width, *, lines=100, height=None, after=" ", ellipsis=ELLIPSIS):
    """Return the largest font that fits text in so many lines (and pixels), and its lines.

    Sizes run from the largest down to the smallest; at the smallest, the text is cut.
    """
    largest, smallest = sizes
    for size in [*range(largest, smallest, -4), smallest]:
        font = _font(name, size)
        allowed = min(lines, height // _leading(font)) if height is not None else lines
        wrapped = _wrap(text, font, width, allowed + 1, after=after)
        if len(wrapped) <= allowed:
            return font, wrapped
    return font, _wrap(text, font, width, allowed, after=after, ellipsis=ellipsis)


def _wrap(
    text: str, font, width: int, max_lines: int, *, ellipsis: str = ELLIPSIS, after: str = " "
) -> list[str]:
    """Break text after spaces (or another character) into lines no wider than width.

    Return at most max_lines lines; when text does not fit, the last one ends with ellipsis.
    """
    if max_lines < 1 or not text:
        return []
    # More characters than max_lines of the narrowest glyphs hold; the rest cannot show.
    limit = max_lines * 200
    lines, line = [], ""
    for word in re.split(f"(?<={re.escape(after)})", text[:limit]):
        if font.getlength((line + word).rstrip()) <= width:
            line += word
            continue
        if font.getlength(word.rstrip()) <= width:
            lines.append(line.rstrip())
            line = word
            continue
        # Wider than a whole line (a long URL, text without spaces): break it anywhere.
        while font.getlength((line + word).rstrip()) > width and len(lines) <= max_lines:
            cut = _chars_that_fit(line, word, font, width)
            lines.append((line + word[:cut]).rstrip())
            line, word = "", word[cut:]
        line += word
        if len(lines) > max_lines:
            break
    else:
        lines.append(line.rstrip())
        if len(lines) <= max_lines and len(text) <= limit:
            return lines
    lines = lines[:max_lines]
    return [*lines[:-1], _with_ellipsis(lines[-1], font, width, ellipsis)]


def _with_ellipsis(line: str, font, width: int, ellipsis: str) -> str:
    """Shorten line until it fits with the ellipsis after it, at a space if one is near."""
    line = line[: _chars_that_fit("", line, font, width - font.getlength(ellipsis))]
    head, space, _ = line.rpartition(" ")
    if space and font.getlength(head) > width * 2 / 3:
        line = head
    return line.rstrip(" ,;:.") + ellipsis


def _chars_that_fit(line: str, word: str, font, width: int) -> int:
    """Return how many characters of word fit after line (at least one on an empty line)."""
    low, high = 0 if line else 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(line + word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _lines(draw, x: int, y: int, lines: list[str], font, fill: str) -> int:
    """Draw lines top-down from y and return the y below the last one."""
    for line in lines:
        draw.text((x, y), line, font=font, fill=fill)
        y += _leading(font)
    return y


def source_story_card(source) -> bytes:
    """A 1080x1920 story for one post: the campaign, the source's short link and its QR code."""
    link = settings.SITE_URL + source.get_absolute_url()
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=10, border=2, dark=INK)
    return render(source.campaign, "story", url=link, qr=qr.getvalue())
