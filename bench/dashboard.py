"""Render time and queries of the organizer dashboard for a campaign with 100,000 actions.

Run it with the project's venv::

    .venv/bin/python bench/dashboard.py [--requests 20] [--actions 100000]
    .venv/bin/python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/takeaction_dash_bench

It builds its own data in a temporary directory (``migrate``, ``collectstatic``), in SQLite there
by default, or in a PostgreSQL database on a loopback server that it creates first (and refuses
to reuse) and drops at the end. In this process, with Django's ORM, it seeds (timed) an
organization with its owner, a live campaign with 5 sources, ~20,000 supporters with their
attributions, 100,000 action events over 30 days (some skipped calls, ~60% from a source, ~15%
down a referral chain of depth 1-3) and the sources' daily visit counters; then a second campaign
of the same shape with 1% of the rows, to check that the number of queries does not grow with the
data. Then, with Django's test ``Client`` logged in as the owner (no HTTP server):

1. the baseline: one raw ``SELECT COUNT(*)`` of the campaign's counted action rows (the
   dashboard's own total, the least an exact dashboard must read), timed;
2. ``campaign_dashboard(campaign)`` alone, timed;
3. ``GET /org/<org>/campaigns/<slug>/``, the full page, timed, and its queries counted with
   ``CaptureQueriesContext``; the same page for the last 7 days (``?since=``).

Each is timed over ``--requests`` runs after ``--warmup`` unmeasured ones. The page's p90 is
printed against the goal (under 300 ms, with a number of queries that does not grow with the
data) and every row as a multiple of the baseline; nothing is asserted. The slowest queries of
one page request are listed, with the database's plan of the slowest when the goal is not met (or
with ``--explain``), to point at missing indexes. Shared with the other scripts: ``servers.py``
(workspace, ``manage.py``), ``loadgen.py`` (percentiles), ``action_post.py`` (the PostgreSQL
database, the database description).
"""

import argparse
import contextlib
import datetime
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from action_post import Database, postgres_database
from loadgen import percentile
from servers import django_env, run_manage, workspace

GOAL_MS = 300
GOAL_RATIO = 3
SEED = 20_251_127
BATCH = 2_000
REFERRED_SHARE = 0.15  # fans who came down a friend's referral link
SOURCE_SHARE = 0.60 / (1 - REFERRED_SHARE)  # of the others, those who came from a post's link
SOURCES = (  # name, platform, weight among the fans who came from a post
    ("Khloé — IG story 22 June", "instagram_story", 40),
    ("Khloé — X thread", "x", 22),
    ("Partner NGO — TikTok", "tiktok", 18),
    ("Newsletter 24 June", "other", 12),
    ("Press interview", "press", 8),
)
VERB_WEIGHTS = {"share": 34, "talk": 18, "call": 28, "write": 12, "donate": 8}
CALL_OUTCOME_WEIGHTS = {"talked": 25, "voicemail": 45, "busy": 15, "skipped": 15}
DEVICE_WEIGHTS = {"mobile": 72, "desktop": 24, "other": 4}
NETWORKS = ("x", "bluesky", "facebook", "threads", "whatsapp")
OFFICIALS = tuple(f"{chr(65 + i % 26)}{1000 + i * 37:06d}" for i in range(40))  # bioguide-like
SMALL_SHARE = 0.01  # the second campaign, for the query count at another size
SINCE_DAYS = 7


@dataclass(frozen=True)
class Fan:
    """One seeded supporter: their referral code, arrival and first touch on the campaign."""

    code: str
    arrived: datetime.datetime
    source_code: str
    referrer: int | None  # index of the fan whose link they followed
    chain: str
    depth: int
    chain_source: str
    state: str


@dataclass(frozen=True)
class Timing:
    """Sorted durations in ms of one measured row."""

    label: str
    ms: list[float]
    queries: str = ""

    @property
    def p50(self) -> float:
        return percentile(self.ms, 0.5)

    @property
    def p90(self) -> float:
        return percentile(self.ms, 0.9)


# --- Seeding -------------------------------------------------------------------------------


def arrival_days(days: int) -> list[float]:
    """Fans per day: a launch spike that decays, and a second post on day 12."""
    return [
        1 + 6 * math.exp(-day / 4) + (4 * math.exp(-(day - 12) / 3) if day >= 12 else 0)
        for day in range(days)
    ]


