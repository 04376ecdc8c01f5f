"""Spanish campaigns: every fan-facing page renders in Spanish, and the catalog stays sound.

A campaign's ``language`` picks the language of its pages whatever the browser
asks for; pages without a campaign (404) follow the browser. The catalog checks
read ``locale/es/LC_MESSAGES/django.po`` and the compiled ``django.mo`` that is
kept next to it, so a machine without gettext still serves Spanish.
"""

import ast
import gettext
import html
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from takeaction.campaigns.models import Campaign, CustomTarget
from takeaction.campaigns.tests.factories import (
    CampaignFactory,
    DonationRecipientFactory,
    PushbackAnswerFactory,
)

LOCALE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"

# English UI strings that must never show on a Spanish campaign's pages.
ENGLISH_CHIPS = ("Post", "Talk", "Call", "Write", "Donate")


def page(response) -> str:
    return html.unescape(response.content.decode())


def chips(text: str) -> list[str]:
    return re.findall(r'<a class="chip" href="#\w+">([^<]*)</a>', text)


@pytest.fixture
def es(db):
    campaign = CampaignFactory(
        slug="es",
        language="es",
        title="Que el Congreso escuche",
        ask="Llama, escribe, dona, publica y habla con alguien.",
        share_text="Ya actué:",
        call_script="Hola, {official_title} {official_name}. Soy {first_name}, de {city}.",
        letter_subject="Por favor actúe",
        letter_body="Estimado(a) {official_title} {official_name}:\n\nActúe.\n\n{first_name}",
    )
    DonationRecipientFactory(campaign=campaign, name="Fondo Legal", is_example=True)
    PushbackAnswerFactory(campaign=campaign, objection="¿Para qué?", answer="Cada llamada cuenta.")
    CustomTarget.objects.create(
        campaign=campaign, name="Gobernadora Ejemplo", title="Gobernadora", phone="555-010-0100"
    )
    return campaign


# --- pages -------------------------------------------------------------------------


def test_campaign_page_is_spanish_even_for_an_english_browser(client, es):
    response = client.get("/c/es/", HTTP_ACCEPT_LANGUAGE="en")
    text = page(response)
    assert response.status_code == 200
    assert '<html lang="es">' in text
    assert chips(text) == ["Llama", "Escribe", "Dona", "Publica", "Habla"]
    for spanish in (
        "Lo que dijo Alex Example",
        "Fans que ya actuaron:",
        "Por qué importa",
        "Qué puedes hacer",
        "Avance hacia la meta",
        "acciones de una meta de 500",
        "Acciones por estado",
        "Tu código postal (ZIP)",
        "Buscar a mis legisladores",
        "Busca a quién llamar (senadores y representante) y luego lee el guion.",
        "Llama también a",
        "Llama al 555-010-0100",
        "Hola, Senador(a)/Representante [su nombre]. Soy [tu nombre], de [tu ciudad].",
        "Escribe una carta",
        "Ver la carta",
        "Publícalo",
        "Copiar texto y enlace",
        "Imagen para historia",
        "Habla con alguien",
        "Si te llevan la contraria",
        "Verificadas por",
        "datos de ejemplo",
        "Publicación de Instagram",
        "Ir al contenido",
        "es software libre y autoalojado",
    ):
        assert spanish in text, spanish
    for english in (
        "Why this matters",
        "What you can do",
        "asked fans to act",
        "Find my members",
        "Preview the letter",
        "Skip to content",
        "of a goal of",
        "[your name]",
    ):
        assert english not in text, english


def test_english_campaign_stays_english_even_for_a_spanish_browser(client, es):
    CampaignFactory(slug="en", ask="Please call, write, donate, post and talk.")
    text = page(client.get("/c/en/", HTTP_ACCEPT_LANGUAGE="es"))
    assert '<html lang="en">' in text
    assert chips(text) == ["Call", "Write", "Donate", "Post", "Talk"]
    assert "Why this matters" in text and "actions of a goal of 500" in text
    assert "Por qué importa" not in text and "Llama" not in text
    # And the Spanish one, asked for right after by the same browser, is still Spanish.
    assert chips(page(client.get("/c/es/", HTTP_ACCEPT_LANGUAGE="es"))) == [
        "Llama",
        "Escribe",
        "Dona",
        "Publica",
        "Habla",
    ]


