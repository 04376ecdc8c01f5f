"""Reading the rollups: the campaign's figures from the folded tables (``folding.py``).

Each read first folds what is waiting for the campaign (a bounded batch), so on a
quiet campaign the figures are live; when acts arrive faster than that, or a
backfill is still running, ``Folded.as_of`` says up to when they are complete.
Reading costs the number of buckets (days by verb and state, hours by first-touch
sources), never the number of acts.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import DatabaseError, connections, router
from django.db.models import Count, F, Sum

from takeaction.actions.folding import SELF_BITS, VERB_BITS, pending_since, rollups_fold
from takeaction.actions.models import FanDay, SourceHour, TallyDay
from takeaction.actions.tally import Tally, tally_of_groups

logger = logging.getLogger(__name__)

# Acts a read folds before it answers: enough for a few seconds of a busy campaign,
# little enough that a read never waits long on a backlog (the backfill's work).
FOLD_ON_READ = 5_000


@dataclass(frozen=True)
class Folded:
    """When the figures are complete up to: None means every stored act is in them."""

    as_of: datetime.datetime | None

    @property
    def live(self) -> bool:
        return self.as_of is None


def rollups_catch_up(campaign_id: int) -> Folded:
    """Fold the campaign's waiting acts (up to ``FOLD_ON_READ``); say how fresh its rollups are.

    A fold in progress elsewhere is waited for (briefly), so the figures include its
    acts too. A fold that fails (the database busy past its timeout) leaves the
    figures as they stand, and the answer says how old they are; a read never fails
    for it.
    """
    if pending_since(campaign_id) is None:
        return Folded(None)  # the usual case between acts: one indexed read, no transaction
    try:
        rollups_fold(campaign_id=campaign_id, limit=FOLD_ON_READ, wait=True)
    except DatabaseError:
        logger.warning("Could not fold campaign %s's new acts", campaign_id, exc_info=True)
    return Folded(pending_since(campaign_id))


def in_days(queryset, since=None, until=None):
    """Rows of the local days ``since`` to ``until`` (either open)."""
    if since:
        queryset = queryset.filter(day__gte=since)
    if until:
        queryset = queryset.filter(day__lte=until)
    return queryset


def tally_folded(campaign_id: int, *, fans: int, optins: int, since=None, until=None) -> Tally:
    """The labelled numbers of the days ``since`` to ``until`` from ``TallyDay`` (one query);
    the distinct fans and the opt-ins are the caller's (they are not sums of days)."""
    groups = (
        in_days(TallyDay.objects.filter(campaign_id=campaign_id), since, until)
        .values_list("verb", "kind", "state")
        .annotate(n=Sum("acts"))
        .order_by()
    )
    return tally_of_groups(groups, fans=fans, optins=optins)


def counted_of_verb(campaign_id: int, verb: str) -> int:
    """The counted acts of one verb, ever (calls logged, letters sent...)."""
    found = TallyDay.objects.filter(campaign_id=campaign_id, verb=verb, kind="counted")
    return found.aggregate(n=Sum("acts"))["n"] or 0


def fans_folded(campaign_id: int) -> int:
    """Distinct fans who acted, ever: the sum of the buckets' ``new_fans``."""
    total = SourceHour.objects.filter(campaign_id=campaign_id).aggregate(n=Sum("new_fans"))["n"]
    return total or 0


def source_buckets(campaign_id: int, *, by: str, since=None, until=None):
    """(period, source_code, chain_source, referral_depth, actions, clicks, new_fans,
    three_plus) summed per ``by`` ("day" or "hour"), for the days ``since`` to ``until``."""
    return (
        in_days(SourceHour.objects.filter(campaign_id=campaign_id), since, until)
        .values_list(by, "source_code", "chain_source", "referral_depth")
        .annotate(
            actions=Sum("actions"),
            clicks=Sum("clicks"),
            new_fans=Sum("new_fans"),
            three_plus=Sum("three_plus"),
        )
        .order_by()
    )


def range_fans(campaign_id: int, since=None, until=None) -> tuple[int, dict[str, int], int]:
    """(fans, fans per first-touch source, fans who did three kinds or more) among the acts of
    the days ``since`` to ``until``, from ``FanDay`` (distinct counts are not sums of days).

    One pass over the range's rows, a few per fan active in it: grouped per fan, then per
    source. A fan is credited to their source when all their rows share it, which every act
    recorded by ``action_record`` does (it carries the first touch); should a fan's rows
    name two sources, the per-source figure is counted apart, exactly, by a second query.
    """
    connection = connections[router.db_for_read(FanDay)]
    day = FanDay._meta.get_field("day")
    where, params = ["campaign_id = %s"], [campaign_id]
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            where.append(f"day {op} %s")
            params.append(day.get_db_prep_value(bound, connection))
    kinds = " + ".join(f"MAX(verbs & {bit}) / {bit}" for bit in VERB_BITS.values())
    table = connection.ops.quote_name(FanDay._meta.db_table)
    # Names from _meta, numbers from VERB_BITS; the values are parameters.
    sql = (
        "SELECT source_code, SUM(fan), SUM(CASE WHEN kinds >= 3 THEN 1 ELSE 0 END), SUM(mixed) "  # noqa: S608
        "FROM (SELECT MIN(source_code) AS source_code, "
        f"CASE WHEN MAX(verbs & {SELF_BITS}) > 0 THEN 1 ELSE 0 END AS fan, {kinds} AS kinds, "
        "CASE WHEN MIN(source_code) <> MAX(source_code) THEN 1 ELSE 0 END AS mixed "
        f"FROM {table} WHERE {' AND '.join(where)} GROUP BY supporter_id) per_fan "
        "GROUP BY source_code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    fans = sum(fan for _code, fan, _three, _mixed in rows)
    three_plus = sum(three for _code, _fan, three, _mixed in rows)
    by_source = {code: fan for code, fan, _three, _mixed in rows if fan}
    if any(mixed for *_rest, mixed in rows):
        days = in_days(FanDay.objects.filter(campaign_id=campaign_id), since, until)
        by_source = dict(
            days.alias(acted=F("verbs").bitand(SELF_BITS))
            .filter(acted__gt=0)
            .values_list("source_code")
            .annotate(n=Count("supporter", distinct=True))
            .order_by()
        )
    return fans, by_source, three_plus