def plan_fans(rng: random.Random, count: int, days: int, now, codes: list[str]) -> list[Fan]:
    """Fans in order of arrival, with their source, referral chain and state."""
    from takeaction.actions.tilemap import TILES
    from takeaction.supporters.models import new_referral_code

    start = now - datetime.timedelta(days=days)
    day_of = rng.choices(range(days), weights=arrival_days(days), k=count)
    arrivals = sorted(
        min(start + datetime.timedelta(days=day, seconds=rng.uniform(0, 86_400)), now)
        for day in day_of
    )
    states = list(TILES)
    state_weights = [min(rng.paretovariate(1.2), 20) for _ in states]
    source_weights = [weight for *_, weight in SOURCES]
    fans: list[Fan] = []
    can_refer: list[int] = []  # fans whose chain starts at a post and is not yet 3 deep
    for arrived in arrivals:
        state = rng.choices(states, weights=state_weights)[0]
        if can_refer and rng.random() < REFERRED_SHARE:
            index = can_refer[rng.randrange(len(can_refer))]
            parent = fans[index]
            chain = (parent.chain or "/") + parent.code + "/"
            root = parent.chain_source or parent.source_code
            fan = Fan(new_referral_code(), arrived, "", index, chain, parent.depth + 1, root, state)
        else:
            from_post = rng.random() < SOURCE_SHARE
            source = rng.choices(codes, weights=source_weights)[0] if from_post else ""
            fan = Fan(new_referral_code(), arrived, source, None, "", 0, "", state)
        if fan.depth < 3 and (fan.source_code or fan.chain_source):
            can_refer.append(len(fans))
        fans.append(fan)
    return fans


def actions_per_fan(rng: random.Random, fans: int, actions: int) -> list[int]:
    """At least one action each; the rest to a few very active fans and many casual ones."""
    counts = [1] * fans
    weights = [min(rng.paretovariate(1.3), 50) for _ in range(fans)]
    for index in rng.choices(range(fans), weights=weights, k=actions - fans):
        counts[index] += 1
    return counts


def act(rng: random.Random, verb: str, state: str) -> dict:
    """The outcome, target and place of one act, as the action form would record them."""
    from takeaction.actions.models import OUTCOMES_BY_VERB

    if verb in ("call", "write"):
        senator = rng.random() < 2 / 3
        outcome = OUTCOMES_BY_VERB[verb][0].value
        if verb == "call":
            outcome = rng.choices(*zip(*CALL_OUTCOME_WEIGHTS.items(), strict=True))[0]
        district = None if senator else rng.randint(1, 12)
        place = {"state": state, "district": district}
        return {"outcome": outcome, "target": rng.choice(OFFICIALS), **place}
    target = {"share": f"share:{rng.choice(NETWORKS)}", "donate": f"donation:{rng.randint(1, 3)}"}
    outcome = OUTCOMES_BY_VERB[verb][0].value
    return {"outcome": outcome, "target": target.get(verb, ""), "state": "", "district": None}


def in_batches(items, size: int):
    """Lists of up to ``size`` items, so bulk_create never holds every row in memory."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def explicit_created_at(*models):
    """Let bulk_create store the ``created_at`` we give (``auto_now_add`` would write now)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def insert_events(events) -> None:
    """Store the events' rows as ``ActionEvent.objects.bulk_create`` would, faster: no model
    instances, and PostgreSQL's COPY (ten million rows are most of a run's seeding). Every
    other column takes its field's default, converted by the field for the database."""
    from django.db import connection

    from takeaction.actions.models import ActionEvent

    fields = [f for f in ActionEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}

    def values(event: dict) -> tuple:
        return tuple(
            f.get_db_prep_save(event.get(f.attname, defaults[f.attname]), connection)
            for f in fields
        )

    table = ActionEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for event in events:
                    copy.write_row(values(event))
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 (names from _meta)
        for batch in in_batches(events, BATCH * 5):
            cursor.executemany(sql, [values(event) for event in batch])


