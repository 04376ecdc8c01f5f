"""Read the officials source files into plain records, collecting every problem.

Parsing never stops at the first bad record: each problem is kept with its file,
record or line and reason, so one run of the sync can report all of them.
"""

import csv
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from shapely import to_wkb
from shapely.geometry import shape

from takeaction.officials.geography import BY_FIPS, JURISDICTIONS
from takeaction.officials.upstream import SourceError, SourceFiles

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    reason: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.reason}"


@dataclass
class Member:
    record: int
    bioguide_id: str
    name: str
    last_name: str
    party: str
    state: str
    chamber: str  # "senate" or "house"
    district: int | None
    term_start: datetime.date | None
    term_end: datetime.date | None
    phone: str = ""
    address: str = ""
    website: str = ""
    contact_form: str = ""
    gender: str = ""  # "F" or "M" from the data's bio, for titles in gendered languages


@dataclass
class DistrictOffice:
    city: str
    phone: str
    address: str
    latitude: float | None
    longitude: float | None


@dataclass
class ParsedData:
    members: list[Member] = field(default_factory=list)
    offices: dict[str, list[DistrictOffice]] = field(default_factory=dict)
    socials: dict[str, dict[str, str]] = field(default_factory=dict)
    # (zip, state, district, line number in the CSV)
    zip_rows: list[tuple[str, str, int, int]] = field(default_factory=list)
    boundaries: dict[tuple[str, int], bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, file: Path | str, where: str, reason: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(Path(file).name, where, reason, severity))


def _load_yaml(path: Path) -> list:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open("rb") as handle:
            data = yaml.load(handle, Loader=loader)  # noqa: S506  (a safe loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}" if mark else "?"
        raise SourceError(f"{path.name}: {where}: not valid YAML ({error.problem})") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SourceError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(data, list):
        raise SourceError(f"{path.name}: expected a list of people at the top level")
    return data


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _text(mapping: dict, key: str) -> str:
    value = mapping.get(key)
    return str(value).strip() if value is not None else ""


def _bioguide(entry) -> str:
    ids = entry.get("id") if isinstance(entry, dict) else None
    return _text(ids, "bioguide") if isinstance(ids, dict) else ""


def parse_legislators(path: Path, data: ParsedData) -> None:
    """Read each person's current (last) term from legislators-current.yaml."""
    for index, person in enumerate(_load_yaml(path), start=1):
        bioguide = _bioguide(person)
        where = f"record {index}" + (f" ({bioguide})" if bioguide else "")
        if not bioguide:
            data.problem(path, where, "no id.bioguide")
            continue
        terms = person.get("terms") or []
        term = terms[-1] if isinstance(terms, list) and terms else None
        if not isinstance(term, dict):
            data.problem(path, where, "no terms")
            continue
        kind, state = _text(term, "type"), _text(term, "state").upper()
        if kind not in ("sen", "rep"):
            data.problem(path, where, f"term type {kind!r} is neither 'sen' nor 'rep'")
            continue
        if state not in JURISDICTIONS:
            data.problem(path, where, f"unknown state {state!r}")
            continue
        district = None
        if kind == "rep":
            district = term.get("district")
            if not isinstance(district, int) or district < 0:
                data.problem(path, where, f"district {district!r} is not a number")
                continue
        names = person.get("name") or {}
        last = _text(names, "last")
        full = _text(names, "official_full") or " ".join(
            part for part in (_text(names, "first"), last) if part
        )
        if not full:
            data.problem(path, where, "no name")
            continue
        data.members.append(
            Member(
                record=index,
                bioguide_id=bioguide,
                name=full,
                last_name=last or full.split()[-1],
                party=_text(term, "party"),
                state=state,
                chamber="senate" if kind == "sen" else "house",
                district=district,
                term_start=_date(term.get("start")),
                term_end=_date(term.get("end")),
                phone=_text(term, "phone"),
                address=_text(term, "address"),
                website=_text(term, "url"),
                contact_form=_text(term, "contact_form"),
                gender=_gender(person),
            )
        )


def _gender(person) -> str:
    bio = person.get("bio")
    value = _text(bio, "gender").upper() if isinstance(bio, dict) else ""
    return value if value in ("F", "M") else ""


