"""Live action counts, kept in the cache and rebuilt from the rows when lost.

The campaign page never counts rows per request. Counts live in the cache as one
integer per total, verb and state; each recorded act increments them after its
row commits. When the cache is empty (a restart, an eviction, a new node), the
first reader rebuilds them with one aggregate query, so the totals always come
from the durable rows. A resync interval bounds drift: with a per-process memory
cache each process only sees its own increments, so it re-reads the rows every
few seconds; with Redis, every node shares exact counters and resyncs rarely.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.verbs import Verb
from takeaction.officials.geography import JURISDICTIONS

_PREFIX = "counts:v1:{campaign_id}:"


@dataclass(frozen=True)
class Counts:
    total: int
    by_verb: dict[str, int]
    by_state: dict[str, int]

    def as_dict(self) -> dict:
        return {"total": self.total, "by_verb": self.by_verb, "by_state": self.by_state}


def _keys(campaign_id: int) -> dict[str, str]:
    prefix = _PREFIX.format(campaign_id=campaign_id)
    keys = {"total": prefix + "total", "built": prefix + "built"}
    keys |= {f"verb:{verb}": f"{prefix}verb:{verb}" for verb in Verb.values}
    keys |= {f"state:{state}": f"{prefix}state:{state}" for state in JURISDICTIONS}
    return keys


def _resync_seconds() -> int:
    return settings.ACTION_COUNTS_RESYNC_SECONDS


def counts_rebuild(campaign_id: int) -> Counts:
    """Count the campaign's rows and store the totals in the cache."""
    rows = ActionEvent.objects.counted().filter(campaign_id=campaign_id)
    by_verb = dict(rows.values_list("verb").annotate(n=Count("id")).order_by())
    by_state = dict(rows.exclude(state="").values_list("state").annotate(n=Count("id")).order_by())
    counts = Counts(
        total=sum(by_verb.values()),
        by_verb={verb: by_verb.get(verb, 0) for verb in Verb.values},
        by_state={state: n for state, n in by_state.items() if state in JURISDICTIONS},
    )
    keys = _keys(campaign_id)
    values = {keys["total"]: counts.total}
    values |= {keys[f"verb:{verb}"]: n for verb, n in counts.by_verb.items()}
    values |= {keys[f"state:{state}"]: counts.by_state.get(state, 0) for state in JURISDICTIONS}
    # The counters themselves never expire; the marker decides when to re-read the rows.
    cache.set_many(values, timeout=None)
    cache.set(keys["built"], 1, timeout=_resync_seconds())
    return counts


def counts_get(campaign_id: int) -> Counts:
    """Return the campaign's counts from the cache (one round trip), rebuilding if needed."""
    keys = _keys(campaign_id)
    found = cache.get_many(list(keys.values()))
    if keys["built"] not in found or keys["total"] not in found:
        return counts_rebuild(campaign_id)
    return Counts(
        total=found[keys["total"]],
        by_verb={verb: found.get(keys[f"verb:{verb}"], 0) for verb in Verb.values},
        by_state={
            state: found[keys[f"state:{state}"]]
            for state in JURISDICTIONS
            if found.get(keys[f"state:{state}"])
        },
    )


def counts_add(campaign_id: int, verb: str, state: str) -> None:
    """Count one more act (call after its row has committed)."""
    prefix = _PREFIX.format(campaign_id=campaign_id)  # the keys of _keys, only those needed
    names = [prefix + "total", f"{prefix}verb:{verb}"]
    if state in JURISDICTIONS:
        names.append(f"{prefix}state:{state}")
    try:
        for name in names:
            cache.incr(name)
    except ValueError:
        # A counter is missing (evicted, never built): let the next reader rebuild.
        cache.delete(prefix + "built")
