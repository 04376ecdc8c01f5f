"""The campaign dashboard: actions per post, not likes. A fixed number of queries.

Every figure is read from the rollups the fold keeps (``folding.py``, ``rollups.py``)
and the daily visit counters, so a page costs the number of buckets, not of acts;
``actions/tests/test_rollups_exact.py`` checks each figure against the same query
over the action rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from takeaction.actions.counters import counts_peek
from takeaction.actions.models import CLICKS, SELF_REPORTED, Flag
from takeaction.actions.rollups import (
    fans_folded,
    range_fans,
    rollups_catch_up,
    source_buckets,
    tally_folded,
)
from takeaction.actions.tally import Tally
from takeaction.actions.tilemap import HEIGHT, WIDTH, tiles
from takeaction.campaigns.models import SourceVisit
from takeaction.campaigns.visits import source_visits_flush
from takeaction.supporters.models import Signup


@dataclass(frozen=True)
class SourceRow:
    code: str
    name: str
    visits: int
    fans: int
    actions: int
    clicks: int
    referred_actions: int

    @property
    def actions_per_visit(self) -> float | None:
        return round(self.actions / self.visits, 2) if self.visits else None


def _label(period, by: str) -> str:
    """'2026-11-26' for a day, '2026-11-26 14:00' for an hour, whatever the database gave."""
    if isinstance(period, datetime.datetime):
        text = (
            timezone.localtime(period).isoformat(sep=" ")
            if timezone.is_aware(period)
            else period.isoformat(sep=" ")
        )
    else:
        text = str(period)
    return text[:10] if by == "day" else text[:13] + ":00"


def _in_range(queryset, field: str, since, until):
    if since:
        queryset = queryset.filter(**{f"{field}__gte": since})
    if until:
        queryset = queryset.filter(**{f"{field}__lte": until})
    return queryset


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _events_in_range(events, since, until):
    """Filter on ``created_at`` itself (whole local days) so its index serves the range.

    ``created_at__date`` would cast every row, which SQLite does in Python.
    """
    if since:
        events = events.filter(created_at__gte=_day_start(since))
    if until:
        events = events.filter(created_at__lt=_day_start(until + datetime.timedelta(days=1)))
    return events


def _signups(campaign, since, until) -> int:
    return _events_in_range(Signup.objects.filter(campaign=campaign), since, until).count()


def campaign_tally_between(campaign, since=None, until=None) -> Tally:
    """The labelled numbers of the acts and opt-ins in whole local days, ``since`` to ``until``."""
    rollups_catch_up(campaign.pk)
    fans = range_fans(campaign.pk, since, until)[0] if since or until else fans_folded(campaign.pk)
    return tally_folded(
        campaign.pk, fans=fans, optins=_signups(campaign, since, until), since=since, until=until
    )


@dataclass
class _Buckets:
    """The ``SourceHour`` sums of a dashboard, gathered per figure."""

    by_source: dict[str, dict[str, int]]
    referred: dict[str, int]
    depth: dict[int, int]
    per_period: dict
    fans: int
    three_plus: int


def _gather(rows) -> _Buckets:
    gathered = _Buckets({}, defaultdict(int), defaultdict(int), defaultdict(int), 0, 0)
    for period, code, chain_source, depth, actions, clicks, new_fans, three_plus in rows:
        found = gathered.by_source.setdefault(code, {"actions": 0, "clicks": 0, "fans": 0})
        found["actions"] += actions
        found["clicks"] += clicks
        found["fans"] += new_fans
        if depth > 0 and chain_source:
            gathered.referred[chain_source] += actions
        gathered.depth[depth] += actions
        gathered.per_period[period] += actions
        gathered.fans += new_fans
        gathered.three_plus += three_plus
    return gathered


def campaign_dashboard(
    campaign, *, since: datetime.date | None = None, until=None, by: str = "day"
) -> dict:
    """Every figure of the dashboard; ``by`` is "day" or "hour" for the chart.

    From the rollups (``rollups.py``), after folding what is waiting; ``as_of``
    says up to when they are complete when some acts are still to fold.
    """
    # Short-link visits wait in the cache between flushes: read them exactly.
    source_visits_flush(source_ids=campaign.sources.values_list("id", flat=True))
    folded = rollups_catch_up(campaign.pk)
    by = "hour" if by == "hour" else "day"
    buckets = _gather(source_buckets(campaign.pk, by=by, since=since, until=until))
    by_source = buckets.by_source
    fans, three_plus = buckets.fans, buckets.three_plus
    if since or until:
        fans, source_fans, three_plus = range_fans(campaign.pk, since, until)
        for code, found in by_source.items():
            found["fans"] = source_fans.get(code, 0)
    tally = tally_folded(
        campaign.pk, fans=fans, optins=_signups(campaign, since, until), since=since, until=until
    )
    visits = dict(
        _in_range(SourceVisit.objects.filter(source__campaign=campaign), "day", since, until)
        .values_list("source__code")
        .annotate(n=Sum("count"))
        .order_by()
    )
    sources = list(campaign.sources.all())
    rows = [
        _source_row(source.code, source.name, visits, by_source, buckets.referred)
        for source in sources
    ]
    rows.sort(key=lambda row: (row.actions + row.referred_actions, row.visits), reverse=True)
    known = {source.code for source in sources}
    other = [row for code, row in by_source.items() if code not in known]
    unattributed = SourceRow(
        code="",
        name="",
        visits=0,
        fans=sum(row["fans"] for row in other),
        actions=sum(row["actions"] for row in other),
        clicks=sum(row["clicks"] for row in other),
        referred_actions=0,
    )
    verbs = campaign.enabled_verbs()
    return {
        "tally": tally,
        "total": tally.actions,
        "as_of": folded.as_of,
        "goal_value": campaign.goal_progress(tally.actions),
        "acts": [tally.labelled(verb) for verb in verbs if verb in SELF_REPORTED],
        "clicks": [tally.labelled(verb) for verb in verbs if verb in CLICKS],
        "excluded": [
            (flag, Flag(flag).label, n) for flag, n in sorted(tally.excluded.items()) if n
        ],
        "sources": rows,
        "unattributed": unattributed,
        "funnel": {"visits": sum(visits.values()), "fans": tally.fans, "three_plus": three_plus},
        "depth": sorted((depth, n) for depth, n in buckets.depth.items() if n),
        "tiles": tiles(tally.by_state),
        "map_width": WIDTH,
        "map_height": HEIGHT,
        "by": by,
        # Every period with actions, oldest first, as ("2026-11-26" or "… 14:00", count).
        "series": [
            (_label(period, by), n) for period, n in sorted(buckets.per_period.items()) if n
        ],
    }


def _source_row(code, name, visits, by_source, referred) -> "SourceRow":
    found = by_source.get(code, {})
    return SourceRow(
        code=code,
        name=name,
        visits=visits.get(code, 0),
        fans=found.get("fans", 0),
        actions=found.get("actions", 0),
        clicks=found.get("clicks", 0),
        referred_actions=referred.get(code, 0),
    )


@dataclass(frozen=True)
class CampaignCompared:
    slug: str
    title: str
    status: str
    fans: int | None  # None: no live counters to read yet
    actions: int | None
    visits: int
    current: bool

    @property
    def actions_per_visit(self) -> float | None:
        if self.actions is None or not self.visits:
            return None
        return round(self.actions / self.visits, 2)


def campaigns_compared(campaign, tally: Tally | None, *, most: int = 10) -> list[CampaignCompared]:
    """This campaign (its ``tally``) beside the organization's other public ones, by actions.

    The others' counts are their live counters as they stand (one cache read each, never
    a re-read of their rows: ``counts_peek``), or a dash when they have none yet; short-link
    visits are one grouped query over the daily rows. Drafts are left out.
    """
    others = list(
        campaign.organization.campaigns.exclude(status="draft").exclude(pk=campaign.pk)
        .order_by("-created_at")[: most - 1]
    )  # fmt: skip
    campaigns = [campaign, *others]
    visits = dict(
        SourceVisit.objects.filter(source__campaign__in=campaigns)
        .values_list("source__campaign")
        .annotate(n=Sum("count"))
        .order_by()
    )
    rows = []
    for each in campaigns:
        counts = tally if each.pk == campaign.pk else counts_peek(each.pk)
        rows.append(
            CampaignCompared(
                slug=each.slug,
                title=each.title,
                status=each.get_status_display(),
                fans=counts.fans if counts else None,
                actions=counts.actions if counts else None,
                visits=visits.get(each.pk, 0),
                current=each.pk == campaign.pk,
            )
        )
    return sorted(rows, key=lambda row: (-(row.actions or 0), row.title))
