"""Validation of action POSTs: every field checked against what the campaign offers."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from takeaction.actions.models import OUTCOMES_BY_VERB, ActionEvent, Flag, Outcome
from takeaction.campaigns.verbs import Verb
from takeaction.core.forms import HoneypotField, fields_shared, filled_by_bot
from takeaction.core.timing import seconds_since_load
from takeaction.officials.snapshot import current_snapshot, seat_key_for

_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
_CUSTOM = re.compile(r"^custom:([0-9]{1,12})$")


class GuardedForm(forms.Form):
    """The fields every counted act carries against bots: the honeypot and the page's timing."""

    website = HoneypotField()
    issued = forms.CharField(max_length=200, required=False)  # core.timing.page_stamp
    elapsed = forms.CharField(max_length=20, required=False)  # ms, filled by the page script

    def flag(self, device: str) -> str:
        """Why this valid act must not be counted (a ``Flag``), or "" (docs/counting.md)."""
        if filled_by_bot(self):
            return Flag.HONEYPOT
        if device == ActionEvent.Device.BOT:
            return Flag.BOT
        seconds = seconds_since_load(self.cleaned_data["issued"], self.cleaned_data["elapsed"])
        if seconds is None:
            return Flag.UNTIMED
        if seconds < settings.ACTION_MIN_SECONDS:
            return Flag.TOO_FAST
        return ""


@fields_shared
class LinkOutForm(GuardedForm):
    """A share screen or donation link the fan opens: nothing but the guard."""

    instance = forms.CharField(max_length=300, required=False)  # a Mastodon server


@fields_shared  # it never changes its fields: an instance costs no deep copy
class ActionForm(GuardedForm):
    verb = forms.ChoiceField(choices=Verb.choices)
    outcome = forms.ChoiceField(choices=Outcome.choices)
    target = forms.CharField(max_length=40, required=False)
    division = forms.CharField(max_length=100, required=False)
    next = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.place = ("", None)

    def clean_next(self):
        # Only ever back to this campaign's own pages: never an open redirect.
        value = self.cleaned_data.get("next") or ""
        prefix = self.campaign.get_absolute_url()
        if value.startswith(prefix) and "//" not in value and "\\" not in value:
            return value
        return prefix

    def clean(self):
        data = super().clean()
        verb, outcome = data.get("verb"), data.get("outcome")
        if not verb or not outcome:
            return data
        if verb not in {v.value for v in self.campaign.enabled_verbs()}:
            raise forms.ValidationError(_("This campaign does not ask for that."), "verb_off")
        if outcome not in OUTCOMES_BY_VERB[Verb(verb)]:
            raise forms.ValidationError(_("That result does not fit this action."), "outcome")
        if verb in (Verb.CALL, Verb.WRITE):
            data["target"] = self._clean_official_target(data.get("target", ""))
            self._clean_place(data["target"], data.get("division", ""))
        elif verb == Verb.TALK:
            data["target"] = ""
        else:
            raise forms.ValidationError(_("Use the campaign's links for that."), "verb_via_link")
        return data

    def _clean_official_target(self, target: str) -> str:
        custom = _CUSTOM.match(target)
        if custom and self.campaign.custom_targets.filter(pk=int(custom.group(1))).exists():
            return target
        if (
            _BIOGUIDE.match(target)
            and self.campaign.uses_congress
            and target in current_snapshot().officials
        ):
            return target
        raise forms.ValidationError(_("We don't know who that is. Look them up again."), "target")

    def _clean_place(self, target: str, division: str) -> None:
        """Keep only the state and district: from the official, or the fan's chosen seat."""
        official = current_snapshot().officials.get(target) if _BIOGUIDE.match(target) else None
        seat = seat_key_for(division) if division else None
        if official is None:
            self.place = seat if seat else ("", None)
        elif official.district is not None:
            self.place = (official.state, official.district)
        elif seat and seat[0] == official.state:
            self.place = seat
        else:
            self.place = (official.state, None)
