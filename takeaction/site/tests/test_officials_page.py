"""The call card's officials lookup: a page of its own without JS, a fragment with it."""

import pytest
from django.test import Client

from takeaction.campaigns.models import Campaign, CustomTarget
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.officials.snapshot import current_snapshot
from takeaction.site.fastpage import lookup_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(slug="act", call_targets=Campaign.Targets.BOTH)


def _get(client, campaign, query):
    return client.get(f"/c/{campaign.slug}/officials/?{query}")


@pytest.mark.usefixtures("synced")
class TestLookupPage:
    def test_zip_shows_senators_and_representative_with_tel_links(self, client, campaign):
        response = _get(client, campaign, "zip=10001")
        html = response.content.decode()
        assert response.status_code == 200
        for name in ("Charles E. Schumer", "Kirsten E. Gillibrand", "Jerrold Nadler"):
            assert name in html
        assert 'href="tel:+12022255635"' in html
        assert 'href="tel:+12123677350"' in html and "New York 212-367-7350" in html
        assert "Your district: New York, district 12" in html
        assert "Hi Representative Jerrold Nadler, I&#x27;m [your name]" in html

    def test_split_zip_shows_the_senators_at_once_and_a_picker_for_the_house(
        self, client, campaign
    ):
        html = _get(client, campaign, "zip=10013").content.decode()
        result = html.split('id="officials-result-call"')[1]
        assert "Your state: New York" in result and "0 of 2 calls done" in result
        assert 'href="tel:+12022246542"' in result  # Schumer, same for the whole state
        assert "For your representative in the House, choose your district" in result
        assert "?state=NY&amp;district=10" in result and "Daniel S. Goldman" in result
        assert "?state=NY&amp;district=12" in result and "Jerrold Nadler" in result
        assert 'href="tel:+12022257944"' not in result  # Goldman's: not before the choice

    def test_a_district_picked_from_a_split_zip_lists_the_office_nearest_that_zip_first(
        self, client, campaign
    ):
        picker = _get(client, campaign, "zip=10013").content.decode()
        assert "?state=NY&amp;district=10&amp;zip=10013" in picker  # the ZIP is kept
        html = _get(client, campaign, "state=NY&district=10&zip=10013").content.decode()
        nearest = html.split("Nearest to ZIP 10013:")[1].split("</a>")[0]
        assert "New York 212-822-7878" in nearest  # on the border the ZIP straddles
        # Without the ZIP, the middle of the district is all there is, and it says so.
        html = _get(client, campaign, "state=NY&district=10").content.decode()
        nearest = html.split("Nearest to the middle of your district:")[1].split("</a>")[0]
        assert "Brooklyn 718-312-7575" in nearest
        located = _get(client, campaign, "lat=40.739&lon=-74.0").content.decode()
        assert "Nearest to your location:" in located

    def test_a_senators_only_campaign_needs_no_district_for_a_split_zip(self, client):
        campaign = CampaignFactory(call_targets=Campaign.Targets.SENATE)
        html = _get(client, campaign, "zip=10013").content.decode()
        result = html.split('id="officials-result-call"')[1]
        assert "Charles E. Schumer" in result and "Kirsten E. Gillibrand" in result
        assert "split between districts" not in result and "district=10" not in result
        assert "Daniel S. Goldman" not in result and "Jerrold Nadler" not in result

    def test_a_house_only_campaign_asks_for_the_district_of_a_split_zip(self, client):
        campaign = CampaignFactory(call_targets=Campaign.Targets.HOUSE)
        html = _get(client, campaign, "zip=10013").content.decode()
        result = html.split('id="officials-result-call"')[1]
        assert "split between districts. Choose yours." in result
        assert "or use your location" not in result and "tel:" not in result

    def test_picking_a_district_shows_its_officials(self, client, campaign):
        html = _get(client, campaign, "state=NY&district=10").content.decode()
        assert "Daniel S. Goldman" in html and "Jerrold Nadler" not in html

    def test_fragment_is_only_the_result(self, client, campaign):
        html = _get(client, campaign, "zip=10001&fragment=1").content.decode()
        assert html.startswith('<div class="lookup-result" id="officials-result-call"')
        assert "<html" not in html and "Jerrold Nadler" in html

    def test_the_zip_box_says_what_a_zip_looks_like_in_the_pages_words(self, client, campaign):
        html = _get(client, campaign, "zip=10001").content.decode()
        message = "Enter a 5-digit ZIP code, like 10001 or 10001-1234."
        assert f'title="{message}" data-invalid="{message}"' in html

    def test_the_writing_page_is_titled_for_writing(self, client, campaign):
        html = _get(client, campaign, "zip=10001&for=write").content.decode()
        assert "<h1>Who to write to</h1>" in html and "Who to call" not in html

    def test_bad_zip_is_a_400_with_the_message_and_the_form_keeps_the_text(self, client, campaign):
        response = _get(client, campaign, "zip=12ab")
        html = response.content.decode()
        assert response.status_code == 400
        assert "Enter a 5-digit ZIP code" in html
        assert 'value="12ab"' in html

    def test_senate_only_campaign_lists_only_senators(self, client):
        campaign = CampaignFactory(call_targets=Campaign.Targets.SENATE)
        html = _get(client, campaign, "zip=10001").content.decode()
        assert "Charles E. Schumer" in html and "Jerrold Nadler" not in html

    def test_vacant_seat_tells_the_fan_and_offers_the_senators(self, client):
        campaign = CampaignFactory(call_targets=Campaign.Targets.HOUSE)
        html = _get(client, campaign, "zip=03101").content.decode()
        assert "This House seat is vacant" in html
        assert "Jeanne Shaheen" in html and "Margaret Wood Hassan" in html

    def test_location_lookup(self, client, campaign):
        html = _get(client, campaign, "lat=38.8899&lon=-77.0091").content.decode()
        assert "Eleanor Holmes Norton" in html and "Delegate" in html

    def test_draft_campaign_lookup_is_404(self, client):
        campaign = CampaignFactory(status=Campaign.Status.DRAFT)
        assert _get(client, campaign, "zip=10001").status_code == 404


