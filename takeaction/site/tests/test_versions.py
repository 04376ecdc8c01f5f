"""A campaign in two languages: one address and one count, the version picked per request.

The browser's ``Accept-Language`` picks the version at ``/c/<slug>/``; the switch on
every fan page links to ``/es/…`` or ``/en/…``, which choose it by hand and keep it
from page to page (``core/language_paths.py``, ``site/versions.py``).
"""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.actions.counters import counts_get
from takeaction.actions.models import ActionEvent
from takeaction.campaigns.models import CampaignTranslation, PushbackAnswer, SourceVisit
from takeaction.campaigns.services import campaign_duplicate, campaign_translation_save
from takeaction.campaigns.tests.factories import CampaignFactory, CampaignTranslationFactory
from takeaction.campaigns.visits import source_visits_flush
from takeaction.core.language_paths import LanguagePathsApp, mount_language
from takeaction.site.tests.test_action_views import AFTER_READING
from takeaction.supporters.models import Attribution

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def campaign():
    campaign = CampaignFactory(slug="both", title="Keep families together")
    CampaignTranslationFactory(campaign=campaign, title="Que las familias sigan juntas")
    return campaign


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _switch(html: str) -> dict[str, str]:
    """The switch's links, language -> address (the current version has none)."""
    nav = re.search(r'<nav class="versions".*?</nav>', html, re.S)
    assert nav, "no language switch on the page"
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav.group(0))
    return {language: href.replace("&amp;", "&") for href, language in links}


def test_the_spanish_version_is_served_for_accept_language_es(client, campaign):
    html = _html(client.get("/c/both/", **SPANISH))
    assert "Que las familias sigan juntas" in html and "Keep families together" not in html
    assert '<html lang="es">' in html
    assert "Llama, escribe, dona." in html  # the ask, translated, not quoted as said
    english = _html(client.get("/c/both/", **ENGLISH))
    assert "Keep families together" in english and '<html lang="en">' in english


def test_the_spanish_version_is_served_by_the_switch(client, campaign):
    english = _html(client.get("/c/both/", **ENGLISH))
    assert _switch(english) == {"es": "/es/c/both/"}
    spanish = client.get(_switch(english)["es"], **ENGLISH)  # the browser still says English
    html = _html(spanish)
    assert "Que las familias sigan juntas" in html and spanish["Content-Language"] == "es"
    # The Spanish pages link to Spanish pages, and back to the English version.
    assert 'href="/es/c/both/you/"' in html
    assert _switch(html) == {"en": "/en/c/both/"}
    back = _html(client.get("/en/c/both/", **SPANISH))
    assert "Keep families together" in back and '<html lang="en">' in back


def test_the_statement_is_quoted_as_said_and_its_translation_marked(client, campaign):
    html = _html(client.get("/es/c/both/"))
    assert 'lang="en">' in html and "We have to do better. Please call, write, donate." in html
    assert "Traducción (no son sus palabras):" in html
    assert "Tenemos que hacerlo mejor." in html


def test_both_versions_share_one_count(client, campaign):
    for path in ("/c/both/act/", "/es/c/both/act/"):
        fan = type(client)()
        data = {**AFTER_READING, "verb": "talk", "outcome": "talked_to_someone"}
        assert fan.post(path, data).status_code == 303
    assert ActionEvent.objects.filter(campaign=campaign).count() == 2
    assert counts_get(campaign.pk).fans == 2
    assert client.get("/es/c/both/counts.json").json() == client.get("/c/both/counts.json").json()


def test_a_landing_on_one_version_is_credited_after_a_switch(client, campaign):
    campaign.sources.create(name="Story", code="story")
    client.get("/c/both/?src=story")
    client.post(
        "/es/c/both/act/", {**AFTER_READING, "verb": "talk", "outcome": "talked_to_someone"}
    )
    assert Attribution.objects.get(campaign=campaign).source_code == "story"


def test_a_campaign_in_one_language_has_no_switch_and_its_own_text_under_any_prefix(client):
    CampaignFactory(slug="only", title="English only")
    html = _html(client.get("/es/c/only/", **SPANISH))
    assert "English only" in html and 'class="versions"' not in html
    assert '<html lang="en">' in html  # its own language, not half Spanish


def test_the_talk_guide_answers_in_the_version_read(client, campaign):
    PushbackAnswer.objects.create(campaign=campaign, objection="Why bother?", answer="It counts.")
    PushbackAnswer.objects.create(
        campaign=campaign, objection="¿Para qué?", answer="Cuenta.", language="es"
    )
    english, spanish = _html(client.get("/c/both/")), _html(client.get("/es/c/both/"))
    assert "Why bother?" in english and "¿Para qué?" not in english
    assert "¿Para qué?" in spanish and "Why bother?" not in spanish


@pytest.mark.usefixtures("synced")
def test_the_letter_and_the_lookup_are_in_the_version_read(client, campaign):
    letter = _html(client.get("/es/c/both/write/S000148/"))
    assert "Senador Charles E. Schumer:" in letter and "Por favor, actúe." in letter
    assert "Dear" not in letter
    lookup = _html(client.get("/es/c/both/officials/?zip=10001"))
    assert "Hola, Charles E. Schumer, soy" in lookup
    # The switch keeps the ZIP on a lookup page.
    assert _switch(lookup)["en"] == "/en/c/both/officials/?zip=10001"


