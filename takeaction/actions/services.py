"""Recording acts: one durable row each, de-duplicated, attributed, then counted."""

import datetime
from dataclasses import dataclass

from django.db import router, transaction
from django.utils import timezone

from takeaction.actions.counters import counts_add, counts_forget
from takeaction.actions.first_act import first_act_insert
from takeaction.actions.folding import rollups_subtract
from takeaction.actions.models import CLICKS, ActionEvent, FanDay, FanFold, Outcome
from takeaction.core.events import action_recorded, send_after_commit
from takeaction.supporters.models import Attribution, Supporter
from takeaction.supporters.services import (
    attribution_ensure,
    attribution_resolve,
    supporter_find,
)

# A double tap, a reload or a second click on the same thing is one act.
DEDUPE_WINDOW = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Act:
    """What a supporter did, already validated by the view's form."""

    verb: str
    outcome: str
    target: str = ""
    state: str = ""
    district: int | None = None
    device: str = ActionEvent.Device.OTHER
    # Why the act is stored but not counted (``Flag``), or "" for a counted act.
    flag: str = ""


@dataclass(frozen=True)
class Recorded:
    event: ActionEvent
    created: bool
    supporter: Supporter
    new_supporter: bool


def action_record(
    *, campaign, public_id: str | None, act: Act, source_code: str = "", referrer_code: str = ""
) -> Recorded:
    """Store one act for the supporter a cookie names (or a new one); return after commit.

    The same supporter, verb and target within ten minutes is the same act (a
    skipped call may still be followed by a real one); a click (a share screen, a
    donation link) is one per fan and target, ever. A flagged act never hides a
    later clean one: that one is stored and counted. An existing supporter's row
    is locked first (PostgreSQL; SQLite serialises all writers), so two
    simultaneous taps cannot both be counted. Every act carries the supporter's
    first touch on the campaign: a later act copies it from an earlier one, since
    only a first touch with a source or a referrer has an ``Attribution`` row. A
    new supporter has nothing to de-duplicate: their rows are written together
    (``first_act.py``: one statement on PostgreSQL).
    """
    if public_id:
        with transaction.atomic():
            supporter = supporter_find(public_id=public_id, for_update=True)
            if supporter is not None:
                return _record_again(campaign, supporter, act, source_code, referrer_code)
    supporter = Supporter()
    attribution = attribution_resolve(
        supporter=supporter,
        campaign=campaign,
        source_code=source_code,
        referrer_code=referrer_code,
    )
    event = _event(campaign, supporter, act, attribution)
    first_act_insert(supporter, attribution if attribution.worth_storing else None, event)
    _announce(campaign, act, event, new_fan=event.fan_act)
    return Recorded(event, True, supporter, True)


def _record_again(campaign, supporter, act: Act, source_code: str, referrer_code: str):
    """An existing supporter's act, in the transaction that locked their row."""
    acts_here = ActionEvent.objects.filter(supporter=supporter, campaign=campaign)
    same = acts_here.filter(verb=act.verb, target=act.target)
    if act.verb not in CLICKS:
        same = same.filter(created_at__gte=timezone.now() - DEDUPE_WINDOW)
    if not act.flag:
        same = same.filter(flag="")
    recent = same.order_by("-created_at").first()
    if recent is not None and (recent.outcome != Outcome.SKIPPED or act.outcome == Outcome.SKIPPED):
        return Recorded(recent, False, supporter, False)
    # Any earlier act here will do (unordered, so the index on supporter and campaign
    # serves it): they all carry the same first touch.
    earlier = recent or next(iter(acts_here.order_by()[:1]), None)
    attribution = earlier or attribution_ensure(
        supporter=supporter,
        campaign=campaign,
        source_code=source_code,
        referrer_code=referrer_code,
    )
    event = _event(campaign, supporter, act, attribution)
    new_fan = event.fan_act and not acts_here.fan_acts().exists()
    event.save(force_insert=True)
    _announce(campaign, act, event, new_fan=new_fan)
    return Recorded(event, True, supporter, False)


def _event(campaign, supporter, act: Act, attribution) -> ActionEvent:
    """The unsaved event for ``act``, carrying the first touch of ``attribution``."""
    return ActionEvent(
        campaign=campaign,
        supporter=supporter,
        verb=act.verb,
        outcome=act.outcome,
        target=act.target,
        source_code=attribution.source_code,
        referrer_code=attribution.referrer_code,
        referral_chain=attribution.referral_chain,
        referral_depth=attribution.referral_depth,
        chain_source=attribution.chain_source,
        state=act.state,
        district=act.district,
        device=act.device,
        flag=act.flag,
    )


def _announce(campaign, act: Act, event: ActionEvent, *, new_fan: bool) -> None:
    """Count the act and tell listeners, once it is committed (at once outside a transaction)."""
    if event.counts:
        transaction.on_commit(lambda: counts_add(campaign.pk, act.verb, act.state, new_fan=new_fan))
    # A flagged act is kept for the record but is not news: webhooks never hear of it.
    if not event.flag and action_recorded.has_listeners(ActionEvent):
        send_after_commit(action_recorded, ActionEvent, event=event)


def campaign_acts_erase(*, supporter: Supporter, campaign) -> int:
    """Delete every act of ``supporter`` on ``campaign`` and their first touch there; return
    how many acts went. Every count loses them at once: the rollups are given back what
    the fold added for them, in the same transaction, and the live counters are rebuilt.

    The supporter's row is locked first, as ``action_record`` locks it, so no act of
    theirs is recorded meanwhile; then their acts, which waits for a fold holding any
    of them (a fold skips the ones locked here: they are never folded).
    """
    alias = router.db_for_write(ActionEvent)
    with transaction.atomic(using=alias):
        Supporter.objects.using(alias).select_for_update().filter(pk=supporter.pk).first()
        mine = ActionEvent.objects.using(alias).filter(supporter=supporter, campaign=campaign)
        events = list(mine.select_for_update().order_by())
        fans = list(
            FanFold.objects.using(alias)
            .select_for_update()
            .filter(supporter=supporter, campaign=campaign)
        )
        rollups_subtract(alias, events, fans)
        FanFold.objects.using(alias).filter(pk__in=[fan.pk for fan in fans]).delete()
        FanDay.objects.using(alias).filter(supporter=supporter, campaign=campaign).delete()
        mine.delete()
        Attribution.objects.using(alias).filter(supporter=supporter, campaign=campaign).delete()
        transaction.on_commit(lambda: counts_forget(campaign.pk), using=alias)
    return len(events)