CALL = {
    "verb": "call",
    "outcome": "talked",
    "target": "S000148",
    "next": "/c/act/",
    "elapsed": "5000",
}


@pytest.mark.usefixtures("synced")
class TestTheFragmentIsTheSameForEveryFan:
    """The script's lookup answer is stored for everyone, so nothing in it is one fan's."""

    def test_a_fan_with_logged_calls_gets_the_bytes_a_new_fan_gets(self, client, campaign):
        assert client.post("/c/act/act/", CALL).status_code == 303
        assert "1 of 3 calls done" in _get(client, campaign, "zip=10001").content.decode()
        theirs = _get(client, campaign, "zip=10001&fragment=1")
        new_fan = _get(Client(), campaign, "zip=10001&fragment=1")
        assert theirs.content == new_fan.content
        assert not theirs.cookies and not new_fan.cookies  # no CSRF cookie either
        html = new_fan.content.decode()
        assert 'name="csrfmiddlewaretoken" value="" data-csrf' in html
        assert 'data-template="{done} of 3 calls done">0 of 3 calls done' in html

    @pytest.mark.parametrize("query", ["zip=10001", "zip=10013", "state=NY&district=10"])
    def test_a_zip_or_a_district_may_be_kept_by_shared_caches(self, client, campaign, query):
        response = _get(client, campaign, f"{query}&fragment=1")
        assert response["Cache-Control"] == "public, max-age=60"
        assert response.fast_page is True

    @pytest.mark.parametrize(
        "query",
        [
            "zip=10001",  # the page of its own: a CSRF token and the fan's calls
            "zip=12ab&fragment=1",  # a typo: nothing worth keeping
            "zip=99999&fragment=1",  # no such ZIP
            "lat=38.8899&lon=-77.0091&fragment=1",  # a fan's location
            "zip=10001&fragment=1&utm_source=x",  # a query the layer does not store
        ],
    )
    def test_other_answers_are_never_cached(self, client, campaign, query):
        response = _get(client, campaign, query)
        assert "no-store" in response["Cache-Control"]
        assert not getattr(response, "fast_page", False)

    @pytest.mark.parametrize("mode", ["", "&for=write"])
    def test_each_zip_of_a_district_gets_the_districts_answer(self, client, campaign, mode):
        snapshot = current_snapshot()
        single = [z for z, keys in snapshot.zip_index.items() if len(keys) == 1]
        assert len(single) >= 3  # the fixture has several, or this proves nothing
        for zip_code in single:
            state, district = snapshot.zip_index[zip_code][0]
            by_zip = _get(client, campaign, f"zip={zip_code}&fragment=1{mode}")
            by_district = _get(
                client, campaign, f"state={state}&district={district}&fragment=1{mode}"
            )
            assert by_zip.status_code == 200, zip_code
            assert by_zip.content == by_district.content, zip_code
            assert lookup_query(f"zip={zip_code}&fragment=1{mode}") == lookup_query(
                f"fragment=1&state={state}&district={district}{mode}"
            )

    def test_me_json_gives_the_calls_and_a_token_only_when_asked(self, client, campaign):
        fan = Client(enforce_csrf_checks=True)
        assert fan.get("/c/act/me.json").json()["calls"] == {}
        assert "csrf_token" not in fan.get("/c/act/me.json").json()
        assert "csrftoken" not in fan.cookies
        token = fan.get("/c/act/me.json?csrf=1").json()["csrf_token"]
        # The token and the cookie it set let the fragment's form be posted.
        answer = fan.post("/c/act/act/", {**CALL, "csrfmiddlewaretoken": token})
        assert answer.status_code == 303
        assert fan.get("/c/act/me.json").json()["calls"] == {"S000148": "Talked to a person"}


def test_without_officials_data_the_page_says_so(client, campaign):
    html = _get(client, campaign, "zip=10001").content.decode()
    assert "Officials data is not loaded on this server yet" in html


def test_campaign_page_has_a_zip_form_that_works_without_js(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert 'action="/c/act/officials/"' in html and 'method="get"' in html
    assert 'name="zip"' in html and 'autocomplete="postal-code"' in html


def test_custom_targets_only_campaign_shows_them_and_no_zip_form(client):
    campaign = CampaignFactory(slug="gov", call_targets=Campaign.Targets.CUSTOM)
    CustomTarget.objects.create(
        campaign=campaign, name="Pat Example", title="Governor", phone="(555) 010-2030"
    )
    html = client.get("/c/gov/").content.decode()
    assert 'name="zip"' not in html
    assert "Governor Pat Example" in html and 'href="tel:+15550102030"' in html
    assert "Hi Governor Pat Example" in html


def test_custom_targets_appear_beside_congress(client, campaign):
    CustomTarget.objects.create(
        campaign=campaign, name="State AG", contact_url="https://ag.example"
    )
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert 'name="zip"' in html and "Also call" in html and "https://ag.example" in html