def test_a_stored_page_of_one_version_is_never_served_for_the_other(client, campaign):
    for _ in range(2):  # the second round comes from the page cache
        assert "Que las familias" in _html(client.get("/c/both/", **SPANISH))
        assert "Keep families" in _html(client.get("/c/both/", **ENGLISH))
        assert "Que las familias" in _html(client.get("/es/c/both/", **ENGLISH))
        # A page stored from a landing does not hand its ?src= on to the switch.
        assert "?src=story" not in _html(client.get("/c/both/?src=story", **ENGLISH))


def test_an_edited_translation_shows_at_once_in_every_address(
    client, campaign, django_capture_on_commit_callbacks, admin_user
):
    for path, extra in (("/c/both/", SPANISH), ("/es/c/both/", {})):
        assert "Que las familias" in _html(client.get(path, **extra))
    texts = {
        name: getattr(campaign.translations.get(), name)
        for name in ("quote_translation", *CampaignTranslation.TEXTS)
    }
    with django_capture_on_commit_callbacks(execute=True):
        campaign_translation_save(
            campaign=campaign,
            language="es",
            texts={**texts, "title": "Título nuevo"},
            user=admin_user,
        )
    for path, extra in (("/c/both/", SPANISH), ("/es/c/both/", {})):
        assert "Título nuevo" in _html(client.get(path, **extra))


def test_a_version_is_read_only(campaign):
    version = campaign.in_version("es")
    assert version.pk == campaign.pk and version.title != campaign.title
    with pytest.raises(TypeError):
        version.save()


def test_a_duplicate_keeps_its_versions(campaign, admin_user):
    copy = campaign_duplicate(campaign=campaign, user=admin_user)
    assert copy.in_version("es").title == "Que las familias sigan juntas"
    assert campaign.translations.count() == 1  # the original's is untouched


@pytest.mark.parametrize(
    ("path", "script", "rest", "language"),
    [
        ("/es/c/x/", "/es", "/c/x/", "es"),
        ("/es", "/es", "/", "es"),
        ("/en/", "/en", "/", "en"),
        ("/esx/c/", "", "/esx/c/", None),
        ("/c/es/", "", "/c/es/", None),
        ("/fr/c/x/", "", "/fr/c/x/", None),
    ],
)
def test_only_a_leading_language_is_moved_into_the_script_name(path, script, rest, language):
    environ = {"PATH_INFO": path, "SCRIPT_NAME": "", "HTTP_ACCEPT_LANGUAGE": "fr"}
    assert mount_language(environ) == language
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == (script, rest)
    assert environ["HTTP_ACCEPT_LANGUAGE"] == (language or "fr")
    assert mount_language(environ) == language  # a second call changes nothing
    assert environ["PATH_INFO"] == rest


def test_addresses_built_after_a_spanish_request_have_no_prefix(client, campaign):
    client.get("/es/c/both/")
    assert reverse("site:detail", kwargs={"slug": "both"}) == "/c/both/"


def test_the_wsgi_layer_gives_each_request_its_own_prefix_on_one_thread():
    """What a fast layer builds carries this request's prefix, never the previous one's."""
    built = []

    def inner(environ, start_response):  # as a fast layer: no Django handler around it
        built.append(reverse("site:detail", kwargs={"slug": "both"}))
        return [b""]

    app = LanguagePathsApp(inner)
    for path in ("/es/c/both/", "/es/c/both/", "/c/both/", "/en/c/both/", "/es/", "/c/both/"):
        app({"PATH_INFO": path, "SCRIPT_NAME": ""}, None)
    assert built == [
        "/es/c/both/",
        "/es/c/both/",
        "/c/both/",
        "/en/c/both/",
        "/es/c/both/",
        "/c/both/",
    ]


def test_a_short_link_under_es_lands_on_the_spanish_version_and_counts_for_its_post(
    client, campaign
):
    source = campaign.sources.create(name="Story", code="story")
    response = client.get("/es/s/story", **ENGLISH)
    assert response["Location"] == "/es/c/both/?src=story"
    assert "Que las familias" in _html(client.get(response["Location"], **ENGLISH))
    assert client.get("/s/story")["Location"] == "/c/both/?src=story"
    source_visits_flush()
    assert SourceVisit.objects.get(source=source).count == 2


def test_the_share_images_are_drawn_in_the_version_read(client, campaign):
    english = client.get("/c/both/og.png")
    spanish = client.get("/es/c/both/og.png")
    assert english.status_code == spanish.status_code == 200
    assert english.content != spanish.content  # the title and the address differ


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["c", "both", "x", "officials", "me.json", "s", "go", "1", "%"]), max_size=4
    )
)
def test_any_path_under_a_language_prefix_answers_as_the_path_itself(client, campaign, parts):
    """/es/<path> is <path> mounted under /es: the same status, never a 500."""
    path = "/" + "/".join(parts) + ("/" if parts else "")
    plain, mounted = client.get(path), client.get("/es" + path)
    assert mounted.status_code == plain.status_code != 500
