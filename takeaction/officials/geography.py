"""States, territories and Open Civic Data division ids.

OCD ids (``ocd-division/country:us/state:ny/cd:12``) are the stable keys for
places: a state's id covers its senators, a district's id its representative.
At-large states and the delegates' seats have no ``cd:`` part: the whole state
or territory is the district.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Jurisdiction:
    abbr: str
    fips: str
    name: str
    has_senators: bool = True
    # Territories and DC send a non-voting delegate (resident commissioner for PR).
    delegate_title: str = ""


_STATES = [
    ("AL", "01", "Alabama"), ("AK", "02", "Alaska"), ("AZ", "04", "Arizona"),
    ("AR", "05", "Arkansas"), ("CA", "06", "California"), ("CO", "08", "Colorado"),
    ("CT", "09", "Connecticut"), ("DE", "10", "Delaware"), ("FL", "12", "Florida"),
    ("GA", "13", "Georgia"), ("HI", "15", "Hawaii"), ("ID", "16", "Idaho"),
    ("IL", "17", "Illinois"), ("IN", "18", "Indiana"), ("IA", "19", "Iowa"),
    ("KS", "20", "Kansas"), ("KY", "21", "Kentucky"), ("LA", "22", "Louisiana"),
    ("ME", "23", "Maine"), ("MD", "24", "Maryland"), ("MA", "25", "Massachusetts"),
    ("MI", "26", "Michigan"), ("MN", "27", "Minnesota"), ("MS", "28", "Mississippi"),
    ("MO", "29", "Missouri"), ("MT", "30", "Montana"), ("NE", "31", "Nebraska"),
    ("NV", "32", "Nevada"), ("NH", "33", "New Hampshire"), ("NJ", "34", "New Jersey"),
    ("NM", "35", "New Mexico"), ("NY", "36", "New York"), ("NC", "37", "North Carolina"),
    ("ND", "38", "North Dakota"), ("OH", "39", "Ohio"), ("OK", "40", "Oklahoma"),
    ("OR", "41", "Oregon"), ("PA", "42", "Pennsylvania"), ("RI", "44", "Rhode Island"),
    ("SC", "45", "South Carolina"), ("SD", "46", "South Dakota"), ("TN", "47", "Tennessee"),
    ("TX", "48", "Texas"), ("UT", "49", "Utah"), ("VT", "50", "Vermont"),
    ("VA", "51", "Virginia"), ("WA", "53", "Washington"), ("WV", "54", "West Virginia"),
    ("WI", "55", "Wisconsin"), ("WY", "56", "Wyoming"),
]  # fmt: skip
_NON_STATES = [
    ("DC", "11", "District of Columbia", "Delegate"),
    ("PR", "72", "Puerto Rico", "Resident Commissioner"),
    ("GU", "66", "Guam", "Delegate"),
    ("VI", "78", "U.S. Virgin Islands", "Delegate"),
    ("AS", "60", "American Samoa", "Delegate"),
    ("MP", "69", "Northern Mariana Islands", "Delegate"),
]

JURISDICTIONS: dict[str, Jurisdiction] = {
    abbr: Jurisdiction(abbr, fips, name) for abbr, fips, name in _STATES
} | {
    abbr: Jurisdiction(abbr, fips, name, has_senators=False, delegate_title=title)
    for abbr, fips, name, title in _NON_STATES
}
STATES = [abbr for abbr, _, _ in _STATES]
BY_FIPS = {j.fips: j for j in JURISDICTIONS.values()}


def state_ocd_id(state: str) -> str:
    return f"ocd-division/country:us/state:{state.lower()}"


def seat_ocd_id(state: str, district: int) -> str:
    """Return the House seat's division: the state itself for at-large seats (district 0)."""
    if district == 0:
        return state_ocd_id(state)
    return f"{state_ocd_id(state)}/cd:{district}"


def seat_label(state: str, district: int | None) -> str:
    """A seat's name for people, in the active language (``seat_name`` is the stored one)."""
    jurisdiction = JURISDICTIONS.get(state)
    if jurisdiction is None or district is None or jurisdiction.delegate_title:
        return jurisdiction.name if jurisdiction else state
    if district == 0:
        return _("%(state)s (at large)") % {"state": jurisdiction.name}
    return _("%(state)s, district %(number)s") % {"state": jurisdiction.name, "number": district}


# The titles the officials sync stores (officials/services.py), for people to read.
_TITLES = {
    "Senator": gettext_lazy("Senator"),
    "Representative": gettext_lazy("Representative"),
    "Delegate": gettext_lazy("Delegate"),
    "Resident Commissioner": gettext_lazy("Resident Commissioner"),
}


def title_label(title: str) -> str:
    """An official's stored title in the active language; any other title (a custom target's,
    written by the organizer) as it is."""
    label = _TITLES.get(title)
    return title if label is None else str(label)


def seat_name(state: str, district: int) -> str:
    jurisdiction = JURISDICTIONS[state]
    if jurisdiction.delegate_title:
        return jurisdiction.name
    if district == 0:
        return f"{jurisdiction.name} (at large)"
    return f"{jurisdiction.name} district {district}"