def seed_campaign(campaign, fans: list[Fan], actions: int, rng: random.Random, days: int, now):
    """Supporters, attributions, action events and daily visits of one campaign."""
    from takeaction.campaigns.models import SourceVisit
    from takeaction.supporters.models import Attribution, Supporter

    supporters = [Supporter(referral_code=fan.code, created_at=fan.arrived) for fan in fans]
    for batch in in_batches(supporters, BATCH):
        Supporter.objects.bulk_create(batch)  # sets the ids (RETURNING) for the rows below
    referrer_code = [fans[fan.referrer].code if fan.referrer is not None else "" for fan in fans]
    first_touch = [
        {
            "source_code": fan.source_code,
            "referrer_code": referrer_code[index],
            "referral_chain": fan.chain,
            "referral_depth": fan.depth,
            "chain_source": fan.chain_source,
        }
        for index, fan in enumerate(fans)
    ]
    attributions = (
        Attribution(
            supporter=supporter,
            campaign=campaign,
            referrer=supporters[fan.referrer] if fan.referrer is not None else None,
            created_at=fan.arrived,
            **first_touch[index],
        )
        for index, (fan, supporter) in enumerate(zip(fans, supporters, strict=True))
    )
    for batch in in_batches(attributions, BATCH):
        Attribution.objects.bulk_create(batch)

    verbs, verb_weights = zip(*VERB_WEIGHTS.items(), strict=True)
    devices, device_weights = zip(*DEVICE_WEIGHTS.items(), strict=True)

    def events():
        counts = actions_per_fan(rng, len(fans), actions)
        for index, (fan, supporter) in enumerate(zip(fans, supporters, strict=True)):
            device = rng.choices(devices, weights=device_weights)[0]
            at = fan.arrived
            for _ in range(counts[index]):
                verb = rng.choices(verbs, weights=verb_weights)[0]
                yield {
                    "campaign_id": campaign.pk,
                    "supporter_id": supporter.pk,
                    "verb": verb,
                    "device": device,
                    "created_at": at,
                    **act(rng, verb, fan.state),
                    **first_touch[index],
                }
                at = min(at + datetime.timedelta(seconds=rng.expovariate(1 / 900)), now)

    insert_events(events())

    start = now - datetime.timedelta(days=days)
    arrived: dict[tuple[str, int], int] = {}
    for fan in fans:
        key = (fan.source_code, (fan.arrived - start).days)
        arrived[key] = arrived.get(key, 0) + 1
    SourceVisit.objects.bulk_create(
        SourceVisit(
            source=source,
            day=(start + datetime.timedelta(days=day)).date(),
            # Visitors who did not act, at a conversion of 20-40%, and some noise.
            count=round(arrived.get((source.code, day), 0) / rng.uniform(0.2, 0.4))
            + rng.randint(0, 30),
        )
        for source in campaign.sources.all()
        for day in range(days + 1)
    )


