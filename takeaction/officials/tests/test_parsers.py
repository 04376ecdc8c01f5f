import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from takeaction.officials.lookup import InvalidInput, parse_coordinates, parse_district, parse_zip


@pytest.mark.parametrize(
    ("raw", "zip_code"),
    [
        ("10001", "10001"),
        ("10001-1234", "10001"),
        ("10001 1234", "10001"),
        ("  10001  ", "10001"),
        ("100011234", "10001"),
        ("05401", "05401"),
        ("\uff11\uff10\uff10\uff10\uff11", "10001"),  # full-width digits
    ],
)
def test_zip_forms_people_type_are_accepted(raw, zip_code):
    assert parse_zip(raw) == zip_code


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "abcde",
        "1000",
        "10O01",
        "00000",
        "123456",
        "10001-12",
        "1 0001",
        None,
        "\u0661\u0660\u0660\u0660\u0661",
    ],
)
def test_malformed_zips_get_a_clear_message(raw):
    with pytest.raises(InvalidInput) as error:
        parse_zip(raw)
    assert error.value.code == "invalid_zip"
    assert "ZIP" in error.value.message


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.binary()))
def test_zip_parser_returns_five_digits_or_invalid_input(raw):
    try:
        result = parse_zip(raw)
    except InvalidInput:
        return
    assert len(result) == 5 and result.isdigit() and result != "00000"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("nan", "0"), ("0", "inf"), ("-inf", "1"), ("91", "0"), ("0", "-181"), ("north", "1"),
     ("", ""), (None, "1"), ("1e400", "1"), ("40.7,", "-74")],
)  # fmt: skip
def test_nonsense_coordinates_are_refused(lat, lon):
    with pytest.raises(InvalidInput) as error:
        parse_coordinates(lat, lon)
    assert error.value.code == "invalid_location"


def test_coordinates_parse_as_floats():
    assert parse_coordinates(" 40.75 ", "-73.99") == (40.75, -73.99)


@given(
    st.one_of(st.text(), st.floats(allow_nan=True), st.none()), st.one_of(st.text(), st.floats())
)
def test_coordinate_parser_returns_finite_in_range_or_invalid_input(lat, lon):
    try:
        parsed_lat, parsed_lon = parse_coordinates(lat, lon)
    except InvalidInput:
        return
    assert math.isfinite(parsed_lat) and -90 <= parsed_lat <= 90
    assert math.isfinite(parsed_lon) and -180 <= parsed_lon <= 180


@pytest.mark.parametrize(
    ("state", "district", "expected"), [("ny", "12", ("NY", 12)), ("VT", "0", ("VT", 0))]
)
def test_district_choice_parses(state, district, expected):
    assert parse_district(state, district) == expected


@pytest.mark.parametrize(("state", "district"), [("XX", "1"), ("NY", "-1"), ("NY", "x"), ("", "")])
def test_bad_district_choice_is_refused(state, district):
    with pytest.raises(InvalidInput):
        parse_district(state, district)


@given(st.text(), st.text())
def test_district_parser_never_raises_anything_else(state, district):
    with contextlib.suppress(InvalidInput):
        parse_district(state, district)
