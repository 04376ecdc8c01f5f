"""Drawing the share images: sizes, margins, the story's sticker space, fonts, caching."""

import pytest

from takeaction.campaigns import images, qr
from takeaction.campaigns.models import Campaign
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.tests.image_samples import (
    BACKGROUND,
    LONG_TEXT,
    NO_SPACES,
    SIZES,
    UNRULY_TEXT,
    read_png,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://act.example.org"
    return settings.SITE_URL


@pytest.mark.parametrize(
    ("kind", "size"), [("og", (1200, 630)), ("story", (1080, 1920)), ("square", (1080, 1080))]
)
def test_each_image_has_its_platform_size(kind, size):
    assert read_png(images.render(CampaignFactory.build(slug="sizes"), kind)).size == size


@pytest.mark.parametrize("kind", images.KINDS)
@pytest.mark.parametrize(
    "fields", [LONG_TEXT, NO_SPACES, UNRULY_TEXT], ids=["long", "no-spaces", "unruly"]
)
def test_any_text_stays_inside_the_margins(kind, fields):
    layout = images.LAYOUTS[kind]
    image = read_png(images.render(Campaign(slug="a" * 80, **fields), kind))
    assert image.size == SIZES[kind]
    below_top_bar = 20
    right_margin = image.crop((layout.width - layout.margin + 4, below_top_bar, *image.size))
    assert right_margin.getcolors() == [(right_margin.width * right_margin.height, BACKGROUND)]


def test_story_keeps_the_bottom_clear_for_the_link_sticker():
    image = read_png(images.render(Campaign(slug="a" * 80, **LONG_TEXT), "story"))
    sticker_area = image.crop((0, images.LAYOUTS["story"].bottom + 1, *image.size))
    assert sticker_area.getcolors() == [(sticker_area.width * sticker_area.height, BACKGROUND)]
    assert sticker_area.height >= 400


def test_empty_text_still_renders():
    campaign = Campaign(slug="empty", title="", quote="", speaker_name="", speaker_handle="")
    for kind, size in SIZES.items():
        assert read_png(images.render(campaign, kind)).size == size


def test_missing_fonts_fall_back_to_pillows_own(monkeypatch):
    monkeypatch.setattr(images, "REGULAR", "NoSuchFont.ttf")
    monkeypatch.setattr(images, "BOLD", "NoSuchFont-Bold.ttf")
    campaign = Campaign(slug="fallback", **UNRULY_TEXT)
    assert read_png(images.render(campaign, "og")).size == SIZES["og"]


def test_wrap_cuts_long_text_with_an_ellipsis_within_the_width():
    font = images._font(images.REGULAR, 30)
    lines = images._wrap("word " * 500, font, 600, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(font.getlength(line) <= 600 for line in lines)


def test_image_is_cached_until_the_campaign_is_edited(monkeypatch):
    campaign = CampaignFactory(title="Before the edit")
    before = images.campaign_image(campaign, "og")

    def render_again(*args):
        raise AssertionError("rendered although cached")

    with monkeypatch.context() as patch:
        patch.setattr(images, "render", render_again)
        assert images.campaign_image(campaign, "og") == before

    campaign.title = "After the edit"
    campaign.save()
    assert images.campaign_image(campaign, "og") != before


def test_referral_url_adds_the_code_to_the_campaign_url(site_url):
    campaign = CampaignFactory.build(slug="refer")
    assert qr.referral_url(campaign) == f"{site_url}/c/refer/"
    assert qr.referral_url(campaign, "fan_42-x") == f"{site_url}/c/refer/?r=fan_42-x"


DEMO_QUOTE = (
    "This is not how human beings treat each other. We have to do better than this. "
    "Please tweet, talk, call, post, write, donate. Xo"
)


def test_the_quote_is_cut_between_sentences_never_inside_one():
    layout = images.LAYOUTS["story"]
    width = layout.width - 2 * layout.margin
    _font, lines = images._quote_excerpt(DEMO_QUOTE * 3, layout.quote, width, 500)
    text = " ".join(lines)
    assert text.startswith("\u201cThis is not how human beings")
    assert text.endswith(". \u2026\u201d")  # whole sentences, then an ellipsis for the rest
    _font, lines = images._quote_excerpt(DEMO_QUOTE, layout.quote, width, 5000)
    assert " ".join(lines).endswith("donate. Xo\u201d")  # all of it when it fits


def test_the_story_card_gives_its_qr_code_two_fifths_of_the_width():
    import io

    from PIL import Image

    campaign = CampaignFactory(ask="Please call.")
    code = io.BytesIO()
    qr.segno.make("https://example.org/s/x", error="m").save(code, kind="png", scale=10)
    png = images.render(campaign, "story", url="https://example.org/s/x", qr=code.getvalue())
    image = Image.open(io.BytesIO(png)).convert("L")
    layout = images.LAYOUTS["story"]
    below = image.crop(
        (0, layout.height - 2 * layout.margin - layout.width * 2 // 5, layout.width, layout.height)
    )
    dark = below.point(lambda value: 255 if value < 80 else 0).getbbox()
    # 432 px with its quiet zone (this code's is 4 modules of 33): 327 px of modules,
    # where the 268 px the card gave it before held 199.
    assert dark is not None and dark[2] - dark[0] >= 320


def test_share_images_take_the_campaigns_brand_colour():
    import io

    from PIL import Image

    blue = CampaignFactory(brand="blue")
    image = Image.open(io.BytesIO(images.render(blue, "og"))).convert("RGB")
    assert image.getpixel((10, 2)) == (0x1D, 0x4E, 0xD8)  # the rule along the top
    red = Image.open(io.BytesIO(images.render(CampaignFactory(), "og"))).convert("RGB")
    assert red.getpixel((10, 2)) == (0xA4, 0x16, 0x1A)
