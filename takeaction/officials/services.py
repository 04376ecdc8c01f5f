"""The officials sync: parse, validate, then switch to the new data in one transaction."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from takeaction.officials.geography import JURISDICTIONS, seat_name, seat_ocd_id, state_ocd_id
from takeaction.officials.models import (
    ContactChannel,
    DataVintage,
    Division,
    Office,
    Official,
    ZipDistrict,
)
from takeaction.officials.parsing import Member, ParsedData, Problem, parse_all
from takeaction.officials.snapshot import snapshot_reset
from takeaction.officials.upstream import SourceError, open_source
from takeaction.officials.validation import Validation, validate

logger = logging.getLogger(__name__)
BATCH = 2000
Progress = Callable[[str, int, int], None]


class SyncFailed(Exception):
    """The data was not loaded; ``problems`` says exactly what was wrong."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class SyncReport:
    source: str
    changed: bool
    vintage: DataVintage
    warnings: list[Problem] = field(default_factory=list)


def _congress_of(members: list[Member]) -> int:
    """Return the Congress the House members' current terms belong to (119 for 2025-27)."""
    starts = [m.term_start for m in members if m.chamber == "house" and m.term_start]
    if not starts:
        return 0
    year = max(starts).year
    return (year - 1789) // 2 + 1


def officials_sync(
    *, source: str, partial: bool = False, force: bool = False, progress: Progress | None = None
) -> SyncReport:
    """Load officials data from ``source`` (a directory, a mirror URL or "upstream").

    Nothing is written unless every file parses and validates; the switch happens
    in one transaction, so readers see the old data until the new data is complete.
    Raise SyncFailed otherwise. The same data twice is a no-op (same content hash).
    """
    progress = progress or (lambda step, done, total: None)
    try:
        with open_source(source) as files:
            progress("reading", 0, 4)
            content_hash = files.content_hash()
            current = DataVintage.objects.first()
            if current and current.content_hash == content_hash and not force:
                return SyncReport(files.description, False, current, [])
            data = parse_all(files)
            description = files.description
    except SourceError as error:
        raise SyncFailed(str(error), [Problem("source", source, str(error))]) from error
    progress("validating", 1, 4)
    checked = validate(data, partial=partial)
    if not checked.ok:
        raise SyncFailed(f"{len(checked.errors)} problem(s); nothing was changed", checked.errors)
    vintage = _replace_all(data, checked, description, content_hash, progress)
    transaction.on_commit(snapshot_reset)
    return SyncReport(description, True, vintage, checked.warnings)


@transaction.atomic
def _replace_all(data: ParsedData, checked: Validation, source: str, content_hash: str, progress):
    now = timezone.now()
    progress("divisions", 2, 4)
    divisions = _upsert_divisions(data, checked)
    progress("officials", 3, 4)
    officials = _upsert_officials(data, divisions)
    _replace_channels(data, officials)
    progress("zip codes", 4, 4)
    _replace_zip_codes(data, divisions)
    counts = {
        "divisions": len(divisions),
        "senators": sum(1 for m in data.members if m.chamber == "senate"),
        "representatives": sum(1 for m in data.members if m.chamber == "house"),
        "seats": len(checked.seats),
        "vacant_seats": len(checked.vacancies),
        "boundaries": len(data.boundaries),
        "zip_rows": ZipDistrict.objects.count(),
        "zip_codes": len({row[0] for row in data.zip_rows}),
        "contact_channels": ContactChannel.objects.count(),
    }
    return DataVintage.objects.create(
        source=source[:500],
        congress=_congress_of(data.members),
        content_hash=content_hash,
        fetched_at=now,
        counts=counts,
        vacancies=[seat_ocd_id(*seat) for seat in checked.vacancies],
        warnings=[str(w) for w in checked.warnings[:500]],
    )


def _upsert_divisions(data: ParsedData, checked: Validation) -> dict[str, int]:
    """Create or update every state and seat division; return ocd_id -> pk."""
    rows = {}
    states = {state for state, _ in checked.seats} | {m.state for m in data.members}
    for state in states:
        at_large = (state, 0) in checked.seats
        rows[state_ocd_id(state)] = Division(
            ocd_id=state_ocd_id(state),
            state=state,
            district=0 if at_large else None,
            name=seat_name(state, 0) if at_large else JURISDICTIONS[state].name,
            boundary=data.boundaries.get((state, 0)) if at_large else None,
        )
    for state, district in checked.seats:
        if district:
            ocd_id = seat_ocd_id(state, district)
            rows[ocd_id] = Division(
                ocd_id=ocd_id,
                state=state,
                district=district,
                name=seat_name(state, district),
                boundary=data.boundaries.get((state, district)),
            )
    Division.objects.bulk_create(
        rows.values(),
        batch_size=200,
        update_conflicts=True,
        unique_fields=["ocd_id"],
        update_fields=["state", "district", "name", "boundary"],
    )
    Division.objects.exclude(ocd_id__in=rows).delete()
    return dict(Division.objects.values_list("ocd_id", "pk"))


