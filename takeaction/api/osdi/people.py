"""OSDI people (with the person signup helper), tags and taggings."""

import re
import uuid

from takeaction.api.osdi.hal import (
    BadRequest,
    answer,
    email_filter,
    endpoint,
    identifiers,
    iso,
    json_body,
    link,
    modified_filter,
    page,
)
from takeaction.api.osdi.person_input import person_details, tag_name, tag_names
from takeaction.supporters.models import Person, Tag, Tagging
from takeaction.supporters.services import (
    EmailTaken,
    person_signup,
    person_update,
    tag_add,
    tag_get_or_create,
    tagging_delete,
)

_PERSON_HREF = re.compile(r"/people/([0-9a-fA-F-]{36})/?$")


def person_dict(person: Person) -> dict:
    key = person.public_id
    address = {
        name: value
        for name in ("postal_code", "locality", "region", "country")
        if (value := getattr(person, name))
    }
    return {
        "identifiers": identifiers(key),
        "created_date": iso(person.created_at),
        "modified_date": iso(person.modified_at),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email_addresses": [
            {"primary": True, "address": person.email, "status": person.email_status}
        ],
        "postal_addresses": [{"primary": True, **address}] if address else [],
        "custom_fields": person.custom_fields,
        "_links": {
            "self": link("person", key=key),
            "osdi:taggings": link("person-taggings", key=key),
        },
    }


def _tag_dict(tag: Tag) -> dict:
    return {
        "identifiers": identifiers(tag.public_id),
        "created_date": iso(tag.created_at),
        "modified_date": iso(tag.modified_at),
        "name": tag.name,
        "_links": {
            "self": link("tag", key=tag.public_id),
            "osdi:taggings": link("tag-taggings", key=tag.public_id),
        },
    }


def _tagging_dict(tagging: Tagging) -> dict:
    tag_key = tagging.tag.public_id
    return {
        "identifiers": identifiers(tagging.public_id),
        "created_date": iso(tagging.created_at),
        "modified_date": iso(tagging.modified_at),
        "_links": {
            "self": link("tagging", key=tag_key, tagging_key=tagging.public_id),
            "osdi:tag": link("tag", key=tag_key),
            "osdi:person": link("person", key=tagging.person.public_id),
        },
    }


def _uuid(key: str) -> uuid.UUID:
    try:
        return uuid.UUID(key)
    except ValueError:
        raise BadRequest("No such record.", status=404) from None


def _own(request, model, key: str, **scope):
    """The row of ``model`` with this public id in the key's organization, else a 404."""
    row = model.objects.filter(public_id=_uuid(key), **scope).first()
    if row is None:
        raise BadRequest(f"No such {model._meta.verbose_name}.", status=404)
    return row


def _person(request, key: str) -> Person:
    return _own(request, Person, key, organization=request.organization)


def _tag(request, key: str) -> Tag:
    return _own(request, Tag, key, organization=request.organization)


@endpoint("POST")
def people(request):
    """List people (filter by e-mail or modified date), or POST the person signup helper."""
    if request.method == "POST":
        data = json_body(request)
        details = person_details(data.get("person"))
        person, _created = person_signup(
            organization=request.organization, details=details, tags=tag_names(data)
        )
        return answer(person_dict(person))
    rows = Person.objects.filter(organization=request.organization).order_by("modified_at", "id")
    email = email_filter(request)
    rows = rows.filter(email=email) if email else modified_filter(request, rows, "modified_at")
    return page(request, rows, "osdi:people", "people", person_dict)


@endpoint("PUT")
def person(request, key: str):
    found = _person(request, key)
    if request.method == "PUT":
        details = person_details(json_body(request), email_required=False)
        try:
            found = person_update(person=found, details=details)
        except EmailTaken:
            raise BadRequest("Another person already has that e-mail address.", 409) from None
    return answer(person_dict(found))


def _taggings(queryset):
    return queryset.select_related("tag", "person").order_by("id")


@endpoint()
def person_taggings(request, key: str):
    found = _person(request, key)
    rows = _taggings(Tagging.objects.filter(person=found))
    return page(request, rows, "osdi:taggings", "person-taggings", _tagging_dict, key=key)


@endpoint("POST")
def tags(request):
    if request.method == "POST":
        name = tag_name(json_body(request).get("name"))
        return answer(_tag_dict(tag_get_or_create(organization=request.organization, name=name)))
    rows = Tag.objects.filter(organization=request.organization).order_by("id")
    rows = modified_filter(request, rows, "modified_at")
    return page(request, rows, "osdi:tags", "tags", _tag_dict)


@endpoint()
def tag(request, key: str):
    return answer(_tag_dict(_tag(request, key)))


def _person_from_link(request, data: dict) -> Person:
    """The person a tagging names, by ``_links.osdi:person.href`` or by ``person`` e-mail."""
    href = ((data.get("_links") or {}).get("osdi:person") or {}).get("href")
    if isinstance(href, str) and (match := _PERSON_HREF.search(href)):
        return _person(request, match.group(1))
    if data.get("person") is not None:
        details = person_details(data["person"])
        found = Person.objects.filter(organization=request.organization, email=details.email)
        if found.exists():
            return found.get()
        raise BadRequest("No person with that e-mail address.", status=404)
    raise BadRequest("Name the person with _links.osdi:person.href (or person.email_addresses).")


@endpoint("POST")
def tag_taggings(request, key: str):
    found = _tag(request, key)
    if request.method == "POST":
        tagged = _person_from_link(request, json_body(request))
        tagging, _created = tag_add(person=tagged, tag=found)
        return answer(_tagging_dict(tagging))
    rows = modified_filter(request, _taggings(found.taggings.all()), "modified_at")
    return page(request, rows, "osdi:taggings", "tag-taggings", _tagging_dict, key=key)


@endpoint("DELETE")
def tagging(request, key: str, tagging_key: str):
    found = _own(request, Tagging, tagging_key, tag=_tag(request, key))
    if request.method == "DELETE":
        tagging_delete(tagging=found)
        return answer({"notice": "This tagging was successfully deleted."})
    return answer(_tagging_dict(found))
