"""Texts that stress the share images, and a PNG reader, for the drawing and the view tests."""

import io

from PIL import Image

SIZES = {"og": (1200, 630), "story": (1080, 1920), "square": (1080, 1080)}
BACKGROUND = (0xF4, 0xF2, 0xEE)
UNRULY_TEXT = {
    "title": "✊🏽 Familias unidas 🇺🇸 שלום עולם مرحبا بالعالم 家庭团聚 👨‍👩‍👧",
    "quote": (
        "😀 עברית: אנחנו חייבים לפעול. العربية: يجب أن نتحرك الآن. \u202e\u200d\x00\ud800 中文,行动"
    ),
    "speaker_name": "José Ñúñez 🌵",
    "speaker_handle": "@josé_ñ",
}
LONG_TEXT = {
    "title": "An extremely long campaign title that goes on and on " * 3,
    "quote": "Every word of a very long statement counts. " * 2000,
    "speaker_name": "Maximilian Alexander Bartholomew von Longname-Smythe the Third",
    "speaker_handle": "@" + "h" * 79,
}
NO_SPACES = {"title": "X" * 200, "quote": "Y" * 50_000, "speaker_name": "Z" * 120}


def read_png(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("RGB")
