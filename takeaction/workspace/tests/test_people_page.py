"""The workspace's People page: list and search, CSV export, erasure; editors only."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from takeaction.accounts.models import ChangeRecord, Membership, Role
from takeaction.accounts.services import organization_create
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Person, Signup
from takeaction.supporters.services import PersonDetails, person_signup

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org, slug="act")
    for n, name in enumerate(["Ana", "Ben", "=cmd()"]):
        person_signup(
            organization=org, details=PersonDetails(email=f"p{n}@example.org", given_name=name),
            tags=("volunteer",) if n == 0 else (), campaign=campaign,
        )  # fmt: skip
    return owner, org


def url(name, org, **kwargs):
    return reverse(f"workspace:{name}", kwargs={"org_slug": org.slug, **kwargs})


def test_editors_see_and_search_people(client, team):
    owner, org = team
    client.force_login(owner)
    page = client.get(url("people", org)).content.decode()
    assert "3 people" in page and "p0@example.org" in page and "p2@example.org" in page
    found = client.get(url("people", org), {"q": "ben"}).content.decode()
    assert "p1@example.org" in found and "p0@example.org" not in found


def test_viewers_may_not_see_contact_details(client, team):
    _owner, org = team
    viewer = get_user_model().objects.create_user("v", "v@example.org", "v-pass-123456")
    Membership.objects.create(user=viewer, organization=org, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(url("people", org)).status_code == 403
    assert client.get(url("people-csv", org)).status_code == 403
    assert "people/" not in client.get(url("org", org)).content.decode()


def test_csv_lists_everyone_with_campaigns_and_tags_and_is_recorded(client, team):
    owner, org = team
    client.force_login(owner)
    response = client.get(url("people-csv", org))
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [row["email"] for row in rows] == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert (rows[0]["campaigns"], rows[0]["tags"], rows[1]["tags"]) == ("act", "volunteer", "")
    assert rows[2]["given_name"] == "'=cmd()"  # a spreadsheet must not run it
    assert ChangeRecord.objects.filter(action="export.people").exists()


def test_erasure_deletes_the_person_and_records_it_without_the_address(client, team):
    owner, org = team
    client.force_login(owner)
    person = Person.objects.get(email="p0@example.org")
    response = client.post(url("person-delete", org, person_id=person.public_id))
    assert response.status_code == 302
    assert not Person.objects.filter(email="p0@example.org").exists()
    assert Signup.objects.count() == 2
    record = ChangeRecord.objects.get(action="person.erase")
    assert "p0@example.org" not in record.summary
    assert client.get(url("person-delete", org, person_id=person.public_id)).status_code == 405
