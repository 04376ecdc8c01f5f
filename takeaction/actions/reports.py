"""The campaign dashboard: actions per post, not likes. A fixed number of queries.

Every figure is an aggregate over the action rows (and the daily visit counters),
so the numbers match the rows exactly whatever the campaign's size.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, Substr, TruncDate, TruncHour
from django.utils import timezone

from takeaction.actions.counters import counts_peek
from takeaction.actions.models import CLICKS, SELF_REPORTED, ActionEvent, Flag
from takeaction.actions.tally import Tally, tally_rows
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


def _period_of(field: str, by: str):
    """The local day (or hour) of a timestamp, as the database computes it fastest.

    SQLite stores UTC text, so with a UTC site its first 10 (13) characters are the
    day (hour), which SQLite slices natively; TruncDate would call a Python function
    per row (500 ms of a 600 ms dashboard at 100,000 actions, bench/dashboard.py).
    """
    if connection.vendor == "sqlite" and settings.TIME_ZONE == "UTC":
        return Substr(Cast(field, CharField()), 1, 10 if by == "day" else 13)
    return TruncDate(field) if by == "day" else TruncHour(field)


def campaign_tally_between(campaign, since=None, until=None) -> Tally:
    """The labelled numbers of the acts and opt-ins in whole local days, ``since`` to ``until``."""
    stored = _events_in_range(ActionEvent.objects.filter(campaign=campaign), since, until)
    signups = _events_in_range(Signup.objects.filter(campaign=campaign), since, until)
    return tally_rows(stored, signups)


def campaign_dashboard(
    campaign, *, since: datetime.date | None = None, until=None, by: str = "day"
) -> dict:
    """Every figure of the dashboard; ``by`` is "day" or "hour" for the chart."""
    # Short-link visits wait in the cache between flushes: read them exactly.
    source_visits_flush(source_ids=campaign.sources.values_list("id", flat=True))
    by = "hour" if by == "hour" else "day"
    tally = campaign_tally_between(campaign, since, until)
    events = _events_in_range(ActionEvent.objects.counted().filter(campaign=campaign), since, until)
    acts = events.filter(verb__in=SELF_REPORTED)
    by_source = {
        row["source_code"]: row
        for row in events.values("source_code").annotate(
            actions=Count("id", filter=Q(verb__in=SELF_REPORTED)),
            clicks=Count("id", filter=Q(verb__in=CLICKS)),
            fans=Count("supporter", distinct=True, filter=Q(verb__in=SELF_REPORTED)),
        )
    }
    referred = dict(
        acts.filter(referral_depth__gt=0)
        .exclude(chain_source="")
        .values_list("chain_source")
        .annotate(n=Count("id"))
        .order_by()
    )
    visits = dict(
        _in_range(SourceVisit.objects.filter(source__campaign=campaign), "day", since, until)
        .values_list("source__code")
        .annotate(n=Sum("count"))
        .order_by()
    )
    sources = list(campaign.sources.all())
    rows = [
        _source_row(source.code, source.name, visits, by_source, referred) for source in sources
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
    three_plus = (
        events.values("supporter")
        .annotate(verbs=Count("verb", distinct=True))
        .filter(verbs__gte=3)
        .count()
    )
    depth = list(
        acts.values_list("referral_depth").annotate(n=Count("id")).order_by("referral_depth")
    )
    per_period = list(
        acts.annotate(period=_period_of("created_at", by))
        .values_list("period")
        .annotate(n=Count("id"))
        .order_by("period")
    )
    verbs = campaign.enabled_verbs()
    return {
        "tally": tally,
        "total": tally.actions,
        "goal_value": campaign.goal_progress(tally.actions),
        "acts": [tally.labelled(verb) for verb in verbs if verb in SELF_REPORTED],
        "clicks": [tally.labelled(verb) for verb in verbs if verb in CLICKS],
        "excluded": [
            (flag, Flag(flag).label, n) for flag, n in sorted(tally.excluded.items()) if n
        ],
        "sources": rows,
        "unattributed": unattributed,
        "funnel": {"visits": sum(visits.values()), "fans": tally.fans, "three_plus": three_plus},
        "depth": depth,
        "tiles": tiles(tally.by_state),
        "map_width": WIDTH,
        "map_height": HEIGHT,
        "by": by,
        # Every period with actions, oldest first, as ("2026-11-26" or "… 14:00", count).
        "series": [(_label(period, by), n) for period, n in per_period],
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
