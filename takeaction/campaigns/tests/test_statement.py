from hypothesis import given
from hypothesis import strategies as st

from takeaction.campaigns.models import Platform
from takeaction.campaigns.statement import handle_of, platform_of, read_statement

KHLOE = (
    "As a new mommy, there is nothing in this world more important to me than my baby girl. "
    "We have to do better than this. Please tweet, talk, call, post, write, donate. Xo"
)


def test_the_sentence_asking_for_most_verbs_is_the_ask():
    statement = read_statement(KHLOE, "https://twitter.com/khloekardashian/status/1")
    assert statement.ask == "Please tweet, talk, call, post, write, donate."
    assert statement.verbs == ["share", "talk", "call", "write", "donate"]
    assert statement.platform == Platform.X
    assert statement.speaker_handle == "@khloekardashian"


def test_a_post_that_asks_nothing_offers_every_verb():
    statement = read_statement("Heartbreaking news today.", "")
    assert statement.ask == "" and len(statement.verbs) == 5


def test_a_post_that_asks_only_for_calls_enables_only_calls():
    assert read_statement("Call your senator today!").verbs == ["call"]


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


@given(st.text(), st.text())
def test_reading_never_raises(text, url):
    statement = read_statement(text, url)
    assert statement.verbs
