"""Every dashboard figure computed straight from the action rows, for the rollups to match.

Written apart from the rollups' code on purpose: plain loops over the rows of the
range, with the definitions of docs/counting.md, so a mistake in the fold or in
the shared ``tally_of_groups`` cannot hide in both.
"""

import datetime

from django.utils import timezone

from takeaction.actions.models import CLICKS, SELF_REPORTED, ActionEvent, Outcome
from takeaction.campaigns.models import SourceVisit
from takeaction.officials.geography import JURISDICTIONS
from takeaction.supporters.models import Signup


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, timezone.get_default_timezone())


def _within(moment, since, until) -> bool:
    day = _local(moment).date()
    return (since is None or day >= since) and (until is None or day <= until)


def raw_figures(campaign, *, since=None, until=None) -> dict:
    """The figures ``campaign_dashboard`` shows, from every row of the campaign."""
    rows = [
        event
        for event in ActionEvent.objects.filter(campaign=campaign).order_by("created_at", "id")
        if _within(event.created_at, since, until)
    ]
    counted = [e for e in rows if not e.flag and e.outcome != Outcome.SKIPPED]
    acts = [e for e in counted if e.verb in SELF_REPORTED]
    by_verb = {verb: 0 for verb in (*SELF_REPORTED, *CLICKS)}
    for event in counted:
        by_verb[event.verb] += 1
    by_state: dict[str, int] = {}
    for event in acts:
        if event.state in JURISDICTIONS:
            by_state[event.state] = by_state.get(event.state, 0) + 1
    excluded: dict[str, int] = {}
    for event in rows:
        if event.flag:
            excluded[event.flag] = excluded.get(event.flag, 0) + 1
    kinds: dict[int, set] = {}
    for event in counted:
        if event.supporter_id is not None:
            kinds.setdefault(event.supporter_id, set()).add(event.verb)
    per_source: dict[str, dict] = {}
    for event in counted:
        found = per_source.setdefault(event.source_code, {"actions": 0, "clicks": 0, "fans": set()})
        if event.verb in SELF_REPORTED:
            found["actions"] += 1
            if event.supporter_id is not None:
                found["fans"].add(event.supporter_id)
        else:
            found["clicks"] += 1
    referred: dict[str, int] = {}
    depth: dict[int, int] = {}
    days: dict[str, int] = {}
    hours: dict[str, int] = {}
    for event in acts:
        if event.referral_depth > 0 and event.chain_source:
            referred[event.chain_source] = referred.get(event.chain_source, 0) + 1
        depth[event.referral_depth] = depth.get(event.referral_depth, 0) + 1
        local = _local(event.created_at)
        days[local.strftime("%Y-%m-%d")] = days.get(local.strftime("%Y-%m-%d"), 0) + 1
        hour = local.strftime("%Y-%m-%d %H:00")
        hours[hour] = hours.get(hour, 0) + 1
    signups = [
        signup
        for signup in Signup.objects.filter(campaign=campaign)
        if _within(signup.created_at, since, until)
    ]
    visits = {}
    for visit in SourceVisit.objects.filter(source__campaign=campaign).select_related("source"):
        if (since is None or visit.day >= since) and (until is None or visit.day <= until):
            visits[visit.source.code] = visits.get(visit.source.code, 0) + visit.count
    known = set(campaign.sources.values_list("code", flat=True))
    sources = {
        code: {
            "fans": len(per_source.get(code, {}).get("fans", ())),
            "actions": per_source.get(code, {}).get("actions", 0),
            "clicks": per_source.get(code, {}).get("clicks", 0),
            "referred_actions": referred.get(code, 0),
            "visits": visits.get(code, 0),
        }
        for code in known
    }
    other = [found for code, found in per_source.items() if code not in known]
    return {
        "fans": len({e.supporter_id for e in acts if e.supporter_id is not None}),
        "total": len(acts),
        "by_verb": by_verb,
        "by_state": by_state,
        "excluded": excluded,
        "skipped": sum(1 for e in rows if not e.flag and e.outcome == Outcome.SKIPPED),
        "optins": len(signups),
        "three_plus": sum(1 for verbs in kinds.values() if len(verbs) >= 3),
        "sources": sources,
        "unattributed": {
            "fans": sum(len(found["fans"]) for found in other),
            "actions": sum(found["actions"] for found in other),
            "clicks": sum(found["clicks"] for found in other),
        },
        "visits": sum(visits.values()),
        "depth": sorted(depth.items()),
        "series_day": sorted(days.items()),
        "series_hour": sorted(hours.items()),
    }


def shown_figures(dashboard: dict, hourly: dict) -> dict:
    """The same figures as the dashboard (and its hourly chart) show them."""
    tally = dashboard["tally"]
    return {
        "fans": tally.fans,
        "total": dashboard["total"],
        "by_verb": {verb: n for verb, n in tally.by_verb.items()},
        "by_state": tally.by_state,
        "excluded": tally.excluded,
        "skipped": tally.skipped,
        "optins": tally.optins,
        "three_plus": dashboard["funnel"]["three_plus"],
        "sources": {
            row.code: {
                "fans": row.fans,
                "actions": row.actions,
                "clicks": row.clicks,
                "referred_actions": row.referred_actions,
                "visits": row.visits,
            }
            for row in dashboard["sources"]
        },
        "unattributed": {
            "fans": dashboard["unattributed"].fans,
            "actions": dashboard["unattributed"].actions,
            "clicks": dashboard["unattributed"].clicks,
        },
        "visits": dashboard["funnel"]["visits"],
        "depth": list(dashboard["depth"]),
        "series_day": list(dashboard["series"]),
        "series_hour": list(hourly["series"]),
    }
