"""A new fan's first act: the rows written in one statement are the rows the ORM would write."""

import pytest
from django.core import checks
from django.db import IntegrityError, connection
from django.db.models.signals import post_save, pre_save
from django.forms.models import model_to_dict

from takeaction.actions.first_act import first_act_insert, first_act_signals
from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act, action_record
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Attribution, Supporter

pytestmark = pytest.mark.django_db

CALL = Act(verb="call", outcome=Outcome.VOICEMAIL, target="N000002", state="NY", district=12)


@pytest.fixture
def campaign():
    return CampaignFactory(ask="Please tweet, talk, call, write, donate.")


def stored(obj):
    """Every column of ``obj``'s row as the database has it."""
    return in_memory(type(obj).objects.get(pk=obj.pk))


def _columns(obj):
    return [f.name for f in obj._meta.concrete_fields]


def in_memory(obj):
    return model_to_dict(obj, fields=_columns(obj)) | {"created_at": obj.created_at}


def first_act(campaign, act=CALL, *, src="", r=""):
    return action_record(
        campaign=campaign, public_id=None, act=act, source_code=src, referrer_code=r
    )


def test_a_new_fan_without_a_first_touch_is_a_supporter_and_an_event(campaign):
    recorded = first_act(campaign)
    assert recorded.created and recorded.new_supporter
    event, supporter = recorded.event, recorded.supporter
    assert stored(event) == in_memory(event)
    assert stored(supporter) == in_memory(supporter)
    assert event.supporter_id == supporter.pk and event.campaign_id == campaign.pk
    assert (event.verb, event.outcome, event.target) == ("call", "voicemail", "N000002")
    assert (event.state, event.district, event.source_code, event.referral_depth) == (
        "NY",
        12,
        "",
        0,
    )
    assert event.created_at == supporter.created_at and event.created_at.tzinfo is not None
    assert not Attribution.objects.exists()
    assert not event._state.adding and not supporter._state.adding


def test_a_new_fan_from_a_post_and_a_friend_gets_the_whole_chain(campaign):
    first = first_act(campaign, src="story-0622").supporter
    friend = first_act(campaign, r=first.referral_code).supporter
    recorded = first_act(campaign, src="ignored-for-the-chain", r=friend.referral_code)
    event = recorded.event
    assert stored(event) == in_memory(event)
    assert event.referral_chain == f"/{first.referral_code}/{friend.referral_code}/"
    assert (event.referral_depth, event.chain_source) == (2, "story-0622")
    assert event.source_code == "ignored-for-the-chain"
    attribution = Attribution.objects.get(supporter=recorded.supporter)
    assert attribution.referrer == friend and attribution.created_at == event.created_at
    assert (attribution.referral_chain, attribution.referral_depth) == (
        event.referral_chain,
        event.referral_depth,
    )
    assert Attribution.objects.count() == 3
    # The fan's next act copies the first touch from the first one.
    talk = Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)
    again = action_record(campaign=campaign, public_id=str(recorded.supporter.public_id), act=talk)
    assert not again.new_supporter
    assert (again.event.source_code, again.event.referral_chain) == (
        "ignored-for-the-chain",
        event.referral_chain,
    )


def test_a_cookie_naming_nobody_starts_a_new_fan(campaign):
    recorded = action_record(
        campaign=campaign, public_id="4f1c0d4e-0000-4000-8000-000000000000", act=CALL
    )
    assert recorded.new_supporter and Supporter.objects.get() == recorded.supporter


def test_a_new_fans_rows_are_one_statement_on_postgresql(campaign, django_assert_num_queries):
    # SQLite can't chain INSERTs: the same three rows in one transaction (under the
    # test's own transaction, SAVEPOINT and RELEASE around the three INSERTs).
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 5):
        first_act(campaign, src="story-0622")
    assert Attribution.objects.count() == 1 and ActionEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_when_one_row_fails_none_is_kept():
    supporter = Supporter()
    event = ActionEvent(campaign_id=987654, supporter=supporter, verb="talk", outcome="sent")
    with pytest.raises(IntegrityError):  # no such campaign
        first_act_insert(supporter, None, event)
    assert not Supporter.objects.exists() and not ActionEvent.objects.exists()


def test_no_receiver_listens_to_the_save_signals_skipped_here():
    assert first_act_signals() == []
    assert [
        e for e in checks.run_checks(tags=[checks.Tags.signals]) if e.id == "actions.E001"
    ] == []


@pytest.mark.parametrize(
    ("signal", "model"),
    [(post_save, ActionEvent), (pre_save, Supporter), (post_save, Attribution), (post_save, None)],
    ids=["post_save ActionEvent", "pre_save Supporter", "post_save Attribution", "every model"],
)
def test_a_receiver_of_a_skipped_save_signal_is_a_startup_error(signal, model):
    def receiver(sender, **kwargs):
        pass

    signal.connect(receiver, sender=model, dispatch_uid="test-first-act")
    try:
        errors = [
            e for e in checks.run_checks(tags=[checks.Tags.signals]) if e.id == "actions.E001"
        ]
    finally:
        signal.disconnect(sender=model, dispatch_uid="test-first-act")
    assert errors and all(e.level == checks.ERROR for e in errors)
    named = {e.obj for e in errors}
    assert named == ({model} if model else {Supporter, Attribution, ActionEvent})
    assert "without save()" in errors[0].msg
    assert first_act_signals() == []
