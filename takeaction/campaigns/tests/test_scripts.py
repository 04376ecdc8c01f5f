from hypothesis import given
from hypothesis import strategies as st

from takeaction.campaigns.scripts import fill_template


def test_placeholders_are_filled():
    text = fill_template(
        "Hello {official_title} {official_name}, I'm {first_name} from {city}.",
        {"official_title": "Senator", "official_name": "Doe", "first_name": "Ana", "city": "Reno"},
    )
    assert text == "Hello Senator Doe, I'm Ana from Reno."


def test_unknown_or_empty_placeholders_stay_as_typed():
    assert fill_template("Hi {nickname} {city}", {"city": ""}) == "Hi {nickname} {city}"


def test_stray_braces_do_not_break_filling():
    assert fill_template("{ {city} }} {", {"city": "Reno"}) == "{ Reno }} {"


@given(st.text(), st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.text()))
def test_filling_never_raises_and_keeps_text_without_placeholders(template, values):
    result = fill_template(template, values)
    assert isinstance(result, str)
    if "{" not in template:
        assert result == template


def test_fill_reader_replaces_the_placeholders_a_fan_left():
    from takeaction.campaigns.scripts import fill_reader

    text = "I'm [your name] from [your town]."
    assert fill_reader(text, first_name=" Ana ", city="Reno") == "I'm Ana from Reno."
    assert fill_reader(text, first_name="", city="") == text
