"""Reads about acts: a supporter's progress and what their referral link brought."""

from dataclasses import dataclass

from django.db.models import Count

from takeaction.actions import tilemap
from takeaction.actions.counters import counts_get
from takeaction.actions.models import SELF_REPORTED, ActionEvent


@dataclass(frozen=True)
class Progress:
    done_verbs: frozenset[str]
    enabled: int

    @property
    def done(self) -> int:
        return len(self.done_verbs)

    @property
    def acted(self) -> bool:
        """Called, written or talked: the share text that says so is theirs to post."""
        return bool(self.done_verbs & set(SELF_REPORTED))


@dataclass(frozen=True)
class ReferralCredit:
    people: int
    actions: int


def supporter_progress(*, supporter, campaign) -> Progress:
    """Which of the campaign's verbs this supporter has done ("you did 3 of 5")."""
    enabled = {verb.value for verb in campaign.enabled_verbs()}
    if supporter is None:
        return Progress(frozenset(), len(enabled))
    verbs = (
        ActionEvent.objects.counted()
        .filter(supporter=supporter, campaign=campaign)
        .values_list("verb", flat=True)
        .distinct()
    )
    return Progress(frozenset(verbs) & enabled, len(enabled))


def supporter_has_acted(*, supporter, campaign) -> bool:
    """Whether this supporter has a counted call, letter or conversation on the campaign."""
    return ActionEvent.objects.filter(supporter=supporter, campaign=campaign).fan_acts().exists()


def referral_credit(*, supporter, campaign) -> ReferralCredit:
    """People brought to this campaign by the supporter's link, directly or down the chain."""
    if supporter is None:
        return ReferralCredit(0, 0)
    totals = (
        ActionEvent.objects.counted()
        .filter(campaign=campaign, referral_chain__contains=f"/{supporter.referral_code}/")
        .aggregate(people=Count("supporter", distinct=True), actions=Count("id"))
    )
    return ReferralCredit(totals["people"], totals["actions"])


def call_outcomes(*, supporter, campaign, targets: list[str] | None = None) -> dict[str, str]:
    """Map each target (of ``targets``, or any) this supporter called to the latest outcome."""
    if supporter is None or targets == []:
        return {}
    rows = ActionEvent.objects.filter(supporter=supporter, campaign=campaign, verb="call")
    if targets is not None:
        rows = rows.filter(target__in=targets)
    return dict(rows.order_by("created_at").values_list("target", "outcome"))


def page_counts(campaign) -> dict:
    """Template context for the campaign page's live counts panel (from the cache)."""
    counts = counts_get(campaign.pk)
    verbs = campaign.enabled_verbs()
    return {
        "counts": counts,
        "acts": [counts.labelled(verb) for verb in verbs if verb in SELF_REPORTED],
        "clicks": [counts.labelled(verb) for verb in verbs if verb not in SELF_REPORTED],
        "goal_value": campaign.goal_progress(counts.actions),
        "tiles": tilemap.tiles(counts.by_state),
        "map_width": tilemap.WIDTH,
        "map_height": tilemap.HEIGHT,
    }
