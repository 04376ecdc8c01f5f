"""The labelled numbers of a campaign, counted from its rows: one definition for every surface.

The live counters (``counters.py``), the dashboard, its summary CSV and the API
all take their figures from ``Tally``, so the page, the CSV and the API cannot
disagree about what a number means. ``docs/counting.md`` defines each one.

* **Fans who acted**: distinct supporters with at least one counted act they
  report themselves (a call, a letter, a conversation). A click alone does not
  make a fan.
* **Actions**: those self-reported acts (calls logged, letters sent,
  conversations): the headline, and what the goal is measured in.
* **Clicks**: share screens opened and donation links followed, at most one per
  fan per network or organization. We cannot see whether anything was posted or
  given, so they are never added to the actions.
* **Opt-ins**: people who asked to be kept posted.
* **Excluded**: acts stored but left out of every count, by reason (``Flag``);
  skipped calls are neither counted nor excluded: the fan said they did not call.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from takeaction.actions.models import CLICKS, SELF_REPORTED, ActionEvent, Outcome
from takeaction.campaigns.verbs import Verb
from takeaction.officials.geography import JURISDICTIONS
from takeaction.supporters.models import Signup

# What each verb's count is called wherever it is shown: what it proves, not the button.
COUNT_LABELS = {
    Verb.CALL: _("calls logged"),
    Verb.WRITE: _("letters sent"),
    Verb.TALK: _("conversations logged"),
    Verb.SHARE: _("share screens opened"),
    Verb.DONATE: _("donation links followed"),
}
# The same, for a count on a page: "1 call logged", "2 calls logged".
_COUNTED = {
    Verb.CALL: lambda n: ngettext("call logged", "calls logged", n),
    Verb.WRITE: lambda n: ngettext("letter sent", "letters sent", n),
    Verb.TALK: lambda n: ngettext("conversation logged", "conversations logged", n),
    Verb.SHARE: lambda n: ngettext("share screen opened", "share screens opened", n),
    Verb.DONATE: lambda n: ngettext("donation link followed", "donation links followed", n),
}


@dataclass(frozen=True)
class Tally:
    fans: int
    by_verb: dict[str, int]
    optins: int
    by_state: dict[str, int] = field(default_factory=dict)
    excluded: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    @property
    def actions(self) -> int:
        return sum(self.by_verb.get(verb, 0) for verb in SELF_REPORTED)

    @property
    def clicks(self) -> int:
        return sum(self.by_verb.get(verb, 0) for verb in CLICKS)

    def labelled(self, verb) -> tuple[str, str, int]:
        """(key, what the count is called, count) of one verb, as pages show it."""
        n = self.by_verb.get(verb.value, 0)
        return verb.value, _COUNTED[verb](n), n

    def public(self) -> dict:
        """The figures the public page shows (``counts.json``)."""
        return {
            "fans": self.fans,
            "actions": self.actions,
            "clicks": self.clicks,
            "optins": self.optins,
            "by_verb": self.by_verb,
            "by_state": self.by_state,
        }

    def summary(self) -> list[tuple[str, int]]:
        """(name, value) of every labelled number, in the order of docs/counting.md."""
        rows = [
            ("fans_who_acted", self.fans),
            ("actions", self.actions),
            ("calls_logged", self.by_verb.get(Verb.CALL, 0)),
            ("letters_sent", self.by_verb.get(Verb.WRITE, 0)),
            ("conversations_logged", self.by_verb.get(Verb.TALK, 0)),
            ("clicks", self.clicks),
            ("share_screens_opened", self.by_verb.get(Verb.SHARE, 0)),
            ("donation_links_followed", self.by_verb.get(Verb.DONATE, 0)),
            ("optins", self.optins),
            ("calls_skipped", self.skipped),
            ("excluded", sum(self.excluded.values())),
        ]
        return rows + [(f"excluded_{flag}", n) for flag, n in sorted(self.excluded.items())]


def kind_of(outcome: str, flag: str) -> str:
    """Where a stored act counts: its flag (excluded), "skipped", or "counted"."""
    if flag:
        return flag
    return "skipped" if outcome == Outcome.SKIPPED else "counted"


def tally_of_groups(groups, *, fans: int, optins: int) -> Tally:
    """A ``Tally`` from (verb, kind, state, n) groups: one definition for rows and rollups."""
    by_verb = dict.fromkeys(Verb.values, 0)
    by_state: dict[str, int] = {}
    excluded: dict[str, int] = {}
    skipped = 0
    for verb, kind, state, n in groups:
        if kind == "skipped":
            skipped += n
        elif kind != "counted":
            excluded[kind] = excluded.get(kind, 0) + n
        else:
            by_verb[verb] = by_verb.get(verb, 0) + n
            if verb in SELF_REPORTED and state in JURISDICTIONS:
                by_state[state] = by_state.get(state, 0) + n
    return Tally(
        fans=fans,
        by_verb=by_verb,
        optins=optins,
        by_state={state: n for state, n in by_state.items() if n},
        excluded={flag: n for flag, n in excluded.items() if n},
        skipped=skipped,
    )


def tally_rows(events, signups=None) -> Tally:
    """Count ``events`` (a queryset of one campaign's ``ActionEvent``) and ``signups``.

    The reference the rollups are checked against (``rollups.py`` reads the same
    numbers from the folded tables). Three aggregate queries (two without
    ``signups``), each over every row: the rows grouped by what decides where they
    count, the distinct fans, the opt-ins.
    """
    groups = events.values_list("verb", "outcome", "flag", "state").annotate(n=Count("id"))
    return tally_of_groups(
        (
            (verb, kind_of(outcome, flag), state, n)
            for verb, outcome, flag, state, n in groups.order_by()
        ),
        fans=events.fan_acts().values("supporter").distinct().count(),
        optins=signups.count() if signups is not None else 0,
    )


def campaign_tally(campaign) -> Tally:
    """Every labelled number of ``campaign``, from all its rows."""
    return tally_rows(
        ActionEvent.objects.filter(campaign=campaign), Signup.objects.filter(campaign=campaign)
    )
