"""OSDI people (signup helper, filters, updates), tags and taggings, isolated per organization."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.api.osdi.hal import BadRequest
from takeaction.api.osdi.person_input import person_details
from takeaction.api.tests.conftest import OSDI, osdi_get, osdi_send
from takeaction.supporters.models import Person, Tagging

pytestmark = pytest.mark.django_db


def signup(client, key, email, **person):
    body = {"person": {"email_addresses": [{"address": email}], **person}}
    body.update(person.pop("_extra", {}))
    return osdi_send(client, "POST", OSDI + "people", key, body)


def test_signup_helper_creates_then_matches_on_email(client, osdi_team):
    org, _campaign, key = osdi_team
    first = signup(
        client, key, "Ana@Example.org", given_name="Ana",
        postal_addresses=[{"postal_code": "10001", "region": "ny"}],
        custom_fields={"volunteer": True},
    )  # fmt: skip
    assert first.status_code == 200
    person = first.json()
    assert person["email_addresses"] == [
        {"primary": True, "address": "ana@example.org", "status": "subscribed"}
    ]
    assert person["postal_addresses"] == [
        {"primary": True, "postal_code": "10001", "region": "NY", "country": "US"}
    ]
    assert person["custom_fields"] == {"volunteer": "true"}
    again = signup(client, key, "ana@example.org", family_name="Ruiz", custom_fields={"k": "v"})
    assert again.json()["identifiers"] == person["identifiers"]
    stored = Person.objects.get(organization=org)
    assert (stored.given_name, stored.family_name) == ("Ana", "Ruiz")  # kept, then added
    assert stored.custom_fields == {"volunteer": "true", "k": "v"}


def test_signup_helper_adds_tags(client, osdi_team):
    _org, _campaign, key = osdi_team
    body = signup(client, key, "t@example.org", _extra={"add_tags": ["volunteer", "donor"]}).json()
    taggings = osdi_get(client, body["_links"]["osdi:taggings"]["href"], key).json()
    assert taggings["total_records"] == 2
    tags = osdi_get(client, OSDI + "tags", key).json()["_embedded"]["osdi:tags"]
    assert sorted(tag["name"] for tag in tags) == ["donor", "volunteer"]


def test_email_filter_finds_one_person(client, osdi_team):
    _org, _campaign, key = osdi_team
    for n in range(3):
        signup(client, key, f"p{n}@example.org")
    found = osdi_get(client, OSDI + "people", key, filter="email_address eq 'P1@example.org'")
    (person,) = found.json()["_embedded"]["osdi:people"]
    assert person["email_addresses"][0]["address"] == "p1@example.org"


def test_modified_date_filter_on_people(client, osdi_team):
    _org, _campaign, key = osdi_team
    for n in range(3):
        signup(client, key, f"p{n}@example.org")
    Person.objects.filter(email="p0@example.org").update(
        modified_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    newer = osdi_get(client, OSDI + "people", key, filter=f"modified_date gt '{since}'").json()
    older = osdi_get(client, OSDI + "people", key, filter=f"modified_date lt '{since}'").json()
    assert (newer["total_records"], older["total_records"]) == (2, 1)


def test_put_updates_a_person_and_refuses_a_taken_address(client, osdi_team):
    _org, _campaign, key = osdi_team
    href = signup(client, key, "a@example.org").json()["_links"]["self"]["href"]
    signup(client, key, "b@example.org")
    changed = osdi_send(client, "PUT", href, key, {"given_name": "Al"})
    assert changed.status_code == 200 and changed.json()["given_name"] == "Al"
    taken = osdi_send(client, "PUT", href, key, {"email_addresses": [{"address": "b@example.org"}]})
    assert taken.status_code == 409
    assert "e-mail" in taken.json()["osdi:error"]["error_description"]
    assert Person.objects.get(given_name="Al").email == "a@example.org"  # nothing lost


def test_tags_and_taggings_round_trip(client, osdi_team):
    _org, _campaign, key = osdi_team
    person = signup(client, key, "a@example.org").json()
    tag = osdi_send(client, "POST", OSDI + "tags", key, {"name": "volunteer"}).json()
    tag_href = tag["_links"]["self"]["href"]
    taggings_href = tag["_links"]["osdi:taggings"]["href"]
    link = {"_links": {"osdi:person": {"href": person["_links"]["self"]["href"]}}}
    made = osdi_send(client, "POST", taggings_href, key, link).json()
    assert made["_links"]["osdi:tag"]["href"] == tag_href
    assert osdi_send(client, "POST", taggings_href, key, link).status_code == 200  # idempotent
    assert osdi_get(client, taggings_href, key).json()["total_records"] == 1
    by_email = osdi_send(
        client, "POST", taggings_href, key,
        {"person": {"email_addresses": [{"address": "nobody@example.org"}]}},
    )  # fmt: skip
    assert by_email.status_code == 404
    deleted = client.delete(made["_links"]["self"]["href"], HTTP_OSDI_API_TOKEN=key)
    assert deleted.status_code == 200 and not Tagging.objects.exists()


def test_another_organizations_people_and_tags_are_invisible(client, osdi_team, other_team):
    _org, _campaign, key = osdi_team
    theirs = signup(client, other_team[2], "same@example.org", given_name="Theirs").json()
    their_tag = osdi_send(client, "POST", OSDI + "tags", other_team[2], {"name": "x"}).json()
    mine = signup(client, key, "same@example.org").json()  # same address, separate person
    assert mine["identifiers"] != theirs["identifiers"] and mine["given_name"] == ""
    assert osdi_get(client, OSDI + "people", key).json()["total_records"] == 1
    assert osdi_get(client, theirs["_links"]["self"]["href"], key).status_code == 404
    assert osdi_get(client, their_tag["_links"]["self"]["href"], key).status_code == 404
    link = {"_links": {"osdi:person": {"href": mine["_links"]["self"]["href"]}}}
    response = osdi_send(client, "POST", their_tag["_links"]["osdi:taggings"]["href"], key, link)
    assert response.status_code == 404
    put = osdi_send(client, "PUT", theirs["_links"]["self"]["href"], key, {"given_name": "Hijack"})
    assert put.status_code == 404 and Person.objects.filter(given_name="Theirs").exists()


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 400, "JSON"),
        ([1, 2], 400, "JSON object"),
        ({"person": {}}, 400, "email_addresses"),
        ({"person": {"email_addresses": [{"address": "nope"}]}}, 400, "not an e-mail"),
        ({"person": {"email_addresses": "a@b.org"}}, 400, "list of objects"),
        ({"person": {"email_addresses": [{"address": "a@b.org"}], "given_name": "x" * 101}},
         400, "at most 100"),
        ({"person": {"email_addresses": [{"address": "a@b.org"}], "custom_fields": [1]}},
         400, "custom_fields"),
        ({"person": {"email_addresses": [{"address": "a@b.org"}]}, "add_tags": [""]},
         400, "add_tags"),
    ],
)  # fmt: skip
def test_bad_person_bodies_get_clear_osdi_errors(client, osdi_team, body, status, words):
    response = osdi_send(client, "POST", OSDI + "people", osdi_team[2], body)
    assert response.status_code == status
    assert words in response.json()["osdi:error"]["error_description"]
    assert not Person.objects.exists()


def test_wrong_methods_and_unknown_ids(client, osdi_team):
    key = osdi_team[2]
    response = client.delete(OSDI + "people", HTTP_OSDI_API_TOKEN=key)
    assert response.status_code == 405 and "POST" in response["Allow"]
    assert osdi_get(client, OSDI + "people/not-a-uuid", key).status_code == 404
    assert (
        osdi_get(client, OSDI + "tags/00000000-0000-0000-0000-000000000000", key).status_code == 404
    )


def test_oversized_body_is_a_413_not_a_500(client, osdi_team, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"person": {"email_addresses": [{"address": "a@b.org"}], "family_name": "x" * 2000}}
    response = osdi_send(client, "POST", OSDI + "people", osdi_team[2], body)
    assert response.status_code == 413


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=20), inner, max_size=4)
    ),
    max_leaves=12,
)
person_like = st.fixed_dictionaries(
    {},
    optional={
        "email_addresses": st.lists(
            st.fixed_dictionaries({}, optional={"address": json_values | st.emails(),
                                                "primary": json_values, "status": json_values}),
            max_size=2,
        ) | json_values,
        "postal_addresses": st.lists(st.dictionaries(
            st.sampled_from(["postal_code", "locality", "region", "country", "primary"]),
            json_values), max_size=2) | json_values,
        "given_name": json_values,
        "custom_fields": st.dictionaries(st.text(max_size=5), json_values, max_size=3)
        | json_values,
    },
)  # fmt: skip


@given(data=person_like)
def test_person_parser_accepts_or_explains_anything(data):
    try:
        details = person_details(data)
    except BadRequest as problem:
        assert str(problem) and problem.status == 400
    else:
        assert "@" in details.email and len(details.given_name) <= 100


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {"person": person_like | json_values}, optional={"add_tags": json_values}
    )
)
def test_any_signup_body_is_answered_without_a_server_error(client, osdi_team, body):
    response = osdi_send(client, "POST", OSDI + "people", osdi_team[2], body)
    assert response.status_code in (200, 400), response.content
    assert response["Content-Type"] == "application/hal+json"
