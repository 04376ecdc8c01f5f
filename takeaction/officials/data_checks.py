"""Facts the loaded officials data must hold, for ``manage.py officials_check``.

Structural facts hold for any complete data set. Named facts pin a few lookups
to what the 119th Congress data says (2025-27); update them when a new Congress
is loaded.
"""

from collections import Counter
from dataclasses import dataclass

from takeaction.officials.geography import STATES
from takeaction.officials.lookup import CHOOSE, OK, lookup_point, lookup_zip
from takeaction.officials.snapshot import Snapshot


@dataclass(frozen=True)
class Fact:
    name: str
    passed: bool
    detail: str


def _zip_fact(name, zip_code, expect_seat, expect_rep, expect_senators) -> Fact:
    result = lookup_zip(zip_code)
    seats = {c.seat.ocd_id: c for c in result.candidates}
    candidate = seats.get(expect_seat)
    if result.status not in (OK, CHOOSE) or candidate is None:
        return Fact(name, False, f"{zip_code}: {result.status} {list(seats)}")
    rep = candidate.representative.name if candidate.representative else None
    senators = sorted(s.name for s in candidate.senators)
    passed = rep == expect_rep and senators == sorted(expect_senators)
    return Fact(name, passed, f"{zip_code} -> {expect_seat}: {rep}; senators {senators}")


def _point_fact(name, lat, lon, expect_seat, expect_rep) -> Fact:
    result = lookup_point(lat, lon)
    match = result.match
    seat = match.seat.ocd_id if match else None
    rep = match.representative.name if match and match.representative else None
    passed = seat == expect_seat and rep == expect_rep
    return Fact(name, passed, f"({lat}, {lon}) -> {seat}: {rep} [{result.status}]")


def structural_facts(snapshot: Snapshot) -> list[Fact]:
    senators = {state: len(snapshot.senators.get(state, ())) for state in STATES}
    short = [state for state, count in senators.items() if count != 2]
    voting = [key for key in snapshot.seats if key[0] in STATES]
    per_state = Counter(state for state, _ in voting)
    zip_seats = {key for keys in snapshot.zip_index.values() for key in keys}
    return [
        Fact("100 senators, two per state", not short, f"states without two: {short or 'none'}"),
        Fact("435 voting House seats", len(voting) == 435, f"{len(voting)} seats"),
        Fact("every state has a seat", set(per_state) == set(STATES), f"{len(per_state)} states"),
        Fact(
            "every ZIP maps to existing seats",
            zip_seats <= set(snapshot.seats),
            f"{len(snapshot.zip_index)} ZIP codes, {len(zip_seats)} seats",
        ),
        Fact(
            "every state has ZIP codes",
            {state for state, _ in zip_seats} >= set(STATES),
            f"{len({state for state, _ in zip_seats})} states and territories",
        ),
        Fact(
            "the seats have boundaries",
            len(snapshot.boundaries.keys) >= 436,
            f"{len(snapshot.boundaries.keys)} polygons",
        ),
    ]


def named_facts() -> list[Fact]:
    vt = ["Bernard Sanders", "Peter Welch"]
    ny = ["Charles E. Schumer", "Kirsten E. Gillibrand"]
    return [
        _zip_fact(
            "Burlington VT: at-large seat",
            "05401",
            "ocd-division/country:us/state:vt",
            "Becca Balint",
            vt,
        ),
        _zip_fact(
            "Washington DC: delegate, no senators",
            "20001",
            "ocd-division/country:us/state:dc",
            "Eleanor Holmes Norton",
            [],
        ),
        _zip_fact(
            "Manhattan 10001 includes NY-12",
            "10001",
            "ocd-division/country:us/state:ny/cd:12",
            "Jerrold Nadler",
            ny,
        ),
        _zip_fact(
            "Del Rio TX: vacant TX-23 keeps its senators",
            "78840",
            "ocd-division/country:us/state:tx/cd:23",
            None,
            ["John Cornyn", "Ted Cruz"],
        ),
        _point_fact(
            "U.S. Capitol is in DC", 38.8899, -77.0091, "ocd-division/country:us/state:dc",
            "Eleanor Holmes Norton",
        ),
        _point_fact(
            "Times Square is in NY-12", 40.758, -73.9855, "ocd-division/country:us/state:ny/cd:12",
            "Jerrold Nadler",
        ),
        _point_fact("London is not in the US", 51.5072, -0.1276, None, None),
    ]  # fmt: skip
