"""The write page: an editable letter, a PDF download, "I sent it"."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.models import Campaign
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("synced")]

URL = "/c/write/write/S000148/"


@pytest.fixture(autouse=True)
def campaign():
    return CampaignFactory(slug="write", letter_body="Dear {official_title} {official_name}, ...")


def test_letter_is_prefilled_for_the_official_with_ways_to_send(client):
    response = client.get(URL + "?division=ocd-division/country:us/state:ny/cd:12")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dear Senator Charles E. Schumer, ..." in html
    assert "https://www.schumer.senate.gov/contact/email-chuck" in html  # contact form
    assert 'formaction="/c/write/act/"' in html and 'value="sent"' in html
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))


def test_a_member_without_a_contact_form_is_said_so_not_sent_to_their_home_page(client):
    html = client.get("/c/write/write/N000002/").content.decode()
    assert "Open their contact form" not in html
    assert "No contact form is listed for Jerrold Nadler" in html
    assert 'href="https://nadler.house.gov"' in html  # offered as their website, named so
    schumer = client.get(URL).content.decode()
    assert "Open their contact form" in schumer and "No contact form is listed" not in schumer


def test_the_name_and_town_fields_name_the_placeholders_they_fill(client):
    html = client.get(URL).content.decode()
    assert 'data-placeholder="[your name]"' in html and 'data-placeholder="[your town]"' in html


def test_pdf_download_is_a_letter_for_that_official(client):
    response = client.post(URL, {"first_name": "Ana", "city": "Albany", "body": "Dear Senator,"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="s000148-letter.pdf"'
    assert response.content.startswith(b"%PDF")
    assert ActionEvent.objects.count() == 0  # downloading is not sending


def test_empty_or_oversized_letter_keeps_the_text_and_says_why(client):
    response = client.post(URL, {"first_name": "Ana", "body": ""})
    assert response.status_code == 400 and "Please check the letter" in response.content.decode()
    long_body = "word " * 2500
    response = client.post(URL, {"body": long_body})
    assert response.status_code == 400
    assert "word word word" in response.content.decode()


def test_i_sent_it_records_the_letter(client):
    data = {"verb": "write", "outcome": "sent", "target": "S000148", "body": "My letter"}
    assert client.post("/c/write/act/", data).status_code == 303
    event = ActionEvent.objects.get()
    assert (event.verb, event.target, event.state) == ("write", "S000148", "NY")


@pytest.mark.parametrize("target", ["Z999999", "custom-1", "s000148"])
def test_unknown_officials_are_404(client, target):
    assert client.get(f"/c/write/write/{target}/").status_code == 404


def test_campaigns_without_letters_have_no_write_page(client):
    CampaignFactory(slug="nowrite", write_enabled=False)
    assert client.get("/c/nowrite/write/S000148/").status_code == 404
    CampaignFactory(slug="custom", call_targets=Campaign.Targets.CUSTOM)
    assert client.get("/c/custom/write/S000148/").status_code == 404


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first_name=st.text(max_size=80),
    city=st.text(max_size=100),
    body=st.text(max_size=300),
)
def test_any_letter_form_gives_a_pdf_or_a_clear_400(client, first_name, city, body):
    response = client.post(URL, {"first_name": first_name, "city": city, "body": body})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF")
