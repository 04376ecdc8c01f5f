"""The real Parsons Action Network connector against our OSDI API, over HTTP to a live server.

Parsons (``parsons/action_network/action_network.py``) reads a record's id only from an
identifier containing ``action_network:``: ``upsert_person`` logs "Response gave no
valid person_id" without one and ``add_tag`` raises IndexError. This runs the connector
itself, not a copy of its parsing.
"""

import logging
from urllib.parse import urlsplit

import pytest
import requests

from takeaction.api.tests.conftest import OSDI
from takeaction.supporters.models import Person, Tag

# Parsons warns on import that `pip install parsons` now installs only core dependencies.
pytestmark = pytest.mark.filterwarnings("ignore:The behavior of 'pip install parsons'")

_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                    "all_proxy")  # fmt: skip


@pytest.fixture
def parsons_client(live_server, osdi_team, settings, monkeypatch):
    """Parsons' ActionNetwork pointed at the live server; yields it and the URLs it asked for."""
    from parsons import ActionNetwork
    from parsons.utilities.api_connector import APIConnector

    settings.SITE_URL = live_server.url
    # requests would send a loopback request through a proxy set in the environment.
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    asked = []
    send = requests.Session.send

    def recording_send(session, request, **kwargs):
        asked.append(request.url)
        return send(session, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", recording_send)

    client = ActionNetwork(api_token=osdi_team[2])
    # Parsons joins some paths onto ``api_url`` itself (f"{api_url}/people"), so it has
    # no trailing slash, like Parsons' own https://actionnetwork.org/api/v2; the
    # connector it uses for the others takes the base with one.
    client.api_url = (live_server.url + OSDI).rstrip("/")
    client.api = APIConnector(live_server.url + OSDI, headers=client.headers)
    return client, asked


@pytest.mark.django_db(transaction=True)
def test_parsons_upserts_a_person_and_reads_back_its_id(parsons_client, live_server, caplog):
    client, asked = parsons_client
    with caplog.at_level(logging.INFO, logger="parsons"):
        answer = client.upsert_person(
            email_address="ana@example.org", given_name="Ana", tags=["volunteer"]
        )
        again = client.upsert_person(email_address="ana@example.org", family_name="Diaz")

    person = Person.objects.get()
    assert f"action_network:{person.public_id}" in answer["identifiers"]
    assert again["identifiers"] == answer["identifiers"]
    assert "no valid person_id" not in caplog.text
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("parsons")]
    assert sum(f"Entry {person.public_id} successfully" in m for m in logged) == 2
    assert (person.given_name, person.family_name) == ("Ana", "Diaz")
    assert list(person.taggings.values_list("tag__name", flat=True)) == ["volunteer"]

    # The id Parsons read is the one our URLs take.
    assert client.get_person(str(person.public_id))["given_name"] == "Ana"
    assert [p["given_name"] for p in client.get_people()] == ["Ana"]
    assert {urlsplit(url).netloc for url in asked} == {urlsplit(live_server.url).netloc}


@pytest.mark.django_db(transaction=True)
def test_parsons_adds_a_tag_without_an_index_error(parsons_client, caplog):
    client, _asked = parsons_client
    with caplog.at_level(logging.INFO, logger="parsons"):
        client.add_tag("donor")
    tag = Tag.objects.get()
    assert tag.name == "donor"
    assert f"Tag {tag.public_id} successfully added to tags." in caplog.text
    assert client.get_tag(str(tag.public_id))["name"] == "donor"