def _coordinate(value, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def parse_district_offices(path: Path, data: ParsedData) -> None:
    for index, entry in enumerate(_load_yaml(path), start=1):
        bioguide = _bioguide(entry)
        if not bioguide:
            data.problem(path, f"record {index}", "no id.bioguide", WARNING)
            continue
        offices = []
        for office in entry.get("offices") or []:
            if not isinstance(office, dict):
                continue
            lat = _coordinate(office.get("latitude"), 90)
            lon = _coordinate(office.get("longitude"), 180)
            if office.get("latitude") is not None and (lat is None or lon is None):
                data.problem(
                    path,
                    f"office {office.get('id', '?')}",
                    "coordinates out of range; kept without them",
                    WARNING,
                )
                lat = lon = None
            address = ", ".join(
                part
                for part in (
                    _text(office, "building"),
                    _text(office, "address"),
                    _text(office, "suite"),
                    " ".join(p for p in (_text(office, "city"), _text(office, "state")) if p),
                    _text(office, "zip"),
                )
                if part
            )
            offices.append(
                DistrictOffice(_text(office, "city"), _text(office, "phone"), address, lat, lon)
            )
        data.offices[bioguide] = offices


SOCIAL_PLATFORMS = ("twitter", "facebook", "instagram", "youtube", "mastodon", "bluesky")


def parse_social(path: Path, data: ParsedData) -> None:
    for entry in _load_yaml(path):
        bioguide = _bioguide(entry)
        social = entry.get("social") if isinstance(entry, dict) else None
        if bioguide and isinstance(social, dict):
            data.socials[bioguide] = {
                platform: _text(social, platform)
                for platform in SOCIAL_PLATFORMS
                if _text(social, platform)
            }


def parse_zip_table(path: Path, data: ParsedData) -> None:
    """Read ``state_fips,state_abbr,zcta,cd`` rows (cd 0 = at-large or delegate seat)."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = {"state_abbr", "zcta", "cd"} - set(reader.fieldnames or [])
            if missing:
                data.problem(path, "line 1", f"missing columns: {', '.join(sorted(missing))}")
                return
            for row in reader:
                where = f"line {reader.line_num}"
                zip_code = (row.get("zcta") or "").strip()
                state = (row.get("state_abbr") or "").strip().upper()
                cd = (row.get("cd") or "").strip()
                if len(zip_code) != 5 or not zip_code.isdigit():
                    data.problem(path, where, f"ZIP {zip_code!r} is not 5 digits")
                elif state not in JURISDICTIONS:
                    data.problem(path, where, f"unknown state {state!r}")
                elif not cd.isdigit():
                    data.problem(path, where, f"district {cd!r} is not a number")
                else:
                    data.zip_rows.append((zip_code, state, int(cd), reader.line_num))
    except UnicodeDecodeError as error:
        raise SourceError(f"{path.name}: not UTF-8 text ({error})") from error


def parse_boundaries(path: Path, data: ParsedData) -> None:
    """Read district polygons keyed on STATEFP + CD119FP (00 at-large, 98 delegate)."""
    try:
        with path.open("rb") as handle:
            collection = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SourceError(f"{path.name}: not valid JSON ({error})") from error
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise SourceError(f"{path.name}: not a GeoJSON FeatureCollection")
    for index, feature in enumerate(features, start=1):
        properties = (feature or {}).get("properties") or {}
        fips, cd = str(properties.get("STATEFP", "")), str(properties.get("CD119FP", ""))
        where = f"feature {index} ({properties.get('GEOID', '?')})"
        jurisdiction = BY_FIPS.get(fips)
        if jurisdiction is None:
            data.problem(path, where, f"unknown STATEFP {fips!r}")
            continue
        if not cd.isdigit():
            data.problem(path, where, f"CD119FP {cd!r} is not a number")
            continue
        district = 0 if cd in ("00", "98") else int(cd)
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            data.problem(path, where, f"unreadable geometry ({error})")
            continue
        if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            data.problem(path, where, f"geometry is {geometry.geom_type}, not a polygon")
            continue
        data.boundaries[(jurisdiction.abbr, district)] = to_wkb(geometry)


def parse_all(files: SourceFiles) -> ParsedData:
    """Parse every file of the source; problems are collected in ``ParsedData.problems``."""
    data = ParsedData()
    parse_legislators(files.legislators, data)
    if files.offices:
        parse_district_offices(files.offices, data)
    if files.social:
        parse_social(files.social, data)
    parse_zip_table(files.zip_table, data)
    if files.boundaries:
        parse_boundaries(files.boundaries, data)
    return data