def _office_for(member: Member) -> tuple[str, str, str]:
    """Return (division ocd id, chamber, title) for a member's seat."""
    jurisdiction = JURISDICTIONS[member.state]
    if member.chamber == "senate":
        return state_ocd_id(member.state), Office.Chamber.SENATE, "Senator"
    if jurisdiction.delegate_title:
        return seat_ocd_id(member.state, 0), Office.Chamber.DELEGATE, jurisdiction.delegate_title
    return seat_ocd_id(member.state, member.district), Office.Chamber.HOUSE, "Representative"


def _upsert_officials(data: ParsedData, divisions: dict[str, int]) -> dict[str, int]:
    offices = {}
    seat_offices = {}
    for member in data.members:
        ocd_id, chamber, title = _office_for(member)
        seat_offices[member.bioguide_id] = (divisions[ocd_id], chamber)
        offices[(divisions[ocd_id], chamber)] = Office(
            division_id=divisions[ocd_id], chamber=chamber, title=title
        )
    Office.objects.bulk_create(
        offices.values(),
        update_conflicts=True,
        unique_fields=["division", "chamber"],
        update_fields=["title"],
    )
    office_ids = {
        (division_id, chamber): pk
        for pk, division_id, chamber in Office.objects.values_list("pk", "division_id", "chamber")
    }
    Official.objects.bulk_create(
        [
            Official(
                office_id=office_ids[seat_offices[m.bioguide_id]],
                bioguide_id=m.bioguide_id,
                name=m.name,
                last_name=m.last_name,
                party=m.party,
                state=m.state,
                district=m.district,
                term_end=m.term_end,
                gender=m.gender,
            )
            for m in data.members
        ],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["bioguide_id"],
        update_fields=[
            "office",
            "name",
            "last_name",
            "party",
            "state",
            "district",
            "term_end",
            "gender",
        ],
    )
    keep = {m.bioguide_id for m in data.members}
    Official.objects.exclude(bioguide_id__in=keep).delete()
    Office.objects.exclude(pk__in=[office_ids[key] for key in offices]).delete()
    return dict(Official.objects.values_list("bioguide_id", "pk"))


def _channels_for(member: Member, data: ParsedData, official_id: int):
    kinds = ContactChannel.Kind
    entries = []
    if member.phone:
        entries.append((kinds.PHONE, "Washington, DC", member.phone, member.address, None, None))
    for office in data.offices.get(member.bioguide_id, []):
        if office.phone:
            entries.append(
                (
                    kinds.PHONE,
                    office.city,
                    office.phone,
                    office.address,
                    office.latitude,
                    office.longitude,
                )
            )
    if member.contact_form:
        entries.append((kinds.CONTACT_FORM, "", member.contact_form, "", None, None))
    if member.website:
        entries.append((kinds.WEBSITE, "", member.website, "", None, None))
    for platform, handle in data.socials.get(member.bioguide_id, {}).items():
        entries.append((kinds.SOCIAL, platform, handle, "", None, None))
    return [
        ContactChannel(
            official_id=official_id,
            kind=kind,
            label=label,
            value=value[:500],
            address=address[:300],
            latitude=lat,
            longitude=lon,
            position=position,
        )
        for position, (kind, label, value, address, lat, lon) in enumerate(entries)
    ]


def _replace_channels(data: ParsedData, officials: dict[str, int]) -> None:
    ContactChannel.objects.all().delete()
    channels = []
    for member in data.members:
        channels.extend(_channels_for(member, data, officials[member.bioguide_id]))
    ContactChannel.objects.bulk_create(channels, batch_size=BATCH)


def _replace_zip_codes(data: ParsedData, divisions: dict[str, int]) -> None:
    ZipDistrict.objects.all().delete()
    pairs = {
        (zip_code, divisions[seat_ocd_id(state, d)]) for zip_code, state, d, _ in data.zip_rows
    }
    ZipDistrict.objects.bulk_create(
        (ZipDistrict(zip_code=zip_code, division_id=pk) for zip_code, pk in sorted(pairs)),
        batch_size=BATCH,
    )
