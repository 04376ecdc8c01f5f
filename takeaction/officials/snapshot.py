"""An in-process, read-only copy of the officials data for fast lookups.

A ZIP lookup is a dict access and a point lookup one STRtree query, with no
database round trip: the data changes only when ``officials_sync`` runs. Each
process loads the snapshot on first use and checks at most every
``OFFICIALS_REFRESH_SECONDS`` whether a newer sync has landed; the sync resets
its own process's snapshot at once.
"""

import gc
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings

from takeaction.officials.geography import seat_ocd_id


@dataclass(frozen=True)
class Phone:
    label: str
    number: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None


def _distance_km(point: tuple[float, float], phone: Phone) -> float:
    """Great-circle distance from ``point`` to the office; offices without coordinates last."""
    if phone.latitude is None or phone.longitude is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (*point, phone.latitude, phone.longitude))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class OfficialInfo:
    bioguide_id: str
    name: str
    title: str
    chamber: str
    party: str
    state: str
    district: int | None
    division_ocd_id: str
    term_end: str | None
    phones: tuple[Phone, ...] = ()
    contact_form: str = ""
    website: str = ""
    email: str = ""
    social: tuple[tuple[str, str], ...] = ()
    gender: str = ""

    @property
    def dc_phone(self) -> Phone | None:
        return next((p for p in self.phones if p.label == "Washington, DC"), None)

    @property
    def local_phones(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.label != "Washington, DC")

    def local_phones_near(self, point: tuple[float, float] | None) -> tuple[Phone, ...]:
        """District-office phones, the nearest to ``point`` (lat, lon) first when known."""
        phones = self.local_phones
        if point is None:
            return phones
        return tuple(sorted(phones, key=lambda phone: _distance_km(point, phone)))

    @property
    def write_url(self) -> str:
        return self.contact_form or self.website

    @cached_property
    def as_dict(self) -> dict:
        """The JSON shape of this official, built once per snapshot (the API answers it)."""
        return {
            "bioguide_id": self.bioguide_id,
            "name": self.name,
            "title": self.title,
            "chamber": self.chamber,
            "party": self.party,
            "state": self.state,
            "district": self.district,
            "division_ocd_id": self.division_ocd_id,
            "term_end": self.term_end,
            "phones": [
                {"label": p.label, "number": p.number, "address": p.address} for p in self.phones
            ],
            "contact_form": self.contact_form,
            "website": self.website,
            "email": self.email,
            "social": [{"platform": p, "handle": h} for p, h in self.social],
        }


@dataclass(frozen=True)
class Seat:
    ocd_id: str
    name: str
    state: str
    district: int
    representative: OfficialInfo | None


@dataclass
class Snapshot:
    vintage_id: int | None
    seats: dict[tuple[str, int], Seat] = field(default_factory=dict)
    senators: dict[str, tuple[OfficialInfo, ...]] = field(default_factory=dict)
    zip_index: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    officials: dict[str, OfficialInfo] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.vintage_id is not None

    @cached_property
    def boundaries(self):
        """STRtree over the seats' polygons, built on the first point lookup."""
        from takeaction.officials.boundaries import BoundaryIndex

        return BoundaryIndex.from_database()


def _official_info(official, channels) -> OfficialInfo:
    phones, social = [], []
    contact_form = website = email = ""
    for channel in channels:
        if channel.kind == "phone":
            phones.append(
                Phone(
                    channel.label,
                    channel.value,
                    channel.address,
                    channel.latitude,
                    channel.longitude,
                )
            )
        elif channel.kind == "contact_form":
            contact_form = channel.value
        elif channel.kind == "website":
            website = channel.value
        elif channel.kind == "email":
            email = channel.value
        elif channel.kind == "social":
            social.append((channel.label, channel.value))
    office = official.office
    return OfficialInfo(
        bioguide_id=official.bioguide_id,
        name=official.name,
        title=office.title,
        chamber=office.chamber,
        party=official.party,
        state=official.state,
        district=official.district,
        division_ocd_id=office.division.ocd_id,
        term_end=official.term_end.isoformat() if official.term_end else None,
        phones=tuple(phones),
        contact_form=contact_form,
        website=website,
        email=email,
        social=tuple(social),
        gender=official.gender,
    )


def load_snapshot() -> Snapshot:
    """Read the current data from the database into plain objects."""
    from takeaction.officials.models import (
        ContactChannel,
        DataVintage,
        Division,
        Official,
        ZipDistrict,
    )

    vintage = DataVintage.objects.values_list("pk", flat=True).first()
    if vintage is None:
        return Snapshot(vintage_id=None)
    channels = defaultdict(list)
    for channel in ContactChannel.objects.order_by("official_id", "position"):
        channels[channel.official_id].append(channel)
    senators = defaultdict(list)
    representatives = {}
    officials = {}
    for official in Official.objects.select_related("office__division").order_by("last_name"):
        info = _official_info(official, channels[official.pk])
        officials[info.bioguide_id] = info
        if info.chamber == "senate":
            senators[info.state].append(info)
        else:
            representatives[info.division_ocd_id] = info
    seats = {}
    seat_by_division = {}
    for pk, ocd_id, state, district, name in Division.objects.filter(
        district__isnull=False
    ).values_list("pk", "ocd_id", "state", "district", "name"):
        seat = Seat(ocd_id, name, state, district, representatives.get(ocd_id))
        seats[(state, district)] = seat
        seat_by_division[pk] = (state, district)
    zip_index = defaultdict(list)
    for zip_code, division_id in ZipDistrict.objects.order_by(
        "zip_code", "division_id"
    ).values_list("zip_code", "division_id"):
        zip_index[zip_code].append(seat_by_division[division_id])
    for keys in zip_index.values():
        keys.sort()
    return Snapshot(
        vintage_id=vintage,
        seats=seats,
        senators={state: tuple(people) for state, people in senators.items()},
        zip_index={zip_code: tuple(keys) for zip_code, keys in zip_index.items()},
        officials=officials,
    )


_lock = threading.Lock()
_state: dict = {"snapshot": None, "checked": 0.0}


def _latest_vintage_id() -> int | None:
    from takeaction.officials.models import DataVintage

    return DataVintage.objects.values_list("pk", flat=True).first()


def current_snapshot() -> Snapshot:
    """Return this process's snapshot, reloading it when a newer sync has landed."""
    snapshot, now = _state["snapshot"], time.monotonic()
    if snapshot is not None and now - _state["checked"] < settings.OFFICIALS_REFRESH_SECONDS:
        return snapshot
    with _lock:
        snapshot = _state["snapshot"]
        if snapshot is None or _latest_vintage_id() != snapshot.vintage_id:
            snapshot = load_snapshot()
            _state["snapshot"] = snapshot
            # The snapshot's ~100k long-lived objects made a full collection pause
            # a lookup for 30-45 ms (bench/officials_lookup.py); they hold no cycles,
            # so move them out of the collector's way. Refcounting still frees them.
            gc.freeze()
        _state["checked"] = time.monotonic()
        return snapshot


def snapshot_reset() -> None:
    """Forget the snapshot so the next lookup reads the database again."""
    with _lock:
        _state["snapshot"] = None
        _state["checked"] = 0.0


def seat_key_for(ocd_id: str) -> tuple[str, int] | None:
    """Parse a seat's OCD id back into (state, district)."""
    parts = ocd_id.split("/")
    try:
        state = parts[2].split(":")[1].upper()
        district = int(parts[3].split(":")[1]) if len(parts) > 3 else 0
    except (IndexError, ValueError):
        return None
    return (state, district) if seat_ocd_id(state, district) == ocd_id else None
