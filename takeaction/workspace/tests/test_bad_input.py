"""Input a workspace page cannot use gets a 400 page saying what to fix, never a 500."""

import pytest
from django.contrib.auth import get_user_model

from takeaction.accounts.api_keys import api_key_create
from takeaction.accounts.models import ApiKey
from takeaction.accounts.services import organization_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(client):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    client.force_login(owner)
    return client, org, owner


def test_a_nul_in_the_people_search_is_a_400(owner_client):
    client, org, _owner = owner_client
    response = client.get(f"/org/{org.slug}/people/", {"q": "fan\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "", "\u0661", "9" * 40])
def test_revoking_a_key_by_something_other_than_its_number_is_a_400(owner_client, value):
    client, org, owner = owner_client
    row, _key = api_key_create(organization=org, name="Kept", user=owner)
    response = client.post(f"/org/{org.slug}/api-keys/", {"revoke": value})
    assert response.status_code == 400
    assert "revoke: send the number of a row on this page." in response.content.decode()
    assert ApiKey.objects.active().filter(pk=row.pk).exists()  # nothing saved was lost


def test_revoking_a_key_by_its_number_still_works(owner_client):
    client, org, owner = owner_client
    row, _key = api_key_create(organization=org, name="Gone", user=owner)
    response = client.post(f"/org/{org.slug}/api-keys/", {"revoke": str(row.pk)})
    assert response.status_code == 302
    assert not ApiKey.objects.active().filter(pk=row.pk).exists()
