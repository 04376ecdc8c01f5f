"""Find a supporter's members of Congress by ZIP, location or district.

Parsers turn raw input into clean values or raise ``InvalidInput`` with a
message for the supporter; nothing else escapes them. Lookups answer from the
in-process snapshot and never guess: a ZIP that spans several districts gives
every candidate and the page asks the supporter to choose.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from takeaction.officials.geography import JURISDICTIONS
from takeaction.officials.snapshot import OfficialInfo, Seat, Snapshot, current_snapshot

OK = "ok"
CHOOSE = "choose"
NOT_FOUND = "not_found"
INVALID = "invalid"
NO_DATA = "no_data"

_ZIP = re.compile(r"^(\d{5})(?:[\s-]?\d{4})?$", re.ASCII)


class InvalidInput(ValueError):
    """Input a supporter typed that cannot be a ZIP, a location or a district."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def parse_zip(raw: str) -> str:
    """Return the 5-digit ZIP from ``10001``, ``10001-1234`` or ``10001 1234``."""
    # NFKC turns full-width digits (typed on some phone keyboards) into ASCII ones.
    text = " ".join(unicodedata.normalize("NFKC", str(raw or "")).split())
    match = _ZIP.match(text)
    if not match:
        raise InvalidInput("invalid_zip", _("Enter a 5-digit ZIP code, like 10001 or 10001-1234."))
    if match.group(1) == "00000":
        raise InvalidInput("invalid_zip", _("00000 is not a ZIP code."))
    return match.group(1)


def _number(raw, label: str, limit: float) -> float:
    try:
        value = float(str(raw).strip())
    except (TypeError, ValueError):
        message = _("%(label)s is not a number.") % {"label": label}
        raise InvalidInput("invalid_location", message) from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise InvalidInput(
            "invalid_location",
            _("%(label)s must be between -%(limit)s and %(limit)s.")
            % {"label": label, "limit": int(limit)},
        )
    return value


def parse_coordinates(latitude, longitude) -> tuple[float, float]:
    """Return (latitude, longitude) as finite floats within range."""
    return _number(latitude, _("Latitude"), 90), _number(longitude, _("Longitude"), 180)


def parse_district(state, district) -> tuple[str, int]:
    """Return ("NY", 12) from a state abbreviation and a district number (0 = at large)."""
    code = str(state or "").strip().upper()
    if code not in JURISDICTIONS:
        raise InvalidInput("invalid_district", _("Choose a state from the list."))
    text = str(district or "").strip()
    if not text.isdigit() or int(text) > 99:
        raise InvalidInput("invalid_district", _("Choose a district from the list."))
    return code, int(text)


@dataclass(frozen=True)
class Candidate:
    """One House seat the supporter may live in, with the officials who represent it."""

    seat: Seat
    senators: tuple[OfficialInfo, ...]

    @property
    def representative(self) -> OfficialInfo | None:
        return self.seat.representative

    @property
    def vacant(self) -> bool:
        return self.seat.representative is None


@dataclass
class LookupResult:
    status: str
    message: str = ""
    code: str = ""
    query: dict = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def match(self) -> Candidate | None:
        return self.candidates[0] if self.status == OK else None

    @property
    def statewide(self) -> tuple[OfficialInfo, ...]:
        """The senators of a split ZIP whose districts all lie in one state, else ().

        Senators are the same for the whole state: a fan need not choose a district
        to see them, only to see their representative.
        """
        if self.status != CHOOSE or len({c.seat.state for c in self.candidates}) != 1:
            return ()
        return self.candidates[0].senators


def _no_data() -> LookupResult:
    return LookupResult(
        NO_DATA,
        _("Officials data is not loaded on this server yet, so we can't look up your members."),
        "no_data",
    )


def _result(snapshot: Snapshot, keys, query: dict, not_found: str) -> LookupResult:
    candidates = [
        Candidate(snapshot.seats[key], snapshot.senators.get(key[0], ()))
        for key in keys
        if key in snapshot.seats
    ]
    if not candidates:
        return LookupResult(NOT_FOUND, not_found, "not_found", query)
    if len(candidates) == 1:
        return LookupResult(OK, "", "", query, candidates)
    return LookupResult(
        CHOOSE,
        # No "or use your location": without JavaScript there is no location button.
        _("This ZIP code is split between districts. Choose yours."),
        "choose_district",
        query,
        candidates,
    )


def lookup_zip(raw: str, snapshot: Snapshot | None = None) -> LookupResult:
    try:
        zip_code = parse_zip(raw)
    except InvalidInput as error:
        return LookupResult(INVALID, error.message, error.code, {"zip": str(raw)[:20]})
    snapshot = snapshot or current_snapshot()
    if not snapshot.loaded:
        return _no_data()
    keys = snapshot.zip_index.get(zip_code, ())
    message = _("We don't know ZIP code %(zip)s. Check it and try again.") % {"zip": zip_code}
    return _result(snapshot, keys, {"zip": zip_code}, message)


def lookup_point(latitude, longitude, snapshot: Snapshot | None = None) -> LookupResult:
    try:
        lat, lon = parse_coordinates(latitude, longitude)
    except InvalidInput as error:
        return LookupResult(INVALID, error.message, error.code)
    snapshot = snapshot or current_snapshot()
    if not snapshot.loaded:
        return _no_data()
    keys = snapshot.boundaries.seats_at(lat, lon)
    # The coordinates are not echoed back or stored: only the district is kept.
    return _result(snapshot, keys, {}, _("That location is not in a U.S. congressional district."))


def lookup_district(state, district, snapshot: Snapshot | None = None) -> LookupResult:
    try:
        key = parse_district(state, district)
    except InvalidInput as error:
        return LookupResult(INVALID, error.message, error.code)
    snapshot = snapshot or current_snapshot()
    if not snapshot.loaded:
        return _no_data()
    query = {"state": key[0], "district": key[1]}
    return _result(snapshot, [key], query, _("There is no such district."))


def lookup_from_params(params) -> LookupResult | None:
    """Run the lookup a query string asks for (zip, lat/lon, or state/district), if any."""
    if params.get("state") and params.get("district") is not None:
        return lookup_district(params.get("state"), params.get("district"))
    if params.get("lat") is not None or params.get("lon") is not None:
        return lookup_point(params.get("lat"), params.get("lon"))
    if params.get("zip") is not None:
        return lookup_zip(params.get("zip"))
    return None
