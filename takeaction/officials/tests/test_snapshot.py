from takeaction.officials.snapshot import OfficialInfo, Phone


def _senator(*phones):
    return OfficialInfo(
        bioguide_id="S000148",
        name="Charles E. Schumer",
        title="Senator",
        chamber="senate",
        party="Democrat",
        state="NY",
        district=None,
        division_ocd_id="ocd-division/country:us/state:ny",
        term_end=None,
        phones=(Phone("Washington, DC", "202-224-6542"), *phones),
    )


BUFFALO = Phone("Buffalo", "716-846-4111", latitude=42.886, longitude=-78.878)
NYC = Phone("New York", "212-486-4430", latitude=40.754, longitude=-73.982)
NOWHERE = Phone("Somewhere", "555-0100")


def test_nearest_district_office_comes_first():
    senator = _senator(BUFFALO, NYC, NOWHERE)
    brooklyn = (40.678, -73.944)
    assert [p.label for p in senator.local_phones_near(brooklyn)] == [
        "New York",
        "Buffalo",
        "Somewhere",
    ]
    assert senator.local_phones_near((42.9, -78.8))[0].label == "Buffalo"


def test_without_a_place_the_data_order_is_kept_and_dc_is_not_local():
    senator = _senator(BUFFALO, NYC)
    assert senator.local_phones_near(None) == (BUFFALO, NYC)
    assert senator.dc_phone.number == "202-224-6542"
