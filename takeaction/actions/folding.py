"""The fold: new action rows added into the rollups, each exactly once.

The dashboard, the public counters and the summary CSV read small tables
(``TallyDay``, ``SourceHour``, ``FanFold``, ``FanDay``) instead of the event log,
whose size grows with every act. The fold keeps them: it takes a batch of acts whose
``folded_at`` is empty, adds what each one contributes, and stamps them folded,
all in one transaction. So an act is in the rollups exactly when it is stamped:

* a fold killed mid-way rolls back, its acts still unstamped, to be folded by
  the next one;
* two folds never run at once: on PostgreSQL a transaction-level advisory lock
  (a second folder returns at once, folding nothing; a read waits briefly), on
  SQLite the write lock every transaction takes first (``transaction_mode=IMMEDIATE``);
* an act committed while a fold runs is unstamped when that fold looks, and is
  left for the next. An id watermark could not promise that: ids are taken at
  INSERT and commit in any order, so a watermark can pass an act not yet visible.

Distinct-fan figures stay exact through ``FanFold``, one row per supporter and
campaign holding the kinds of act counted so far: an act that makes its
supporter a fan (their first counted call, letter or conversation) adds one to
its bucket's ``new_fans``; an act that is their third kind adds one to
``three_plus``. Summing the buckets gives the distinct counts, and the row
remembers which bucket was credited, so an erasure takes back exactly that.

The additions are ``INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n``
(both databases speak it; PostgreSQL gets each column as one array), written as
SQL here; everything else is the ORM. The read side is ``rollups.py``; the
equivalence suite of both is ``tests/test_rollups_exact.py``.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from takeaction.actions.models import (
    SELF_REPORTED,
    ActionEvent,
    FanDay,
    FanFold,
    SourceHour,
    TallyDay,
)
from takeaction.actions.tally import kind_of
from takeaction.campaigns.verbs import Verb
from takeaction.officials.geography import JURISDICTIONS

VERB_BITS = {verb: 1 << index for index, verb in enumerate(Verb.values)}
SELF_BITS = sum(VERB_BITS[verb] for verb in SELF_REPORTED)
# Any fixed number will do: it names the fold's lock among the database's advisory locks.
_ADVISORY_KEY = 0x7A6B_F01D
# Parameters per statement (an IN (...) list, a multi-row INSERT): well under SQLite's
# bound (32,766) and PostgreSQL's (65,535), and few statements per batch.
_PARAMETERS = 20_000
_CHUNK = 2_000
BATCH = 5_000
# How long a read waits for a fold in progress (PostgreSQL; SQLite waits its busy timeout).
LOCK_WAIT_MS = 2_000

_FIELDS = (
    "id",
    "campaign_id",
    "supporter_id",
    "verb",
    "outcome",
    "flag",
    "state",
    "source_code",
    "chain_source",
    "referral_depth",
    "created_at",
)


@dataclass(frozen=True)
class _Row:
    id: int
    campaign_id: int
    supporter_id: int | None
    verb: str
    outcome: str
    flag: str
    state: str
    source_code: str
    chain_source: str
    referral_depth: int
    created_at: datetime.datetime

    @property
    def kind(self) -> str:
        return kind_of(self.outcome, self.flag)


@dataclass
class _Sums:
    """What a set of acts adds to (or, negated, takes from) the rollups."""

    tally: dict[tuple, int] = field(default_factory=lambda: defaultdict(int))
    # (campaign, day, supporter, source_code) -> the verbs' bits, OR-ed in
    fan_days: dict[tuple, int] = field(default_factory=lambda: defaultdict(int))
    # key -> [actions, clicks, new_fans, three_plus]
    hours: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 4))

    def add_act(self, row: _Row, sign: int) -> None:
        day, hour = bucket_of(row.created_at)
        kind = row.kind
        counted = kind == "counted"
        mapped = counted and row.verb in SELF_REPORTED and row.state in JURISDICTIONS
        self.tally[(row.campaign_id, day, row.verb, kind, row.state if mapped else "")] += sign
        if counted:
            sums = self.hours[_hour_key(row, day, hour)]
            sums[0 if row.verb in SELF_REPORTED else 1] += sign  # an action, or a click
            if sign > 0 and row.supporter_id is not None:
                key = (row.campaign_id, day, row.supporter_id, row.source_code)
                self.fan_days[key] |= VERB_BITS[row.verb]

    def credit(self, fan: FanFold, day, hour, slot: int, sign: int) -> None:
        """``slot`` 2: a new fan; 3: a fan who did three kinds; in the fan's own bucket."""
        key = (fan.campaign_id, day, hour, fan.source_code, fan.chain_source, fan.referral_depth)
        self.hours[key][slot] += sign


def bucket_of(moment: datetime.datetime) -> tuple[datetime.date, datetime.datetime]:
    """(local day, hour) of a stored act: the site's day, so ranges of whole days are exact."""
    minute = moment.astimezone(datetime.UTC).replace(second=0, microsecond=0)
    return _bucket_of_minute(minute, timezone.get_default_timezone())


