"""Read an OSDI person from a request body into checked ``PersonDetails``.

Action Network's shapes: ``email_addresses`` and ``postal_addresses`` are lists
whose primary (or first) entry counts; ``custom_fields`` is a flat object of
short strings. Anything unusable raises ``BadRequest`` naming the field.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from takeaction.api.osdi.hal import BadRequest
from takeaction.supporters.models import Person
from takeaction.supporters.services import PersonDetails

NAME_MAX = 100
CUSTOM_FIELDS_MAX = 50
CUSTOM_KEY_MAX = 100
CUSTOM_VALUE_MAX = 1000
TAGS_MAX = 20
_ADDRESS_FIELDS = {"postal_code": 12, "locality": 100, "region": 50, "country": 2}
_STATUSES = {
    "subscribed": Person.EmailStatus.SUBSCRIBED,
    "unsubscribed": Person.EmailStatus.UNSUBSCRIBED,
}


def _text(value, field: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRequest(f"{field} must be a string.")
    value = value.strip()
    if len(value) > limit or "\x00" in value:
        raise BadRequest(f"{field} must be at most {limit} characters of text.")
    return value


def _primary(data: dict, field: str) -> dict:
    entries = data.get(field) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BadRequest(f"{field} must be a list of objects.")
    return next((e for e in entries if e.get("primary") is True), entries[0] if entries else {})


def _email(data: dict, required: bool) -> tuple[str, str]:
    entry = _primary(data, "email_addresses")
    address = _text(entry.get("address"), "email_addresses.address", 254).lower()
    if not address:
        if required:
            raise BadRequest("A person needs email_addresses with an address.")
        return "", ""
    try:
        validate_email(address)
    except ValidationError:
        raise BadRequest(f"{address!r} is not an e-mail address.") from None
    status = entry.get("status")
    if status is not None and (not isinstance(status, str) or status not in _STATUSES):
        raise BadRequest("email_addresses.status must be subscribed or unsubscribed.")
    return address, _STATUSES.get(status, "")


def _custom_fields(data: dict) -> dict:
    fields = data.get("custom_fields") or {}
    if not isinstance(fields, dict) or len(fields) > CUSTOM_FIELDS_MAX:
        raise BadRequest(f"custom_fields must be an object of at most {CUSTOM_FIELDS_MAX} fields.")
    checked = {}
    for key, value in fields.items():
        key = _text(key, "a custom_fields name", CUSTOM_KEY_MAX)
        if not key:
            raise BadRequest("custom_fields names must not be empty.")
        if isinstance(value, bool | int | float):
            value = str(value).lower() if isinstance(value, bool) else str(value)
        checked[key] = _text(value, f"custom_fields.{key}", CUSTOM_VALUE_MAX)
    return checked


def person_details(data, *, email_required: bool = True) -> PersonDetails:
    """Check an OSDI person object; raise ``BadRequest`` on the first unusable field."""
    if not isinstance(data, dict):
        raise BadRequest("person must be an object.")
    email, status = _email(data, email_required)
    address = _primary(data, "postal_addresses")
    parts = {name: _text(address.get(name), f"postal_addresses.{name}", limit)
             for name, limit in _ADDRESS_FIELDS.items()}  # fmt: skip
    parts["country"] = parts["country"].upper()
    parts["region"] = parts["region"].upper() if len(parts["region"]) == 2 else parts["region"]
    return PersonDetails(
        email=email,
        email_status=status,
        given_name=_text(data.get("given_name"), "given_name", NAME_MAX),
        family_name=_text(data.get("family_name"), "family_name", NAME_MAX),
        custom_fields=_custom_fields(data),
        **parts,
    )


def tag_name(value, field: str = "name") -> str:
    name = _text(value, field, 100)
    if not name:
        raise BadRequest(f"{field}: a tag needs a name of 1 to 100 characters.")
    return name


def tag_names(data: dict, field: str = "add_tags") -> tuple[str, ...]:
    names = data.get(field) or []
    if not isinstance(names, list) or len(names) > TAGS_MAX:
        raise BadRequest(f"{field} must be a list of at most {TAGS_MAX} tag names.")
    return tuple(tag_name(name, field) for name in names)