@pytest.mark.usefixtures("synced")
def test_officials_after_a_zip_lookup_are_spanish(client, es):
    response = client.get("/c/es/officials/?zip=10001")
    text = page(response)
    assert response.status_code == 200
    assert "Charles E. Schumer" in text and "Jerrold Nadler" in text
    for spanish in (
        "A quién llamar",
        "Tu distrito:",
        "0 de 3 llamadas hechas",
        "(oficina en Washington)",
        "Tu guion",
        "¿Cómo te fue con la llamada?",
        "Hablé con una persona",
        "Dejé un mensaje de voz",
        "Ocupado / no contestan",
        "Saltar",
    ):
        assert spanish in text, spanish
    for english in ("How did the call go?", "Left a voicemail", "calls done", "Your script"):
        assert english not in text, english
    # Their titles too, in the cards and in the filled-in script.
    assert "Senador Charles E. Schumer" in text and "Representante Jerrold Nadler" in text
    assert "Senadora Kirsten E. Gillibrand" in text  # the data says who is a woman
    assert "Hola, Senador Charles E. Schumer." in text
    assert "Senator Charles" not in text and "Representative Jerrold" not in text


@pytest.mark.usefixtures("synced")
def test_logged_call_and_vacant_seat_notes_are_spanish(client, es):
    data = {"verb": "call", "outcome": "voicemail", "target": "S000148", "next": "/c/es/"}
    assert client.post("/c/es/act/", data).status_code == 303
    text = page(client.get("/c/es/officials/?zip=10001"))
    assert "1 de 3 llamadas hechas" in text and "Registrado: Dejé un mensaje de voz" in text
    # The stored fragment is the same for every fan: its script marks it from me.json.
    fragment = page(client.get("/c/es/officials/?zip=10001&fragment=1"))
    assert 'data-template="{done} de 3 llamadas hechas"' in fragment
    assert "Registrado:" in fragment and "Dejé un mensaje de voz" in fragment
    calls = client.get("/c/es/me.json", HTTP_ACCEPT_LANGUAGE="en").json()["calls"]
    assert calls == {"S000148": "Dejé un mensaje de voz"}
    house = CampaignFactory(slug="es-house", language="es", call_targets=Campaign.Targets.HOUSE)
    text = page(client.get(f"/c/{house.slug}/officials/?zip=03101"))
    assert "Este escaño de la Cámara está vacante por ahora" in text
    assert "This House seat is vacant" not in text


def test_fans_page_is_spanish(client, es):
    response = client.get("/c/es/you/", HTTP_ACCEPT_LANGUAGE="en")
    text = page(response)
    assert response.status_code == 200
    for spanish in (
        "Invita a un amigo",
        "Tu avance",
        "Hiciste 0 de 5",
        "Nadie ha usado tu enlace todavía.",
        "Tu enlace personal",
        "Código QR de tu enlace personal",
        "¿Ya tuviste la conversación?",
        "Hablé con alguien",
        "Mantenme al tanto",
        "Correo electrónico",
        "Nombre (opcional)",
        f"Sí, {es.organization.name} me puede escribir por correo sobre esta campaña.",
    ):
        assert spanish in text, spanish
    assert "Bring a friend" not in text and "Keep me posted" not in text


@pytest.mark.usefixtures("synced")
def test_write_page_is_spanish(client, es):
    response = client.get("/c/es/write/S000148/")
    text = page(response)
    assert response.status_code == 200
    for spanish in (
        "Carta para Senador Charles E. Schumer",
        "Hazla tuya:",
        "Tu nombre",
        "Tu pueblo o ciudad",
        "Tu carta",
        "Asunto:",
        "Envíala",
        "Copiar la carta",
        "Abrir su formulario de contacto",
        "Descargar un PDF para imprimir y enviar por correo postal",
        "Ya la envié",
    ):
        assert spanish in text, spanish
    assert "Make it yours" not in text and "I sent it" not in text


@pytest.mark.usefixtures("synced")
def test_pdf_letter_of_a_spanish_campaign_is_a_pdf(client, es):
    data = {"first_name": "Ana", "city": "El Paso", "body": "Estimado senador:\n\nGracias."}
    response = client.post("/c/es/write/S000148/", data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_refused_action_is_spanish(client, es):
    response = client.post("/c/es/act/", {"verb": "call", "outcome": "talked", "target": "x"})
    text = page(response)
    assert response.status_code == 400
    assert "Eso no se pudo registrar" in text and "Volver a Que el Congreso escuche" in text
    assert "That didn't go through" not in text


@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=1)
def test_rate_limited_action_is_spanish_and_keeps_the_letter(client, es):
    talk = {"verb": "talk", "outcome": "talked_to_someone", "next": "/c/es/you/"}
    assert client.post("/c/es/act/", talk).status_code == 303
    response = client.post("/c/es/act/", {**talk, "body": "Mis propias palabras."})
    text = page(response)
    assert response.status_code == 429
    for spanish in (
        "Ve un poco más despacio",
        "Tu carta está a salvo. Cópiala antes de salir:",
        "Regresa e inténtalo de nuevo",
    ):
        assert spanish in text, spanish
    assert "Mis propias palabras." in text
    assert "Slow down a little" not in text


