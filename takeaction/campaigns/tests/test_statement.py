from hypothesis import given
from hypothesis import strategies as st

from takeaction.campaigns.models import Platform
from takeaction.campaigns.statement import handle_of, platform_of


def test_platforms_and_handles_from_links():
    assert platform_of("https://www.instagram.com/stories/khloekardashian/123/") == (
        Platform.INSTAGRAM_STORY
    )
    assert handle_of("https://www.instagram.com/stories/khloekardashian/123/") == "@khloekardashian"
    assert platform_of("https://www.instagram.com/p/Abc/") == Platform.INSTAGRAM_POST
    assert handle_of("https://www.instagram.com/p/Abc/") == ""
    assert platform_of("https://bsky.app/profile/someone.bsky.social") == Platform.BLUESKY
    assert platform_of("not a url") == Platform.OTHER
    assert platform_of("http://[::1") == Platform.OTHER


@given(st.text())
def test_reading_a_link_never_raises(url):
    assert platform_of(url) in Platform.values
    assert handle_of(url) == "" or handle_of(url).startswith("@")