def seed(args: argparse.Namespace):
    """The owner, the organization, the big and the small campaign; return them and the time."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from takeaction.accounts.services import organization_create
    from takeaction.actions.models import ActionEvent
    from takeaction.campaigns.models import Campaign
    from takeaction.campaigns.services import campaign_create_drafted, source_create
    from takeaction.supporters.models import Attribution, Supporter
    from takeaction.voices.extract import extract
    from takeaction.workspace.drafting import campaign_fields_from_draft

    rng = random.Random(SEED)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic(), explicit_created_at(ActionEvent, Attribution, Supporter):
        owner = get_user_model().objects.create_user("bench-owner", "owner@example.org")
        organization = organization_create(name="Dashboard Bench Team", owner=owner)
        campaigns = []
        for title, share in (("Families Belong Together", 1.0), ("Small Campaign", SMALL_SHARE)):
            # As the editor drafts it from a pasted post.
            text = (
                "Please share this, talk to your friends, call your senators, "
                "write to your representative and donate."
            )
            title, fields, drafted = campaign_fields_from_draft(
                extract(text), title=title, speaker_name="Khloé",
                url="https://www.instagram.com/p/bench/",
            )  # fmt: skip
            campaign = campaign_create_drafted(
                organization=organization, user=owner, title=title, fields=fields,
                drafted=drafted,
            )  # fmt: skip
            Campaign.objects.filter(pk=campaign.pk).update(status="live", goal=150_000)
            campaign.refresh_from_db()
            for name, platform_, _ in SOURCES:
                source_create(
                    campaign=campaign, user=owner, name=name, platform=platform_, handle=""
                )
            codes = list(campaign.sources.values_list("code", flat=True))
            fans = plan_fans(rng, max(1, round(args.supporters * share)), args.days, now, codes)
            actions = max(len(fans), round(args.actions * share))
            seed_campaign(campaign, fans, actions, rng, args.days, now)
            campaigns.append(campaign)
    return owner, organization, campaigns, time.perf_counter() - started


def rollup_rows() -> str:
    """How many rows the rollup tables hold, against the events they sum."""
    from takeaction.actions.models import FanDay, FanFold, SourceHour, TallyDay

    return (
        f"{TallyDay.objects.count():,} TallyDay, {SourceHour.objects.count():,} SourceHour, "
        f"{FanFold.objects.count():,} FanFold, {FanDay.objects.count():,} FanDay rows"
    )


def seeded_counts(campaign) -> str:
    """What the big campaign holds, from the database."""
    from takeaction.actions.models import ActionEvent
    from takeaction.campaigns.models import SourceVisit

    events = ActionEvent.objects.filter(campaign=campaign)
    return (
        f"{campaign.attributions.count():,} supporters (attributions), {events.count():,} action "
        f"events ({events.filter(outcome='skipped').count():,} skipped calls, "
        f"{events.exclude(source_code='').count():,} with a source code, "
        f"{events.filter(referral_depth__gt=0).exclude(chain_source='').count():,} referred with "
        f"a chain source, {events.exclude(state='').values('state').distinct().count()} states), "
        f"{SourceVisit.objects.filter(source__campaign=campaign).count()} daily visit rows"
    )


# --- Measuring -------------------------------------------------------------------------------


def timed(label: str, call, args: argparse.Namespace, check=None) -> Timing:
    """Run ``call`` ``--warmup`` times unmeasured, then ``--requests`` times, timing each."""
    check = check or (lambda result: None)
    for _ in range(args.warmup):
        check(call())
    durations = []
    for _ in range(args.requests):
        began = time.perf_counter()
        result = call()
        durations.append((time.perf_counter() - began) * 1000)
        check(result)
    return Timing(label, sorted(durations))


def captured(call, times: int = 3):
    """Run ``call`` with the queries captured; return the query counts and the last run's list."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _ in range(times):
        with CaptureQueriesContext(connection) as context:
            call()
        counts.append(len(context.captured_queries))
    return counts, context.captured_queries


def describe_counts(counts: list[int]) -> str:
    """'14', or '14-15' when repeated runs differ."""
    low, high = min(counts), max(counts)
    return f"{low}" if low == high else f"{low}-{high}"


def count_sql(campaign_id: int) -> tuple[str, tuple]:
    """The baseline: the campaign's counted actions (the dashboard's total: calls, letters
    and conversations, not skipped, not flagged; docs/counting.md), in one query."""
    return (
        "SELECT COUNT(*) FROM actions_actionevent WHERE campaign_id = %s AND outcome <> %s "
        "AND flag = '' AND verb IN ('call', 'write', 'talk')",
        (campaign_id, "skipped"),
    )


def short_sql(sql: str) -> str:
    """A query without its quotes and table prefixes, cut short: enough to tell them apart."""
    sql = re.sub(r'"\w+"\."(\w+)"', r"\1", re.sub(r"\s+", " ", sql)).replace('"', "")
    return sql if len(sql) <= 150 else sql[:147] + "..."


