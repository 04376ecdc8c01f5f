"""The campaign's image: checked by its content, size-limited and re-encoded before it is kept.

Whatever an organizer uploads is opened by Pillow (never trusted by its name or its
declared type), refused if it is not a JPEG, PNG, WebP or GIF, if its file or its
pixel count is too large (a "decompression bomb"), and stored only as a new JPEG
drawn from its pixels: no metadata, no embedded script, no second image inside.
"""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 1600
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class PhotoRefused(ValueError):
    """An upload that cannot be a campaign image; the message says why, for the organizer."""


def photo_reencoded(data: bytes) -> tuple[bytes, int, int]:
    """Return (JPEG bytes, width, height) for an uploaded image, or raise PhotoRefused."""
    if not data:
        raise PhotoRefused(_("Choose an image file."))
    if len(data) > MAX_BYTES:
        raise PhotoRefused(_("The image is larger than 5 MB. Choose a smaller one."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()
        if kind not in FORMATS:
            raise PhotoRefused(_("Use a JPEG, PNG, WebP or GIF image."))
        if width * height > MAX_PIXELS:
            raise PhotoRefused(_("The image has too many pixels. Choose a smaller one."))
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue(), image.width, image.height
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise PhotoRefused(_("That file is not an image we can read.")) from None