def test_keep_posted_errors_are_spanish(client, es):
    data = {"email": "no-es-un-correo", "postal_code": "123", "consent": ""}
    response = client.post("/c/es/keep-posted/", data)
    text = page(response)
    assert response.status_code == 400
    for spanish in (
        "Tu página",
        "Mantenme al tanto",
        "Escribe un código postal de 5 dígitos.",
        "Marca la casilla para decirnos que te podemos escribir por correo.",
        "Código postal (opcional)",
    ):
        assert spanish in text, spanish
    # Django's own Spanish catalog answers for its built-in messages.
    assert "Introduzca una dirección de correo electrónico válida." in text
    for english in ("Enter a 5-digit ZIP code.", "Tick the box", "Enter a valid email"):
        assert english not in text, english


def test_embed_card_is_spanish(client, es):
    text = page(client.get("/c/es/embed/"))
    assert '<html lang="es">' in text
    assert "les pidió a sus fans que actúen" in text and "de una meta de 500 acciones" in text
    assert ">Llama</a>" in text and ">Call</a>" not in text


def test_not_found_page_follows_the_browser(client, db):
    response = client.get("/c/no-such-campaign/", HTTP_ACCEPT_LANGUAGE="es")
    text = page(response)
    assert response.status_code == 404
    assert "No encontramos esa página" in text and "Ver las campañas activas" in text
    assert "We couldn't find that page" not in text
    english = page(client.get("/c/no-such-campaign/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "We couldn't find that page" in english


# --- messages built by the views: in the campaign's language, whatever the browser's ----


@pytest.mark.usefixtures("synced")
@override_settings(SIGNUP_RATE_LIMIT_PER_MINUTE=0)
def test_those_messages_are_spanish_when_the_browser_also_asks_for_spanish(client, es):
    """The catalog has them; the tests below check they follow the campaign, not the browser."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    refused = client.post("/c/es/act/", {"verb": "call", "outcome": "talked", "target": "x"})
    assert "No sabemos quién es. Vuelve a buscarlo." in page(refused)
    split = page(client.get("/c/es/officials/?zip=10013"))
    assert "este código postal está dividido entre varios distritos." in split
    bad_zip = client.get("/c/es/officials/?zip=12ab")
    assert bad_zip.status_code == 400
    assert "Escribe un código postal de 5 dígitos, como 10001 o 10001-1234." in page(bad_zip)
    assert "[tu nombre]" in page(client.get("/c/es/write/S000148/"))
    signup = client.post("/c/es/keep-posted/", {"email": "a@example.org", "consent": "on"})
    assert "Demasiados registros desde aquí." in page(signup)


def test_refused_action_message_is_spanish(client, es):
    response = client.post("/c/es/act/", {"verb": "call", "outcome": "talked", "target": "x"})
    assert "No sabemos quién es. Vuelve a buscarlo." in page(response)


@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=0)
def test_rate_limit_message_is_spanish(client, es):
    response = client.post("/c/es/act/", {"verb": "talk", "outcome": "talked_to_someone"})
    assert response.status_code == 429
    assert "Demasiadas acciones desde tu conexión." in page(response)


@pytest.mark.usefixtures("synced")
def test_officials_lookup_messages_are_spanish(client, es):
    text = page(client.get("/c/es/officials/?zip=10013"))
    assert "este código postal está dividido entre varios distritos." in text
    assert "Tu estado: Nueva York" in text
    assert "Nueva York, distrito 10" in text and ", district " not in text  # the picker's seats


@pytest.mark.usefixtures("synced")
def test_letter_too_long_once_filled_in_is_refused_in_spanish(client, es):
    # Within the form's limit as typed, over the PDF's once the name fills each placeholder.
    body = "[tu nombre] " * 800
    response = client.post("/c/es/write/S000148/", {"first_name": "A" * 60, "body": body})
    assert response.status_code == 400
    # The form strips the last space; Spanish groups thousands with a non-breaking space.
    assert re.search(r"Tu carta: 48\s799 caracteres; el límite es 10\s000\.", page(response))


def test_server_error_page_speaks_both_languages(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/c/es/"))
    text = page(response)
    assert response.status_code == 500
    assert "Something went wrong on our side" in text and "Algo salió mal de nuestro lado" in text


@pytest.mark.usefixtures("synced")
def test_write_page_letter_placeholders_are_spanish(client, es):
    text = page(client.get("/c/es/write/S000148/"))
    assert "[tu nombre]" in text


@pytest.mark.usefixtures("synced")
def test_pdf_letter_labels_are_spanish(client, es):
    from pypdf import PdfReader

    response = client.post("/c/es/write/S000148/", {"body": "Estimado senador:\n\nGracias."})
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Asunto: Por favor actúe" in text
    assert re.search(r"\b\d{1,2} de [a-z]+ de \d{4}\b", text)  # the date, written the Spanish way


@override_settings(SIGNUP_RATE_LIMIT_PER_MINUTE=0)
def test_keep_posted_rate_limit_message_is_spanish(client, es):
    response = client.post("/c/es/keep-posted/", {"email": "a@example.org", "consent": "on"})
    assert response.status_code == 429
    assert "Demasiados registros desde aquí." in page(response)


# --- the catalog -------------------------------------------------------------------

# Files whose strings reach fans: every entry used in one of them must be translated.
FAN_FACING = (
    "templates/",
    "takeaction/site/",
    "takeaction/core/forms.py",
    "takeaction/core/language.py",
    "takeaction/campaigns/verbs.py",
    "takeaction/campaigns/scripts.py",
    "takeaction/campaigns/share.py",
    "takeaction/actions/",
    "takeaction/officials/lookup.py",
    "takeaction/officials/geography.py",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def read_po(path: Path) -> list[dict]:
    """Parse a .po file: each entry's references, flags, msgid, msgid_plural and msgstrs."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"refs": [], "flags": [], "msgstr": {}}
        if line.startswith("#:"):
            entry["refs"] += line[2:].split()
        elif line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += value
            else:
                entry[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word == "msgstr":
                key = 0
                entry["msgstr"][0] = value
            elif word.startswith("msgstr["):
                key = int(word[7:-1])
                entry["msgstr"][key] = value
            else:
                key = word
                entry[key] = value
    return entries


@pytest.fixture(scope="module")
def po():
    entries = read_po(PO)
    header = entries[0]
    assert header["msgid"] == ""
    return header["msgstr"][0], entries[1:]


def test_reader_understands_multiline_and_plural_entries(tmp_path):
    sample = tmp_path / "sample.po"
    sample.write_text(
        '#: a.html:1\n#, python-format\nmsgid ""\n"Hello %(name)s, "\n"welcome"\n'
        'msgstr ""\n"Hola %(name)s, "\n"bienvenida"\n\n'
        'msgid "%(n)s thing"\nmsgid_plural "%(n)s things"\n'
        'msgstr[0] "%(n)s cosa"\nmsgstr[1] "%(n)s cosas"\n',
        encoding="utf-8",
    )
    first, second = read_po(sample)
    assert first["msgid"] == "Hello %(name)s, welcome" and first["refs"] == ["a.html:1"]
    assert first["msgstr"] == {0: "Hola %(name)s, bienvenida"}
    assert first["flags"] == ["python-format"]
    assert second["msgid_plural"] == "%(n)s things"
    assert second["msgstr"] == {0: "%(n)s cosa", 1: "%(n)s cosas"}


def test_header_is_spanish_with_two_plural_forms_and_nothing_is_fuzzy(po):
    header, entries = po
    assert "Language: es\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []


def test_every_translation_keeps_the_placeholders_of_its_msgid(po):
    _, entries = po
    checked, wrong = 0, []
    for entry in entries:
        for n, msgstr in entry["msgstr"].items():
            if not msgstr:
                continue
            source = entry["msgid"] if n == 0 else entry.get("msgid_plural", entry["msgid"])
            if sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(source)):
                wrong.append((source, msgstr))
            checked += 1
    assert wrong == []
    assert checked > 150  # the check really ran over the translated entries


def test_every_fan_facing_string_is_translated(po):
    _, entries = po
    fan_facing = [e for e in entries if any(ref.startswith(FAN_FACING) for ref in e["refs"])]
    assert len(fan_facing) > 150
    missing = [e["msgid"] for e in fan_facing if not all(e["msgstr"].values())]
    assert missing == []


def test_compiled_catalog_matches_the_po(po):
    """The committed .mo says exactly what the .po says: recompile after every edit."""
    _, entries = po
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for entry in entries:
        if not all(entry["msgstr"].values()):
            continue
        if "msgid_plural" in entry:
            singular = catalog.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            plural = catalog.ngettext(entry["msgid"], entry["msgid_plural"], 2)
            assert (singular, plural) == (entry["msgstr"][0], entry["msgstr"][1])
        elif "msgctxt" in entry:
            found = catalog.pgettext(entry["msgctxt"], entry["msgid"])
            assert found == entry["msgstr"][0], entry["msgid"]
        else:
            assert catalog.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
    # The .mo keys an entry with a context as "context\x04msgid".
    translated = {
        f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        for e in entries
        if all(e["msgstr"].values())
    }
    in_mo = {key[0] if isinstance(key, tuple) else key for key in catalog._catalog} - {""}
    assert in_mo == translated  # nothing stale left in the .mo
    spanish = catalog.gettext  # not spelled as a call makemessages would extract
    assert spanish("Call") == "Llama" and spanish("Keep me posted") == "Mantenme al tanto"
