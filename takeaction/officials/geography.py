"""States, territories and Open Civic Data division ids.

OCD ids (``ocd-division/country:us/state:ny/cd:12``) are the stable keys for
places: a state's id covers its senators, a district's id its representative.
At-large states and the delegates' seats have no ``cd:`` part: the whole state
or territory is the district.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy


@dataclass(frozen=True)
class Jurisdiction:
    abbr: str
    fips: str
    name: str
    has_senators: bool = True
    # Territories and DC send a non-voting delegate (resident commissioner for PR).
    delegate_title: str = ""


# Names marked for the catalog (gettext_noop): stored in English, shown in the page's language.
_STATES = [
    ("AL", "01", gettext_noop("Alabama")),
    ("AK", "02", gettext_noop("Alaska")),
    ("AZ", "04", gettext_noop("Arizona")),
    ("AR", "05", gettext_noop("Arkansas")),
    ("CA", "06", gettext_noop("California")),
    ("CO", "08", gettext_noop("Colorado")),
    ("CT", "09", gettext_noop("Connecticut")),
    ("DE", "10", gettext_noop("Delaware")),
    ("FL", "12", gettext_noop("Florida")),
    ("GA", "13", gettext_noop("Georgia")),
    ("HI", "15", gettext_noop("Hawaii")),
    ("ID", "16", gettext_noop("Idaho")),
    ("IL", "17", gettext_noop("Illinois")),
    ("IN", "18", gettext_noop("Indiana")),
    ("IA", "19", gettext_noop("Iowa")),
    ("KS", "20", gettext_noop("Kansas")),
    ("KY", "21", gettext_noop("Kentucky")),
    ("LA", "22", gettext_noop("Louisiana")),
    ("ME", "23", gettext_noop("Maine")),
    ("MD", "24", gettext_noop("Maryland")),
    ("MA", "25", gettext_noop("Massachusetts")),
    ("MI", "26", gettext_noop("Michigan")),
    ("MN", "27", gettext_noop("Minnesota")),
    ("MS", "28", gettext_noop("Mississippi")),
    ("MO", "29", gettext_noop("Missouri")),
    ("MT", "30", gettext_noop("Montana")),
    ("NE", "31", gettext_noop("Nebraska")),
    ("NV", "32", gettext_noop("Nevada")),
    ("NH", "33", gettext_noop("New Hampshire")),
    ("NJ", "34", gettext_noop("New Jersey")),
    ("NM", "35", gettext_noop("New Mexico")),
    ("NY", "36", gettext_noop("New York")),
    ("NC", "37", gettext_noop("North Carolina")),
    ("ND", "38", gettext_noop("North Dakota")),
    ("OH", "39", gettext_noop("Ohio")),
    ("OK", "40", gettext_noop("Oklahoma")),
    ("OR", "41", gettext_noop("Oregon")),
    ("PA", "42", gettext_noop("Pennsylvania")),
    ("RI", "44", gettext_noop("Rhode Island")),
    ("SC", "45", gettext_noop("South Carolina")),
    ("SD", "46", gettext_noop("South Dakota")),
    ("TN", "47", gettext_noop("Tennessee")),
    ("TX", "48", gettext_noop("Texas")),
    ("UT", "49", gettext_noop("Utah")),
    ("VT", "50", gettext_noop("Vermont")),
    ("VA", "51", gettext_noop("Virginia")),
    ("WA", "53", gettext_noop("Washington")),
    ("WV", "54", gettext_noop("West Virginia")),
    ("WI", "55", gettext_noop("Wisconsin")),
    ("WY", "56", gettext_noop("Wyoming")),
]
_NON_STATES = [
    ("DC", "11", gettext_noop("District of Columbia"), "Delegate"),
    ("PR", "72", gettext_noop("Puerto Rico"), "Resident Commissioner"),
    ("GU", "66", gettext_noop("Guam"), "Delegate"),
    ("VI", "78", gettext_noop("U.S. Virgin Islands"), "Delegate"),
    ("AS", "60", gettext_noop("American Samoa"), "Delegate"),
    ("MP", "69", gettext_noop("Northern Mariana Islands"), "Delegate"),
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


def state_label(state: str) -> str:
    """A state's or territory's name for people, in the active language ("Nueva York")."""
    jurisdiction = JURISDICTIONS.get(state)
    return _(jurisdiction.name) if jurisdiction else state


def seat_label(state: str, district: int | None) -> str:
    """A seat's name for people, in the active language (``seat_name`` is the stored one)."""
    jurisdiction = JURISDICTIONS.get(state)
    if jurisdiction is None or district is None or jurisdiction.delegate_title:
        return state_label(state)
    if district == 0:
        return _("%(state)s (at large)") % {"state": state_label(state)}
    return _("%(state)s, district %(number)s") % {"state": state_label(state), "number": district}


# The titles the officials sync stores (officials/services.py), for people to read.
_TITLES = {
    "Senator": gettext_lazy("Senator"),
    "Representative": gettext_lazy("Representative"),
    "Delegate": gettext_lazy("Delegate"),
    "Resident Commissioner": gettext_lazy("Resident Commissioner"),
}


# The same titles for a woman and for a man, where the language says which ("Senadora").
_GENDERED_TITLES = {
    "F": {
        "Senator": pgettext_lazy("a woman's title", "Senator"),
        "Representative": pgettext_lazy("a woman's title", "Representative"),
        "Delegate": pgettext_lazy("a woman's title", "Delegate"),
        "Resident Commissioner": pgettext_lazy("a woman's title", "Resident Commissioner"),
    },
    "M": {
        "Senator": pgettext_lazy("a man's title", "Senator"),
        "Representative": pgettext_lazy("a man's title", "Representative"),
        "Delegate": pgettext_lazy("a man's title", "Delegate"),
        "Resident Commissioner": pgettext_lazy("a man's title", "Resident Commissioner"),
    },
}


def title_label(title: str, gender: str = "") -> str:
    """An official's stored title in the active language, for their gender when the data
    gives it; any other title (a custom target's, written by the organizer) as it is."""
    label = _GENDERED_TITLES.get(gender, {}).get(title) or _TITLES.get(title)
    return title if label is None else str(label)


def seat_name(state: str, district: int) -> str:
    jurisdiction = JURISDICTIONS[state]
    if jurisdiction.delegate_title:
        return jurisdiction.name
    if district == 0:
        return f"{jurisdiction.name} (at large)"
    return f"{jurisdiction.name} district {district}"