@functools.lru_cache(maxsize=4_096)
def _bucket_of_minute(minute: datetime.datetime, zone) -> tuple[datetime.date, datetime.datetime]:
    # Every zone's offset is whole minutes, so a minute lies in one local day and hour: a
    # batch's acts share a few hundred minutes, and the time-zone arithmetic is done once
    # each. The hour is the local one (in UTC), so a zone half an hour off UTC charts the
    # hours its people live in.
    local = timezone.localtime(minute, zone)
    return local.date(), local.replace(minute=0).astimezone(datetime.UTC)


def _hour_key(row: _Row, day, hour) -> tuple:
    return (row.campaign_id, day, hour, row.source_code, row.chain_source, row.referral_depth)


def _popcount(bits: int) -> int:
    return bin(bits).count("1")


def rollups_fold(*, campaign_id: int | None = None, limit: int = BATCH, wait: bool = False) -> int:
    """Fold up to ``limit`` unfolded acts (of one campaign, or any); return how many.

    With ``wait`` (a read that wants every act in its figures), a fold in progress is
    waited for, up to ``LOCK_WAIT_MS``: past that the database raises. Without it, this
    returns 0 at once when another fold holds the lock (PostgreSQL): that fold is
    doing the work, and the caller reads the rollups as they stand.
    """
    alias = router.db_for_write(ActionEvent)
    connection = connections[alias]
    pending = ActionEvent.objects.using(alias).filter(folded_at__isnull=True)
    if campaign_id is not None:
        pending = pending.filter(campaign_id=campaign_id)
    if not pending.exists():
        # A read, outside any transaction: on SQLite an idle fold never takes the
        # write lock the fans' acts wait for.
        return 0
    with transaction.atomic(using=alias):
        if not _fold_lock(connection, wait=wait):
            return 0
        # SKIP LOCKED: an erasure holding a supporter's rows is left alone; it
        # deletes them, and they are never folded.
        rows = [
            _Row(*values)
            for values in pending.select_for_update(skip_locked=True)
            .order_by()
            .values_list(*_FIELDS)[:limit]
        ]
        if not rows:
            return 0
        rows.sort(key=lambda row: (row.created_at, row.id))
        sums = _Sums()
        fans = _fans_of(alias, rows)
        changed: dict[tuple, FanFold] = {}
        for row in rows:
            sums.add_act(row, +1)
            if row.kind == "counted" and row.supporter_id is not None:
                _count_fan(sums, fans, changed, row)
        _apply(connection, sums)
        _save_fans(alias, changed)
        now = timezone.now()
        for ids in _chunks_of(connection, [row.id for row in rows]):
            ActionEvent.objects.using(alias).filter(pk__in=ids).update(folded_at=now)
    return len(rows)


def _fold_lock(connection, *, wait: bool) -> bool:
    """Hold the fold's lock until the transaction ends, or say another fold has it."""
    if connection.vendor != "postgresql":
        return True  # SQLite: this transaction began with the database's write lock
    with connection.cursor() as cursor:
        if not wait:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_ADVISORY_KEY])
            return bool(cursor.fetchone()[0])
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'")
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_KEY])
        return True


def _fans_of(alias: str, rows: list[_Row]) -> dict[tuple, FanFold]:
    """The stored ``FanFold`` of each supporter in ``rows``, locked (PostgreSQL)."""
    wanted = {(row.campaign_id, row.supporter_id) for row in rows if row.supporter_id is not None}
    supporters = sorted({supporter for _campaign, supporter in wanted})
    found = {}
    for chunk in _chunks_of(connections[alias], supporters):
        for fan in FanFold.objects.using(alias).select_for_update().filter(supporter_id__in=chunk):
            key = (fan.campaign_id, fan.supporter_id)
            if key in wanted:
                found[key] = fan
    return found


def _count_fan(sums: _Sums, fans: dict, changed: dict, row: _Row) -> None:
    key = (row.campaign_id, row.supporter_id)
    fan = fans.get(key)
    if fan is None:
        # The bucket of the supporter's first touch: every act of theirs here carries it.
        fan = FanFold(
            campaign_id=row.campaign_id,
            supporter_id=row.supporter_id,
            source_code=row.source_code,
            chain_source=row.chain_source,
            referral_depth=row.referral_depth,
        )
        fans[key] = fan
    before = fan.verbs
    after = before | VERB_BITS[row.verb]
    if after == before:
        return
    fan.verbs = after
    changed[key] = fan
    day, hour = bucket_of(row.created_at)
    if not before & SELF_BITS and after & SELF_BITS:
        fan.fan_day, fan.fan_hour = day, hour
        sums.credit(fan, day, hour, 2, +1)
    if _popcount(before) < 3 <= _popcount(after):
        fan.three_day, fan.three_hour = day, hour
        sums.credit(fan, day, hour, 3, +1)


