"""Short-link visits, counted in the cache and written to ``SourceVisit`` rows in batches.

A star's story link can be tapped thousands of times a second; one database write per
tap would make the link the slowest step of the fan's path. So ``source_visit_count``
only adds one to a per-source, per-day tally in the process's memory; at most a second
later the process adds its tallies to per-source, per-day counters in the cache
(``source_visits_push``), and ``source_visits_flush`` moves what has piled up there
into the rows, at most once every ``VISIT_FLUSH_SECONDS`` across every node sharing the
cache (a cache lock), and whenever a report is read.

Exactness: a flush first *claims* a counter's value by decrementing it by what it read
(atomic in Redis), then adds that amount to the row. A second flusher that claims the
same value sees the counter go below zero, gives it back and writes nothing, so no visit
is counted twice. What can be lost: a worker killed outright (SIGKILL, a crash) loses
the taps it counted in its last second, not yet pushed (one stopped in order pushes
them at exit); the visits counted since the last flush when the cache itself loses them
(Redis restarted without persistence; with the default per-process cache, a worker that
dies); and one batch when a flusher dies between its claim and its commit — at most
``VISIT_FLUSH_SECONDS`` of one source's visits. Never a double.
"""

import atexit
import datetime
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from takeaction.campaigns.models import Source, SourceVisit

logger = logging.getLogger(__name__)

_PENDING = "visits:pending:v1:{source_id}:{day}"
_FLUSH_LOCK = "visits:flush-lock:v1"
# Counters outlive any flush interval, so a quiet day's last visits are still flushed.
_PENDING_TIMEOUT = 3 * 24 * 3600
# When this process may next push its taps and ask for the flush lock (time.monotonic()).
_next_lock_try = [0.0]
# Taps counted in this process and not yet in the shared counters: pending key -> taps.
_taps: dict[str, int] = {}
_taps_lock = threading.Lock()
# (until, the local date then): see _today.
_day: list = [0.0, None]


def _pending_key(source_id: int, day: datetime.date) -> str:
    return _PENDING.format(source_id=source_id, day=day.isoformat())


def source_visit_count(*, source_id: int) -> None:
    """Count one tap on a source's short link: in this process's memory, no I/O at all.

    The taps reach the shared counters at most a second later (``source_visits_push``):
    adding one in the cache was three Redis round trips (``add``, then Django's
    ``incr``, which checks the key exists first), 430 µs a tap, ten times what
    serving the redirect costs.
    """
    key = _pending_key(source_id, _today())
    with _taps_lock:
        _taps[key] = _taps.get(key, 0) + 1


def _today() -> datetime.date:
    """``timezone.localdate()``, asked at most once a second (15 µs, half of a tap).

    A tap in the last second of a day may so be counted on the next: a second in 86,400.
    """
    now = time.monotonic()
    if now >= _day[0]:
        _day[:] = [now + 1.0, timezone.localdate()]
    return _day[1]


def source_visits_push() -> int:
    """Move the taps this process has counted into the shared counters; return how many."""
    with _taps_lock:
        taps = dict(_taps)
        _taps.clear()
    for key, n in taps.items():
        _give_back(key, n)
    return sum(taps.values())


def source_visits_forget_unpushed() -> int:
    """Drop this process's unpushed taps, as a worker that dies does; return how many."""
    with _taps_lock:
        lost = sum(_taps.values())
        _taps.clear()
    return lost


def source_visits_flush_due() -> int:
    """Flush if no node has in the last ``VISIT_FLUSH_SECONDS``; return the visits written.

    Each process asks for the shared lock at most once a second: asking on every tap
    was a cache round trip per tap, for a lock that is free once per interval.
    """
    now = time.monotonic()
    if now < _next_lock_try[0]:
        return 0
    _next_lock_try[0] = now + min(1.0, settings.VISIT_FLUSH_SECONDS)
    source_visits_push()
    if not cache.add(_FLUSH_LOCK, 1, timeout=settings.VISIT_FLUSH_SECONDS):
        return 0
    return source_visits_flush()


def visits_flush_gate_reset() -> None:
    """Let this process push and ask for the flush lock at once; drop its taps (tests)."""
    _next_lock_try[0] = 0.0
    source_visits_forget_unpushed()


@atexit.register
def _push_at_exit() -> None:  # a worker stopped in order keeps its last second of taps
    try:
        source_visits_push()
    except Exception:
        logger.warning("short-link taps not pushed at exit", exc_info=True)


def source_visits_flush(*, source_ids=None) -> int:
    """Write the visits counted in the cache to ``SourceVisit`` rows; return how many.

    This process's own taps are pushed first; other processes' reach the cache within
    a second of being counted.
    """
    source_visits_push()
    today = timezone.localdate()
    days = (today - datetime.timedelta(days=1), today)  # a flush just after midnight
    ids = list(source_ids) if source_ids is not None else list(
        Source.objects.values_list("id", flat=True)
    )  # fmt: skip
    keys = {_pending_key(source_id, day): (source_id, day) for source_id in ids for day in days}
    pending = {key: n for key, n in cache.get_many(list(keys)).items() if n and n > 0}
    claimed = {}
    for key, n in pending.items():
        try:
            left = cache.decr(key, n)
        except ValueError:  # expired meanwhile: nothing to claim
            continue
        if left < 0:  # another flusher claimed it first: give it back, write nothing
            cache.incr(key, n)
            continue
        claimed[key] = n
    try:
        _write(claimed, keys)
    except Exception:
        for key, n in claimed.items():  # the rows were not written: the counts go back
            _give_back(key, n)
        raise
    return sum(claimed.values())


def _write(claimed: dict[str, int], keys: dict) -> None:
    """Add the claimed visits to their rows in three queries, however many sources."""
    if not claimed:
        return
    added = {keys[key]: n for key, n in claimed.items()}
    try:
        _add_to_rows(added)
    except IntegrityError:  # a concurrent flush created one of the rows: once more
        _add_to_rows(added)


@transaction.atomic
def _add_to_rows(added: dict[tuple[int, datetime.date], int]) -> None:
    days = {day for _source, day in added}
    rows = {
        (row.source_id, row.day): row
        for row in SourceVisit.objects.select_for_update().filter(
            source_id__in={source for source, _day in added}, day__in=days
        )
        if (row.source_id, row.day) in added
    }
    for place, row in rows.items():
        row.count += added[place]
    SourceVisit.objects.bulk_update(rows.values(), ["count"])
    SourceVisit.objects.bulk_create(
        [
            SourceVisit(source_id=source, day=day, count=n)
            for (source, day), n in added.items()
            if (source, day) not in rows
        ]
    )


def _give_back(key: str, n: int) -> None:
    if not cache.add(key, n, timeout=_PENDING_TIMEOUT):
        cache.incr(key, n)
