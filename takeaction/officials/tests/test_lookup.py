import pytest

from takeaction.officials.lookup import (
    CHOOSE,
    INVALID,
    NO_DATA,
    NOT_FOUND,
    OK,
    lookup_district,
    lookup_from_params,
    lookup_point,
    lookup_zip,
)
from takeaction.officials.tests.fixture_data import POINT_DC, POINT_NY_10, POINT_NY_12, POINT_VT


def _names(people):
    return [person.name for person in people]


@pytest.mark.usefixtures("synced")
class TestByZip:
    def test_zip_in_one_district_gives_two_senators_and_the_representative(self):
        result = lookup_zip("10001")
        assert result.status == OK
        candidate = result.match
        assert candidate.seat.ocd_id == "ocd-division/country:us/state:ny/cd:12"
        assert candidate.representative.name == "Jerrold Nadler"
        assert _names(candidate.senators) == ["Kirsten E. Gillibrand", "Charles E. Schumer"]

    @pytest.mark.parametrize("raw", ["10001-1234", " 10001 1234 ", "100011234"])
    def test_zip_plus_four_is_accepted(self, raw):
        assert lookup_zip(raw).match.representative.name == "Jerrold Nadler"

    def test_zip_spanning_two_districts_asks_which_one(self):
        result = lookup_zip("10013")
        assert result.status == CHOOSE and result.match is None
        assert [c.seat.name for c in result.candidates] == [
            "New York district 10",
            "New York district 12",
        ]
        assert [c.representative.name for c in result.candidates] == [
            "Daniel S. Goldman",
            "Jerrold Nadler",
        ]

    def test_zip_spanning_two_states_offers_each_states_senators(self):
        result = lookup_zip("03601")
        assert result.status == CHOOSE
        by_state = {c.seat.state: _names(c.senators) for c in result.candidates}
        assert by_state == {
            "NH": ["Margaret Wood Hassan", "Jeanne Shaheen"],
            "VT": ["Bernard Sanders", "Peter Welch"],
        }

    def test_at_large_state_uses_the_state_division(self):
        candidate = lookup_zip("05401").match
        assert candidate.seat.ocd_id == "ocd-division/country:us/state:vt"
        assert candidate.representative.name == "Becca Balint"
        assert candidate.seat.name == "Vermont (at large)"

    def test_dc_has_a_delegate_and_no_senators(self):
        candidate = lookup_zip("20001").match
        assert candidate.representative.title == "Delegate"
        assert candidate.representative.name == "Eleanor Holmes Norton"
        assert candidate.senators == ()

    def test_vacant_seat_is_said_and_senators_remain(self):
        candidate = lookup_zip("03101").match
        assert candidate.vacant and candidate.representative is None
        assert len(candidate.senators) == 2

    def test_unknown_zip_is_not_found(self):
        result = lookup_zip("99999")
        assert result.status == NOT_FOUND
        assert "99999" in result.message

    @pytest.mark.parametrize("raw", ["abcde", "1234", "00000", "", "12345678901"])
    def test_malformed_zip_is_invalid_with_a_message(self, raw):
        result = lookup_zip(raw)
        assert result.status == INVALID and result.message

    def test_contact_channels_are_attached(self):
        nadler = lookup_zip("10001").match.representative
        assert nadler.dc_phone.number == "202-225-5635"
        assert [(p.label, p.number) for p in nadler.local_phones] == [("New York", "212-367-7350")]
        assert ("twitter", "RepJerryNadler") in nadler.social
        assert nadler.website == "https://nadler.house.gov"


@pytest.mark.usefixtures("synced")
class TestByLocation:
    @pytest.mark.parametrize(
        ("point", "seat"),
        [
            (POINT_NY_10, "New York district 10"),
            (POINT_NY_12, "New York district 12"),
            (POINT_VT, "Vermont (at large)"),
            (POINT_DC, "District of Columbia"),
        ],
    )
    def test_point_in_polygon_finds_the_district(self, point, seat):
        assert lookup_point(*point).match.seat.name == seat

    def test_point_on_a_shared_border_asks_which_one(self):
        assert lookup_point(40.74, -74.0).status == CHOOSE

    @pytest.mark.parametrize("point", [(51.5, -0.12), (0.0, 0.0), (-33.9, 151.2)])
    def test_points_outside_the_us_are_not_found(self, point):
        result = lookup_point(*point)
        assert result.status == NOT_FOUND
        assert "not in a U.S. congressional district" in result.message

    @pytest.mark.parametrize("point", [("nan", "1"), ("x", "y"), ("95", "0"), ("1", "1e999")])
    def test_nonsense_coordinates_are_invalid(self, point):
        assert lookup_point(*point).status == INVALID

    def test_coordinates_are_not_echoed_back(self):
        assert lookup_point(*POINT_DC).query == {}


@pytest.mark.usefixtures("synced")
class TestByDistrict:
    def test_state_and_district_pick_a_seat(self):
        assert lookup_district("ny", "10").match.representative.name == "Daniel S. Goldman"

    def test_district_that_does_not_exist_is_not_found(self):
        assert lookup_district("NY", "99").status == NOT_FOUND

    def test_unknown_state_is_invalid(self):
        assert lookup_district("XX", "1").status == INVALID


@pytest.mark.usefixtures("synced")
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"zip": "10001"}, OK),
        ({"lat": "40.70", "lon": "-74.00"}, OK),
        ({"lat": "40.70"}, INVALID),
        ({"state": "NY", "district": "12"}, OK),
        ({"zip": "10013", "state": "NY", "district": "10"}, OK),
    ],
)
def test_query_parameters_choose_the_lookup(params, status):
    assert lookup_from_params(params).status == status


def test_no_parameters_means_no_lookup():
    assert lookup_from_params({}) is None


@pytest.mark.django_db
def test_without_data_every_lookup_says_so():
    for result in (lookup_zip("10001"), lookup_point(*POINT_DC), lookup_district("NY", "12")):
        assert result.status == NO_DATA
        assert "not loaded" in result.message