_FAN_KEY = ("campaign", "supporter")
_FAN_STATE = (
    "verbs",
    "fan_day",
    "fan_hour",
    "three_day",
    "three_hour",
    "source_code",
    "chain_source",
    "referral_depth",
)


def _save_fans(alias: str, changed: dict[tuple, FanFold]) -> None:
    """Write the changed ``FanFold`` rows, new or not, in one statement per chunk."""
    rows = [
        (fan.campaign_id, fan.supporter_id, *(getattr(fan, name) for name in _FAN_STATE))
        for _key, fan in sorted(changed.items())
    ]
    _upsert(connections[alias], FanFold, _FAN_KEY, _FAN_STATE, rows, merge="replace")


_TALLY_KEY = ("campaign", "day", "verb", "kind", "state")
_HOUR_KEY = ("campaign", "day", "hour", "source_code", "chain_source", "referral_depth")
_HOUR_SUMS = ("actions", "clicks", "new_fans", "three_plus")
_FAN_DAY_KEY = ("campaign", "day", "supporter", "source_code")
# How an upsert combines a stored value with the new one.
_MERGE = {"add": "{old} + {new}", "or": "{old} | {new}", "replace": "{new}"}


def _apply(connection, sums: _Sums) -> None:
    """Add the sums into the rollup rows, creating the rows they lack (sorted keys: the
    same order in every transaction)."""
    tally = [(*key, n) for key, n in sorted(sums.tally.items()) if n]
    hours = [(*key, *values) for key, values in sorted(sums.hours.items()) if any(values)]
    days = [(*key, bits) for key, bits in sorted(sums.fan_days.items())]
    _upsert(connection, TallyDay, _TALLY_KEY, ("acts",), tally)
    _upsert(connection, SourceHour, _HOUR_KEY, _HOUR_SUMS, hours)
    _upsert(connection, FanDay, _FAN_DAY_KEY, ("verbs",), days, merge="or")


def _upsert(connection, model, keys: tuple, sums: tuple, rows: list[tuple], *, merge="add"):
    """INSERT ``rows`` (``keys`` then ``sums`` values); where a key exists, combine the sums
    with its row's (``_MERGE``: add them, OR their bits, or replace them)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in (*keys, *sums)]
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    conflict = ", ".join(quote(f.column) for f in fields[: len(keys)])
    added = ", ".join(
        f"{quote(f.column)} = "
        + _MERGE[merge].format(old=f"{table}.{quote(f.column)}", new=f"excluded.{quote(f.column)}")
        for f in fields[len(keys) :]
    )
    on_conflict = f"ON CONFLICT ({conflict}) DO UPDATE SET {added}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column, whatever the rows: a statement with thousands of
            # %s costs psycopg more to prepare than the database to run.
            arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) {on_conflict}",  # noqa: S608 (names from _meta)
                [
                    [f.get_db_prep_save(row[n], connection) for row in rows]
                    for n, f in enumerate(fields)
                ],
            )
            return
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = _PARAMETERS // len(fields)
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [
                f.get_db_prep_save(value, connection)
                for row in chunk
                for f, value in zip(fields, row, strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))} "  # noqa: S608 (names from _meta)
                + on_conflict,
                params,
            )


def _chunks_of(connection, ids: list) -> list:
    """``ids`` as the values of ``__in`` lookups: one array on PostgreSQL (one parameter),
    else lists short enough for SQLite's bound on parameters."""
    if connection.vendor == "postgresql":
        return [RawSQL("SELECT unnest(%s::bigint[])", [ids])] if ids else []
    return [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]


def rollups_subtract(alias: str, events: list[ActionEvent], fans: list[FanFold]) -> None:
    """Take folded ``events`` and the credits of their supporters' ``fans`` out of the rollups.

    For an erasure (``services.campaign_acts_erase``), inside its transaction,
    with the rows already locked; every act of each fan must be among ``events``
    (their ``FanFold`` and ``FanDay`` rows are the caller's to delete).
    """
    sums = _Sums()
    for event in events:
        if event.folded_at is not None:
            sums.add_act(_Row(*(getattr(event, name) for name in _FIELDS)), -1)
    for fan in fans:
        if fan.fan_hour is not None:
            sums.credit(fan, fan.fan_day, fan.fan_hour, 2, -1)
        if fan.three_hour is not None:
            sums.credit(fan, fan.three_day, fan.three_hour, 3, -1)
    _apply(connections[alias], sums)


def pending_since(campaign_id: int) -> datetime.datetime | None:
    """When the oldest act not folded yet was stored, or None when every act is folded."""
    oldest = (
        ActionEvent.objects.filter(campaign_id=campaign_id, folded_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return oldest


def rollups_reset() -> None:
    """Empty the rollups and mark every act unfolded (``rollups_backfill --rebuild``)."""
    with transaction.atomic():
        TallyDay.objects.all().delete()
        SourceHour.objects.all().delete()
        FanFold.objects.all().delete()
        FanDay.objects.all().delete()
        ActionEvent.objects.filter(folded_at__isnull=False).update(folded_at=None)