def explain(sql: str) -> list[str]:
    """The database's plan for one captured query (parameters already inlined by Django)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            depth: dict[int, int] = {0: 0}
            lines = []
            for node, parent, _, detail in cursor.fetchall():
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * depth[node] + detail)
            return lines
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return ["  " + row[0] for row in cursor.fetchall()]


def plan_hints(sql: str, plan: list[str]) -> list[str]:
    """What the plan says about indexes, in words."""
    text = "\n".join(plan)
    hints = []
    used = sorted(set(re.findall(r"(?:USING (?:COVERING )?INDEX|Index.*? using) (\S+)", text)))
    hints.append("indexes used: " + (", ".join(used) if used else "none"))
    if re.search(
        r"^\s*SCAN actions_actionevent\b(?! USING)|Seq Scan on actions_actionevent", text, re.M
    ):
        hints.append("a full scan of actions_actionevent")
    if "TEMP B-TREE" in text or re.search(r"Sort Method: external", text):
        hints.append("a sort for GROUP BY/DISTINCT (no index gives the order)")
    if "django_datetime_cast_date" in sql:
        hints.append(
            "SQLite computes TruncDate / __date with a Python function on every row: no index "
            "can serve it (a stored day column, or a range on created_at, could)"
        )
    return hints


def measure(args: argparse.Namespace, owner, organization, campaigns) -> dict:
    """The baseline, the dashboard alone and the page; the query counts and the slowest queries."""
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from takeaction.actions.reports import campaign_dashboard

    big, small = campaigns
    client = Client(SERVER_NAME="localhost")  # a host in ALLOWED_HOSTS (not "testserver")
    client.force_login(owner)
    page = f"/org/{organization.slug}/campaigns/{big.slug}/"
    small_page = f"/org/{organization.slug}/campaigns/{small.slug}/"
    since = (timezone.localdate() - datetime.timedelta(days=SINCE_DAYS - 1)).isoformat()
    total = campaign_dashboard(big)["total"]
    marker = f'data-figure="actions">{total}</span>'.encode()
    unexpected: list[str] = []

    def check_page(response, marker=marker):
        if response.status_code != 200 or marker not in response.content:
            unexpected.append(f"{response.status_code} ({len(response.content)} bytes)")

    def check_since(response):
        check_page(response, marker=b'data-figure="actions">')

    def count_rows():
        with connection.cursor() as cursor:
            cursor.execute(*count_sql(big.pk))
            return cursor.fetchone()[0]

    baseline = timed("baseline: raw SELECT COUNT(*) of counted actions", count_rows, args)
    baseline_total = count_rows()
    alone = timed("campaign_dashboard(campaign), in process", lambda: campaign_dashboard(big), args)
    page_row = timed(f"GET {page}", lambda: client.get(page), args, check_page)
    since_row = timed(
        f"  same, ?since= last {SINCE_DAYS} days",
        lambda: client.get(page, {"since": since}),
        args,
        check_since,
    )

    exports = measure_exports(owner, organization, big, since) if args.exports else []
    counts, queries = captured(lambda: client.get(page))
    small_counts, _ = captured(lambda: client.get(small_page))
    alone_counts, _ = captured(lambda: campaign_dashboard(big))
    since_counts, _ = captured(lambda: client.get(page, {"since": since}))
    queries = sorted(queries, key=lambda query: float(query["time"]), reverse=True)
    slow = page_row.p90 >= GOAL_MS or args.explain
    return {
        "plan": (queries[0]["sql"], explain(queries[0]["sql"])) if slow else None,
        "rows": [
            Timing(baseline.label, baseline.ms, "1"),
            Timing(alone.label, alone.ms, describe_counts(alone_counts)),
            Timing(page_row.label, page_row.ms, describe_counts(counts)),
            Timing(since_row.label, since_row.ms, describe_counts(since_counts)),
        ],
        "counts": counts,
        "small_counts": small_counts,
        "queries": queries,
        "total": total,
        "baseline_total": baseline_total,
        "unexpected": unexpected,
        "exports": exports,
    }


def measure_exports(owner, organization, campaign, since: str) -> list[str]:
    """The actions CSV, whole and for the last days, each streamed in a fresh process
    (``export_rss.py``): rows, time, and that process's peak RSS before and after, which
    stays flat if the export streams."""
    base = f"/org/{organization.slug}/campaigns/{campaign.slug}/export/actions.csv"
    lines = []
    for label, query in (("whole", []), (f"last {SINCE_DAYS} days", [f"since={since}"])):
        done = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("export_rss.py")),
                owner.username,
                base,
                *query,
            ],
            env=dict(os.environ),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            lines.append(f"actions CSV, {label}: failed: {done.stderr.strip()[-300:]}")
            continue
        got = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(
            f"actions CSV, {label}: {got['rows']:,} rows in {got['seconds']:,.1f} s "
            f"({got['rows'] / got['seconds']:,.0f} rows/s), peak RSS of the exporting process "
            f"{got['rss_peak_mb']:,.0f} MB ({got['rss_before_mb']:,.0f} MB before the request, "
            f"HTTP {got['status']})"
        )
    return lines


# --- Report ----------------------------------------------------------------------------------


def format_table(rows: list[Timing], requests: int, warmup: int) -> list[str]:
    """p50, p90, max, queries and the p50 as a multiple of the baseline's p50."""
    width = max(len(row.label) for row in rows)
    head = f"{f'measure (n={requests} after {warmup} warm-up)':<{width}}"
    head += f"  {'p50':>9}  {'p90':>9}  {'max':>9}  {'queries':>7}  {'x baseline':>10}"
    lines = [head, "-" * len(head)]
    for row in rows:
        ratio = row.p50 / rows[0].p50 if rows[0].p50 else float("nan")
        line = f"{row.label:<{width}}"
        line += "".join(f"  {ms:>6.1f} ms" for ms in (row.p50, row.p90, row.ms[-1]))
        line += f"  {row.queries:>7}  {ratio:>9.1f}x"
        if row.label.startswith("GET"):
            verdict = "met" if row.p90 < GOAL_MS else "NOT met"
            line += f"  goal p90 < {GOAL_MS} ms: {verdict}"
            verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
            line += f", <= {GOAL_RATIO}x baseline: {verdict}"
        lines.append(line)
    return lines


