"""The whole OSDI cycle an Action Network client runs, over real HTTP against a live server."""

import datetime
import json
import urllib.parse
import urllib.request

import pytest
from django.utils import timezone

from takeaction.actions.models import Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.api.tests.conftest import OSDI
from takeaction.supporters.models import Person

PEOPLE = 30


class Client:
    """A minimal HAL client, as an Action Network integration would write one."""

    def __init__(self, base: str, key: str):
        self.base, self.key = base, key

    def call(self, url: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(  # noqa: S310  (loopback live server)
            url if url.startswith("http") else self.base + url,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"OSDI-API-Token": self.key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.headers["Content-Type"] == "application/hal+json"
            return json.load(response)

    def walk(self, url: str, collection: str) -> tuple[list[dict], int]:
        items, pages = [], 0
        while url:
            body = self.call(url)
            assert len(body["_embedded"][collection]) <= 25
            items += body["_embedded"][collection]
            pages += 1
            url = body["_links"].get("next", {}).get("href")
        return items, pages


@pytest.mark.django_db(transaction=True)
def test_an_action_network_client_runs_the_whole_cycle(live_server, osdi_team, settings):
    settings.SITE_URL = live_server.url
    _org, campaign, key = osdi_team
    client = Client(live_server.url, key)

    entry = client.call(OSDI)
    helper = entry["_links"]["osdi:person_signup_helper"]["href"]
    for n in range(PEOPLE):
        person = {"given_name": f"Fan {n}", "email_addresses": [{"address": f"fan{n}@example.org"}]}
        client.call(helper, {"person": person, "add_tags": ["volunteer"] if n % 2 else []})
    assert Person.objects.count() == PEOPLE

    people, pages = client.walk(
        entry["_links"]["osdi:people"]["href"] + "?per_page=25", "osdi:people"
    )
    assert pages == 2 and len(people) == PEOPLE
    assert len({p["identifiers"][0] for p in people}) == PEOPLE

    # Ten people were last changed long ago; the filter keeps them apart.
    old = list(Person.objects.order_by("id").values_list("id", flat=True)[:10])
    Person.objects.filter(id__in=old).update(
        modified_at=timezone.now() - datetime.timedelta(days=7)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    query = urllib.parse.urlencode({"filter": f"modified_date gt '{since}'", "per_page": 25})
    recent, _pages = client.walk(f"{OSDI}people?{query}", "osdi:people")
    assert len(recent) == PEOPLE - 10

    call = Act(verb="call", outcome=Outcome.TALKED, target="N000002", state="NY", district=12)
    for _ in range(3):
        fan_acts(campaign, [call])
    campaigns, _pages = client.walk(entry["_links"]["osdi:advocacy_campaigns"]["href"],
                                    "osdi:advocacy_campaigns")  # fmt: skip
    (advocacy_campaign,) = campaigns
    outreaches, _pages = client.walk(
        advocacy_campaign["_links"]["osdi:outreaches"]["href"], "osdi:outreaches"
    )
    assert len(outreaches) == 3
    assert {o["targets"][0]["family_name"] for o in outreaches} == {"Nadler"}
