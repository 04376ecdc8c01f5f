"""Check parsed officials data before it may replace what is serving.

Errors stop the sync; warnings (a member without a phone, a vacant seat) are
reported and the data is still loaded, because real data has both.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from takeaction.officials.geography import JURISDICTIONS, STATES, seat_name
from takeaction.officials.parsing import ERROR, WARNING, ParsedData, Problem

SENATORS_PER_STATE = 2
VOTING_SEATS = 435


@dataclass
class Validation:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seats: set[tuple[str, int]] = field(default_factory=set)
    vacancies: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _seat_label(seat: tuple[str, int]) -> str:
    return seat_name(*seat)


def validate(data: ParsedData, *, partial: bool = False) -> Validation:
    """Validate ``data``; with ``partial`` skip the whole-country totals (fixtures, tests)."""
    result = Validation()
    for problem in data.problems:
        (result.errors if problem.severity == ERROR else result.warnings).append(problem)
    legislators = "legislators-current.yaml"

    def error(where: str, reason: str, file: str = legislators) -> None:
        result.errors.append(Problem(file, where, reason))

    counts = Counter(member.bioguide_id for member in data.members)
    for bioguide, count in counts.items():
        if count > 1:
            error(bioguide, f"appears {count} times")

    senators = defaultdict(list)
    representatives = defaultdict(list)
    for member in data.members:
        if member.chamber == "senate":
            senators[member.state].append(member)
        else:
            representatives[(member.state, member.district)].append(member)

    for state, members in sorted(senators.items()):
        if not JURISDICTIONS[state].has_senators:
            error(state, f"{JURISDICTIONS[state].name} has no senators, but the data lists some")
        elif len(members) > SENATORS_PER_STATE:
            names = ", ".join(f"{m.name} (record {m.record})" for m in members)
            error(state, f"{len(members)} senators: {names}")

    for seat, members in sorted(representatives.items()):
        if len(members) > 1:
            names = ", ".join(f"{m.name} (record {m.record})" for m in members)
            error(_seat_label(seat), f"{len(members)} representatives for one seat: {names}")

    # The seats that exist: from the boundaries when present, else from the members.
    # Coarse boundary files leave out the smaller territories, whose delegates
    # still hold a real seat.
    delegate_seats = {seat for seat in representatives if not JURISDICTIONS[seat[0]].has_senators}
    result.seats = (
        (set(data.boundaries) | delegate_seats) if data.boundaries else set(representatives)
    )
    for state in {state for state, _ in result.seats}:
        numbered = {d for s, d in result.seats if s == state and d != 0}
        if numbered and (state, 0) in result.seats:
            error(state, "has both an at-large seat and numbered districts", "boundaries")
    for seat in sorted(set(representatives) - result.seats):
        members = ", ".join(m.name for m in representatives[seat])
        error(_seat_label(seat), f"{members} holds a seat the boundaries do not have")

    unknown_zip_seats = defaultdict(list)
    for zip_code, state, district, line in data.zip_rows:
        if (state, district) not in result.seats:
            unknown_zip_seats[(state, district)].append(f"{zip_code} (line {line})")
    for seat, rows in sorted(unknown_zip_seats.items()):
        shown = ", ".join(rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
        error(f"ZIP {shown}", f"district {_seat_label(seat)} does not exist", "zccd.csv")

    result.vacancies = sorted(result.seats - set(representatives))
    for seat in result.vacancies:
        result.warnings.append(Problem("seats", _seat_label(seat), "vacant", WARNING))

    for member in data.members:
        missing = [
            label
            for label, value in (("phone", member.phone), ("website", member.website))
            if not value
        ]
        if missing:
            result.warnings.append(
                Problem(
                    legislators,
                    f"record {member.record} ({member.bioguide_id}, {member.name})",
                    f"missing contact details: {', '.join(missing)}",
                    WARNING,
                )
            )

    if not partial:
        _check_whole_country(data, senators, result, error)
    return result


def _check_whole_country(data, senators, result, error) -> None:
    total = sum(len(members) for state, members in senators.items() if state in STATES)
    if total != len(STATES) * SENATORS_PER_STATE:
        short = [s for s in STATES if len(senators.get(s, [])) != SENATORS_PER_STATE]
        error("senate", f"{total} senators, expected 100; states without two: {', '.join(short)}")
    voting = [seat for seat in result.seats if seat[0] in STATES]
    if len(voting) != VOTING_SEATS:
        error("house", f"{len(voting)} voting seats, expected {VOTING_SEATS}", "boundaries")
    zip_states = {state for _, state, _, _ in data.zip_rows}
    missing = [state for state in STATES if state not in zip_states]
    if missing:
        error("states", f"no ZIP codes for {', '.join(missing)}", "zccd.csv")
    member_states = {m.state for m in data.members}
    missing = [state for state in STATES if state not in member_states]
    if missing:
        error("states", f"no members for {', '.join(missing)}")
