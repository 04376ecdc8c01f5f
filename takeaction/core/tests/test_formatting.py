import re

from hypothesis import given
from hypothesis import strategies as st

from takeaction.core.formatting import render_light


def test_bold_italic_links_paragraphs_and_breaks():
    html = render_light(
        "**Act now**, it's *urgent*.\nSee [the facts](https://example.org/a).\n\nNext"
    )
    assert html == (
        "<p><strong>Act now</strong>, it's <em>urgent</em>.<br>"
        'See <a href="https://example.org/a" rel="nofollow noopener noreferrer">the facts</a>.</p>'
        "<p>Next</p>"
    )


def test_markup_and_script_links_are_neutralised():
    html = render_light("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=1>")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html


@given(st.text(max_size=300))
def test_any_text_renders_to_only_the_allowed_tags(text):
    html = str(render_light(text))
    for tag in re.findall(r"<\s*([a-zA-Z0-9]+)", html):
        assert tag in {"p", "br", "strong", "em", "a"}