def print_report(args, result: dict, notes: list[str], seconds: float, load_before: float):
    """The table, the query counts, the slowest queries (and a plan), notes and caveats."""
    rows = result["rows"]
    print()
    print("\n".join(format_table(rows, args.requests, args.warmup)))
    print()
    counts, small_counts = result["counts"], result["small_counts"]
    bounded = max(counts) == max(small_counts)
    small_actions = max(round(args.supporters * SMALL_SHARE), round(args.actions * SMALL_SHARE))
    print(
        f"queries per page: {describe_counts(counts)} at {args.actions:,} actions, "
        f"{describe_counts(small_counts)} at ~{small_actions:,} actions (a second campaign of "
        f"the same shape): goal 'bounded queries': {'met' if bounded else 'NOT met'}"
    )
    queries = result["queries"]
    spent = sum(float(query["time"]) for query in queries) * 1000
    print(f"slowest queries of one page request ({spent:.1f} ms in {len(queries)} queries):")
    for query in queries[:4]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {short_sql(query['sql'])}")
    if result["plan"]:
        sql, plan = result["plan"]
        print(f"plan of the slowest query ({'--explain' if args.explain else 'goal not met'}):")
        print(f"  SQL: {sql}")
        print("\n".join(plan))
        for hint in plan_hints(sql, plan):
            print(f"  hint: {hint}")
    page = rows[2]
    print(
        f"view, template and middleware: ~{page.p50 - rows[1].p50:.1f} ms "
        "(page p50 minus campaign_dashboard p50)"
    )
    if result["total"] != result["baseline_total"]:
        print(
            f"warning: the dashboard's total {result['total']:,} is not the baseline's count "
            f"{result['baseline_total']:,}"
        )
    if result["unexpected"]:
        print(
            f"warning: {len(result['unexpected'])} page responses were not the dashboard: "
            f"{result['unexpected'][:3]}"
        )
    for line in result["exports"]:
        print(line)
    for note in notes:
        print(f"note: {note}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"caveats: nproc={cores}, 1-min load average {load_before:.2f} before the run (anything "
        f"else running skews the rows); Python {platform.python_version()}, Django "
        f"{version('django')}; in process, no HTTP server: times hold for this machine only, "
        f"compare the x-baseline ratios between runs (n={args.requests}, about ±15%). "
        f"The run took {seconds:.0f} s."
    )


# --- Set-up ------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed runs per row")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs before each row")
    parser.add_argument("--actions", type=int, default=100_000, help="action events to seed")
    parser.add_argument("--supporters", type=int, default=20_000, help="supporters to seed")
    parser.add_argument("--days", type=int, default=30, help="days the actions are spread over")
    parser.add_argument(
        "--database-url",
        help="postgres://USER@127.0.0.1:5432/NAME: a database this script creates and drops "
        "(default: SQLite in the temporary directory)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the slowest query's plan even if fast"
    )
    parser.add_argument(
        "--no-exports",
        dest="exports",
        action="store_false",
        help="skip the CSV exports (at 10,000,000 rows each takes minutes)",
    )
    args = parser.parse_args()
    if min(args.requests, args.supporters, args.days) < 1 or args.warmup < 0:
        parser.error("--requests, --supporters and --days must be at least 1, --warmup 0 or more")
    if args.actions < args.supporters:
        parser.error("--actions must be at least --supporters (every fan acted once)")
    if args.database_url and not re.match(r"postgres(ql)?://", args.database_url):
        parser.error("--database-url must be a postgres:// URL (SQLite is the default)")
    return args


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the benchmark's environment only."""
    for name in ("DATABASE_URL", "REDIS_URL"):  # the shell's, unless this run sets them
        os.environ.pop(name, None)
    os.environ.update(env)
    import django

    django.setup()


def collect_static() -> None:
    """The static files and their manifest, which the page's ``{% static %}`` tags read.

    Collected with Django's ``ManifestStaticFilesStorage``: the same hashed names and
    ``staticfiles.json`` as the app's WhiteNoise storage, without its compressed copies (40 s
    here, and nothing this page reads).
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": manifest}):
        call_command("collectstatic", interactive=False, verbosity=0)


def run(args: argparse.Namespace, tmp: Path) -> tuple[dict, list[str]]:
    """Prepare, seed and measure; return the measurements and the notes."""
    var_dir = tmp / "var"
    var_dir.mkdir()
    env = django_env(var_dir)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    db = Database(url=args.database_url) if args.database_url else None
    db = db or Database(path=var_dir / "takeaction.sqlite3")
    print(f"Preparing {tmp} (migrate, static manifest) on {db.driver} ...", flush=True)
    run_manage(env, "migrate", "--noinput", "-v0")
    setup_django(env)
    collect_static()
    from django.conf import settings
    from django.db import connection, connections

    try:
        print(f"Seeding {args.actions:,} actions ...", flush=True)
        owner, organization, campaigns, seconds = seed(args)
        print(f"  seeded in {seconds:.1f} s", flush=True)
        print("Building the rollups of the seeded acts (rollups_backfill) ...", flush=True)
        began = time.perf_counter()
        backfill = run_manage(env, "rollups_backfill").strip().splitlines()[-1]
        backfill_seconds = time.perf_counter() - began
        print(f"  {backfill} ({backfill_seconds:.1f} s with start-up)", flush=True)
        stats = "none (the app never runs ANALYZE on SQLite)"
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after such inserts
            stats = "VACUUM ANALYZE after seeding and the backfill (as autovacuum would soon)"
        print(
            f"Measuring ({args.requests} runs per row after {args.warmup} warm-up) ...", flush=True
        )
        result = measure(args, owner, organization, campaigns)
        age = settings.DATABASES["default"].get("CONN_MAX_AGE", 0)
        notes = [
            f"seeding: {seeded_counts(campaigns[0])}, plus the small campaign, in {seconds:.1f} s "
            f"(supporters and attributions by bulk_create of {BATCH:,} rows, action events by "
            "executemany (SQLite) or COPY (PostgreSQL), one transaction, created_at given)",
            f"backfill: manage.py rollups_backfill in a process of its own: {backfill}; "
            f"{backfill_seconds:.1f} s with Django's start-up (the rollups: "
            f"{rollup_rows()})",
            f"database: {db.describe()}; statistics: {stats}; CONN_MAX_AGE={age} (the app's "
            + ("setting: each page request opens its own connection)" if not age else "setting)"),
            "baseline: one raw SELECT COUNT(*) of the campaign's counted actions (outcome <> "
            "'skipped'), the dashboard's own total: one pass over the rows it aggregates, the "
            "least an exact dashboard must read; 'x baseline' is p50 over the baseline's p50",
            "page: django.test.Client logged in as the owner (force_login), full middleware, "
            "session and template, DEBUG=0, no HTTP server; queries counted with "
            "CaptureQueriesContext on 3 more requests, outside the timed runs",
        ]
    finally:
        connections.close_all()
    return result, notes


def main() -> None:
    """Run the benchmark and print the report."""
    args = parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with workspace("takeaction-bench-dashboard-") as tmp:
        database = postgres_database(args.database_url) if args.database_url else None
        with database or contextlib.nullcontext():
            result, notes = run(args, tmp)
    print_report(args, result, notes, time.perf_counter() - started, load_before)


if __name__ == "__main__":
    main()
