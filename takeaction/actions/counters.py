"""Live counts, kept in the cache and rebuilt from the rollups when lost or stale.

The campaign page never counts rows per request. The labelled numbers of
``tally.py`` live in the cache as one integer each (fans, actions, opt-ins, each
verb, each state); each recorded act increments them after its row commits. When
the cache is empty (a restart, an eviction, a new node), the first reader rebuilds
them from the rollups the dashboard reads (``rollups.py``, after folding what is
waiting), so the totals always come from the durable rows, at a cost that does
not grow with them. A
resync interval bounds drift: with a per-process memory cache each process only
sees its own increments, so it re-reads the rows every few seconds; with Redis,
every node shares exact counters and resyncs rarely.

An increment that fails (the cache down, or Redis away so that it went to this
process's memory instead) never fails the act: its row is committed already. The
campaign is marked stale in this process and its counters are rebuilt from the
rows by the next read once the shared cache answers again.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from takeaction.actions.models import SELF_REPORTED
from takeaction.actions.rollups import fans_folded, rollups_catch_up, tally_folded
from takeaction.actions.tally import Tally
from takeaction.campaigns.verbs import Verb
from takeaction.officials.geography import JURISDICTIONS
from takeaction.supporters.models import Signup

logger = logging.getLogger(__name__)

_PREFIX = "counts:v2:{campaign_id}:"
_TOTALS = ("fans", "optins")
# Campaigns whose shared counters missed an increment in this process.
_stale: set[int] = set()


def _keys(campaign_id: int) -> dict[str, str]:
    prefix = _PREFIX.format(campaign_id=campaign_id)
    keys = {"built": prefix + "built"}
    keys |= {name: prefix + name for name in _TOTALS}
    keys |= {f"verb:{verb}": f"{prefix}verb:{verb}" for verb in Verb.values}
    keys |= {f"state:{state}": f"{prefix}state:{state}" for state in JURISDICTIONS}
    return keys


def _resync_seconds() -> int:
    return settings.ACTION_COUNTS_RESYNC_SECONDS


def _shared_cache_answers() -> bool:
    # core.cache.ResilientRedisCache says False while it serves from this process's memory.
    return getattr(cache, "redis_available", True)


def counts_rebuild(campaign_id: int) -> Tally:
    """Read the campaign's totals from its rollups and store them in the cache."""
    rollups_catch_up(campaign_id)
    tally = tally_folded(
        campaign_id,
        fans=fans_folded(campaign_id),
        optins=Signup.objects.filter(campaign_id=campaign_id).count(),
    )
    keys = _keys(campaign_id)
    values = {keys["fans"]: tally.fans, keys["optins"]: tally.optins}
    values |= {keys[f"verb:{verb}"]: n for verb, n in tally.by_verb.items()}
    values |= {keys[f"state:{state}"]: tally.by_state.get(state, 0) for state in JURISDICTIONS}
    # The counters themselves never expire; the marker decides when to re-read the rows.
    cache.set_many(values, timeout=None)
    cache.set(keys["built"], 1, timeout=_resync_seconds())
    if _shared_cache_answers():
        _stale.discard(campaign_id)
    return tally


def counts_get(campaign_id: int) -> Tally:
    """Return the campaign's counts from the cache (one round trip), rebuilding if needed."""
    if campaign_id in _stale and _shared_cache_answers():
        return counts_rebuild(campaign_id)
    keys = _keys(campaign_id)
    found = cache.get_many(list(keys.values()))
    if keys["built"] not in found or keys["fans"] not in found:
        return counts_rebuild(campaign_id)
    return _tally_of(found, keys)


def counts_peek(campaign_id: int) -> Tally | None:
    """The counters as they stand, due for a re-read or not, or None; never reads the rows.

    For figures shown beside others (the dashboard's comparison), where re-reading every
    campaign's rows whenever their counters are due would cost more than the page.
    """
    keys = _keys(campaign_id)
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        return None
    return _tally_of(found, keys) if keys["fans"] in found else None


def _tally_of(found: dict, keys: dict) -> Tally:
    return Tally(
        fans=found[keys["fans"]],
        optins=found.get(keys["optins"], 0),
        by_verb={verb: found.get(keys[f"verb:{verb}"], 0) for verb in Verb.values},
        by_state={
            state: found[keys[f"state:{state}"]]
            for state in JURISDICTIONS
            if found.get(keys[f"state:{state}"])
        },
    )


def counts_add(campaign_id: int, verb: str, state: str, *, new_fan: bool = False) -> None:
    """Count one more act (call after its row has committed); never raises."""
    prefix = _PREFIX.format(campaign_id=campaign_id)  # the keys of _keys, only those needed
    names = [f"{prefix}verb:{verb}"]
    if verb in SELF_REPORTED and state in JURISDICTIONS:
        names.append(f"{prefix}state:{state}")
    if new_fan:
        names.append(prefix + "fans")
    _increment(campaign_id, names)


def optins_add(campaign_id: int) -> None:
    """Count one more opt-in (after its row has committed); never raises."""
    _increment(campaign_id, [_PREFIX.format(campaign_id=campaign_id) + "optins"])


def optin_counted(sender, signup, **kwargs) -> None:
    """Receiver of ``core.events.optin_recorded``: count the new opt-in."""
    optins_add(signup.campaign_id)


def _increment(campaign_id: int, names: list[str]) -> None:
    try:
        for name in names:
            cache.incr(name)
    except ValueError:
        # A counter is missing (evicted, never built): let the next reader rebuild.
        _forget_built(campaign_id)
        return
    except Exception:  # the act is committed: a broken cache must not fail its answer
        logger.warning("Could not count campaign %s's act in the cache", campaign_id, exc_info=True)
        _stale.add(campaign_id)
        _forget_built(campaign_id)
        return
    if not _shared_cache_answers():
        _stale.add(campaign_id)  # it went to this process's memory, not to Redis


def counts_forget(campaign_id: int) -> None:
    """Have the next reader rebuild the campaign's counters (after counts went down)."""
    _forget_built(campaign_id)
    _stale.add(campaign_id)  # and this process, even if the cache did not answer


def _forget_built(campaign_id: int) -> None:
    try:
        cache.delete(_PREFIX.format(campaign_id=campaign_id) + "built")
    except Exception:
        _stale.add(campaign_id)


def counts_stale_clear() -> None:
    """Forget which campaigns this process marked stale (tests)."""
    _stale.clear()
