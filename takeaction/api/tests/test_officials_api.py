import pytest

from takeaction.api.schemas import OfficialsLookupOut

pytestmark = pytest.mark.django_db

URL = "/api/v1/officials"


@pytest.mark.usefixtures("synced")
class TestOfficialsApi:
    def test_zip_returns_division_ids_officials_and_channels(self, client):
        response = client.get(URL, {"zip": "10001-1234"})
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok"
        (candidate,) = body["candidates"]
        assert candidate["division_ocd_id"] == "ocd-division/country:us/state:ny/cd:12"
        assert candidate["vacant"] is False
        rep = candidate["representative"]
        assert rep["bioguide_id"] == "N000002" and rep["title"] == "Representative"
        assert rep["division_ocd_id"] == "ocd-division/country:us/state:ny/cd:12"
        assert {"label": "Washington, DC", "number": "202-225-5635", "address": ""} in rep["phones"]
        assert {"platform": "twitter", "handle": "RepJerryNadler"} in rep["social"]
        assert [s["division_ocd_id"] for s in candidate["senators"]] == [
            "ocd-division/country:us/state:ny"
        ] * 2

    @pytest.mark.parametrize(
        "params",
        [
            {"zip": "10001"},
            {"zip": "10013"},
            {"zip": "03101"},
            {"lat": "38.8899", "lon": "-77.0091"},
        ],
    )
    def test_answers_match_the_published_schema(self, client, params):
        body = client.get(URL, params).json()
        assert OfficialsLookupOut.model_validate(body).model_dump(mode="json") == body

    def test_split_zip_answers_choose_with_every_candidate(self, client):
        body = client.get(URL, {"zip": "10013"}).json()
        assert body["status"] == "choose"
        assert [c["district"] for c in body["candidates"]] == [10, 12]

    def test_location(self, client):
        body = client.get(URL, {"lat": "38.8899", "lon": "-77.0091"}).json()
        assert body["candidates"][0]["representative"]["title"] == "Delegate"
        assert body["candidates"][0]["senators"] == []

    def test_vacant_seat(self, client):
        (candidate,) = client.get(URL, {"zip": "03101"}).json()["candidates"]
        assert candidate["vacant"] is True and candidate["representative"] is None

    @pytest.mark.parametrize(
        ("params", "status", "code"),
        [
            ({"zip": "abc"}, 400, "invalid_zip"),
            ({"zip": "00000"}, 400, "invalid_zip"),
            ({"lat": "NaN", "lon": "1"}, 400, "invalid_location"),
            ({"lat": "51.5", "lon": "-0.12"}, 404, "not_found"),
            ({"zip": "99999"}, 404, "not_found"),
            ({"state": "ZZ", "district": "1"}, 400, "invalid_district"),
            ({}, 400, "missing_query"),
        ],
    )
    def test_errors_have_a_stable_code_and_a_message(self, client, params, status, code):
        response = client.get(URL, params)
        assert response.status_code == status
        error = response.json()["error"]
        assert error["code"] == code and error["message"]


def test_without_data_the_api_answers_503(client):
    response = client.get(URL, {"zip": "10001"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "no_data"


def test_openapi_document_describes_the_lookup(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/officials"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "zip",
        "lat",
        "lon",
        "state",
        "district",
    }
    assert set(operation["responses"]) == {"200", "400", "404", "503"}


def test_browsable_docs_are_served_without_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html
    assert "/static/ninja/swagger-ui-bundle" in html
