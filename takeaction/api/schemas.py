"""Response shapes of the v1 JSON API."""

from ninja import Schema, Status


class ErrorDetail(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorDetail


def error(status: int, code: str, message: str) -> Status:
    """The one error body of the v1 API: a stable code and a message for people."""
    return Status(status, {"error": {"code": code, "message": message}})


class PhoneOut(Schema):
    label: str
    number: str
    address: str


class SocialOut(Schema):
    platform: str
    handle: str


class OfficialOut(Schema):
    bioguide_id: str
    name: str
    title: str
    chamber: str
    party: str
    state: str
    district: int | None
    division_ocd_id: str
    term_end: str | None
    phones: list[PhoneOut]
    contact_form: str
    website: str
    email: str
    social: list[SocialOut]


class CandidateOut(Schema):
    division_ocd_id: str
    name: str
    state: str
    district: int
    vacant: bool
    representative: OfficialOut | None
    senators: list[OfficialOut]


class OfficialsLookupOut(Schema):
    status: str
    message: str
    candidates: list[CandidateOut]
