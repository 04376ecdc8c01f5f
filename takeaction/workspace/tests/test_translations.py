"""The editor's other-language version of a campaign: its texts, checked, saved, removed."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.accounts.models import ChangeRecord
from takeaction.accounts.services import organization_create
from takeaction.campaigns.models import CampaignTranslation
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

SPANISH = {
    "title": "Que las familias sigan juntas",
    "quote_translation": "Tenemos que hacerlo mejor.",
    "issue_summary": "Por qué importa.",
    "ask": "Llama, escribe.",
    "share_text": "Actúa conmigo:",
    "share_text_after": "Acabo de actuar:",
    "talking_points": "Un punto",
    "call_script": "Hola, {official_name}, soy {first_name}.",
    "letter_subject": "Por favor",
    "letter_body": "{official_title} {official_name}:\n\nPor favor.\n\n{first_name}",
}


@pytest.fixture
def campaign(client):
    owner = get_user_model().objects.create_user("owner", "o@example.org", "a-long-passphrase-1")
    client.force_login(owner)
    org = organization_create(name="Families Team", owner=owner)
    return CampaignFactory(organization=org, slug="fbt", title="Keep families together")


def _url(campaign, language="es") -> str:
    return f"/org/{campaign.organization.slug}/campaigns/{campaign.slug}/edit/{language}/"


def test_the_editor_offers_a_version_in_the_other_language(client, campaign):
    html = client.get(f"/org/{campaign.organization.slug}/campaigns/fbt/edit/").content.decode()
    assert f'href="{_url(campaign)}"' in html and "Add a Español version" in html


def test_a_saved_version_is_served_to_fans_and_recorded(client, campaign):
    response = client.post(_url(campaign), SPANISH)
    assert response.status_code == 302
    assert campaign.in_version("es").title == "Que las familias sigan juntas"
    assert ChangeRecord.objects.filter(action="campaign.translation").count() == 1
    assert "Que las familias" in client.get("/es/c/fbt/").content.decode()
    assert "Edit the Español version" in client.get(response["Location"]).content.decode()


def test_unknown_placeholders_and_missing_texts_are_said_and_nothing_is_saved(client, campaign):
    response = client.post(
        _url(campaign), {**SPANISH, "call_script": "Hola {senador}", "title": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unknown placeholder {senador}" in html and "This field is required." in html
    assert "Hola {senador}" in html  # what was typed is kept on the page
    assert not CampaignTranslation.objects.exists()


def test_an_edit_that_fails_keeps_the_saved_version(client, campaign):
    client.post(_url(campaign), SPANISH)
    client.post(_url(campaign), {**SPANISH, "title": "x" * 201})
    assert CampaignTranslation.objects.get().title == SPANISH["title"]


def test_the_version_can_be_removed(client, campaign):
    client.post(_url(campaign), SPANISH)
    assert client.post(_url(campaign), {"remove": "1"}).status_code == 302
    assert not CampaignTranslation.objects.exists()
    assert "Keep families together" in client.get("/es/c/fbt/").content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "xx"])
def test_only_another_site_language_can_be_a_version(client, campaign, language):
    assert client.get(_url(campaign, language)).status_code == 404
    assert client.post(_url(campaign, language), SPANISH).status_code == 404


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from([*SPANISH, "remove", "language", "campaign"]),
        st.text(max_size=400).filter(lambda text: "\x00" not in text),
    )
)
def test_any_form_is_saved_or_refused_with_a_message_never_a_500(client, campaign, data):
    before = list(CampaignTranslation.objects.values())
    response = client.post(_url(campaign), data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:  # refused: what was saved is still there
        assert b"error-message" in response.content
        assert list(CampaignTranslation.objects.values()) == before


def test_the_sources_page_gives_each_post_a_link_to_the_spanish_version(client, campaign):
    client.post(_url(campaign), SPANISH)
    source = campaign.sources.create(name="Story", code="story")
    html = client.get(f"/org/{campaign.organization.slug}/campaigns/fbt/sources/").content.decode()
    assert f"/es{source.get_absolute_url()}" in html
