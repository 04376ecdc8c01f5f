"""Recording acts: durable rows, de-duplication, first-touch attribution, chains, counts."""

import contextlib
import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from takeaction.actions.counters import counts_get
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act, action_record
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Attribution, Supporter

pytestmark = pytest.mark.django_db

CALL = Act(verb="call", outcome=Outcome.TALKED, target="N000002", state="NY", district=12)


@pytest.fixture
def campaign():
    return CampaignFactory(ask="Please tweet, talk, call, write, donate.")


def record(campaign, supporter, act=CALL, *, src="", r="", commit=None):
    """Record ``act``; with ``commit``, run the after-commit work (counters) too."""
    with commit(execute=True) if commit else contextlib.nullcontext():
        return action_record(
            campaign=campaign,
            public_id=str(supporter.public_id),
            act=act,
            source_code=src,
            referrer_code=r,
        )


def test_an_act_is_one_row_with_place_and_attribution(campaign):
    supporter = Supporter.objects.create()
    recorded = record(campaign, supporter, src="story-0622")
    event = ActionEvent.objects.get()
    assert recorded.created and event == recorded.event
    assert (event.verb, event.outcome, event.target) == ("call", "talked", "N000002")
    assert (event.state, event.district, event.source_code) == ("NY", 12, "story-0622")


def test_same_act_within_ten_minutes_counts_once(campaign):
    supporter = Supporter.objects.create()
    first = record(campaign, supporter)
    again = record(
        campaign, supporter, Act(verb="call", outcome=Outcome.VOICEMAIL, target="N000002")
    )
    assert not again.created and again.event == first.event
    assert ActionEvent.objects.count() == 1


def test_after_ten_minutes_it_is_a_new_act(campaign):
    supporter = Supporter.objects.create()
    first = record(campaign, supporter).event
    ActionEvent.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert record(campaign, supporter).created
    assert ActionEvent.objects.count() == 2


def test_other_targets_and_other_supporters_are_separate_acts(campaign):
    one, two = Supporter.objects.create(), Supporter.objects.create()
    record(campaign, one)
    record(campaign, one, Act(verb="call", outcome=Outcome.TALKED, target="S000148"))
    record(campaign, two)
    assert ActionEvent.objects.count() == 3


def test_a_skipped_call_can_still_be_made_and_is_not_counted(campaign):
    supporter = Supporter.objects.create()
    skipped = record(campaign, supporter, Act(verb="call", outcome=Outcome.SKIPPED, target="X"))
    assert skipped.created and not skipped.event.counts
    made = record(campaign, supporter, Act(verb="call", outcome=Outcome.TALKED, target="X"))
    assert made.created
    assert ActionEvent.objects.counted().count() == 1


def test_first_touch_wins_for_source_and_referrer(campaign):
    friend = Supporter.objects.create()
    fan = Supporter.objects.create()
    record(campaign, fan, src="first-post", r=friend.referral_code)
    later = record(campaign, fan, Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE), src="second")
    assert later.event.source_code == "first-post"
    assert later.event.referrer_code == friend.referral_code
    assert Attribution.objects.count() == 1


def test_referral_chain_credits_everyone_up_the_chain_with_depth(campaign):
    a, b, c = (Supporter.objects.create() for _ in range(3))
    record(campaign, a)
    record(campaign, b, r=a.referral_code)
    event = record(campaign, c, r=b.referral_code).event
    assert event.referrer_code == b.referral_code
    assert event.referral_chain == f"/{a.referral_code}/{b.referral_code}/"
    assert event.referral_depth == 2


def test_self_referral_unknown_codes_and_loops_are_ignored(campaign):
    a, b = Supporter.objects.create(), Supporter.objects.create()
    assert record(campaign, a, r=a.referral_code).event.referrer_code == ""
    assert record(campaign, b, r="nobody123").event.referrer_code == ""
    # b was not referred by a, so b -> a is fine; but a loop back to a later is not.
    c = Supporter.objects.create()
    record(campaign, c, r=a.referral_code)
    assert Attribution.objects.get(supporter=c).referral_depth == 1


def test_counts_go_up_after_commit_and_survive_losing_the_cache(
    campaign, django_capture_on_commit_callbacks
):
    supporter = Supporter.objects.create()
    assert counts_get(campaign.pk).actions == 0
    record(campaign, supporter, commit=django_capture_on_commit_callbacks)
    talk = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
    record(campaign, supporter, talk, commit=django_capture_on_commit_callbacks)
    counts = counts_get(campaign.pk)
    assert counts.actions == 2 and counts.fans == 1
    assert counts.by_verb["call"] == 1 and counts.by_verb["talk"] == 1
    assert counts.by_state == {"NY": 1}
    cache.clear()  # a restart, an eviction, a new node
    assert counts_get(campaign.pk).public() == counts.public()


def test_duplicates_and_skips_do_not_move_the_counts(campaign, django_capture_on_commit_callbacks):
    supporter = Supporter.objects.create()
    counts_get(campaign.pk)
    for _ in range(3):
        record(campaign, supporter, commit=django_capture_on_commit_callbacks)
    skip = Act(verb="call", outcome=Outcome.SKIPPED, target="S000148")
    record(campaign, supporter, skip, commit=django_capture_on_commit_callbacks)
    assert counts_get(campaign.pk).actions == 1
