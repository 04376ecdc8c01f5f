"""Acknowledged action POSTs per second, as a ratio to a raw insert loop on the same database.

Run it with the project's venv::

    .venv/bin/python bench/action_post.py [--duration 5] [--generator auto|wrk|python]
    .venv/bin/python bench/action_post.py --database-url postgres://postgres@127.0.0.1:5432/takeaction_bench

It builds its own data in a temporary directory (``migrate``, ``demo_load``), in SQLite there by
default, or in a PostgreSQL database on a loopback server that it creates first (and refuses to
reuse) and drops at the end. Then, in the same run and on the same database:

1. the baseline: in a separate process, the plain driver (``sqlite3`` with the app's pragmas, or
   psycopg) runs ``INSERT`` + ``COMMIT`` of one row per iteration into a scratch table, timed per
   iteration: committed rows/s and p99;
2. Django under granian (``--interface wsgi --workers 2 --blocking-threads 1``, the flags of
   /work/shared/PERFORMANCE-NOTES.md) on a free loopback port: ``POST /c/<slug>/act/`` with
   ``verb=talk&outcome=talked_to_someone&elapsed=5000``, the CSRF cookie and header, ``Accept:
   application/json`` and no supporter cookie, so every request records a new anonymous
   supporter and its action event in the database (no attribution row: the POST names no source
   or referrer, and only a first touch that does is stored). Only 200 responses count as
   acknowledged; the action rows added in the database are counted against them afterwards.

3. for reference, ``minimal_post_app.py`` under the same server and load: a Django view with no
   middleware that commits one row into the scratch table per POST. It shows what Django and
   the server alone cost here, apart from the app's own work.

The ratio of acknowledged POSTs/s to the baseline's rows/s is printed next to its goal (0.5);
nothing is asserted. Servers, load generators and the table are shared with the other scripts:
``servers.py``, ``loadgen.py``, ``comparison.py``.
"""

import argparse
import contextlib
import dataclasses
import datetime
import http.client
import http.cookies
import json
import multiprocessing
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from comparison import Comparison, Row, Target
from loadgen import (
    Post,
    Result,
    _init_pool_worker,
    add_load_options,
    check_load_options,
    percentile,
    pick_generator,
)
from servers import BENCH_DIR, DJANGO_APP, HOST, REPO, django_env, run_manage, serve, workspace

WORKERS = 2
MINIMAL_APP = "minimal_post_app:application"
SLUG = "families-belong-together"
ACT_PATH = f"/c/{SLUG}/act/"
ME_PATH = f"/c/{SLUG}/me.json"
# The fan's own page holds a form, so it hands out the CSRF cookie and token.
TOKEN_PATH = f"/c/{SLUG}/you/"
# "elapsed": as the page script sends it, five seconds after the page loaded; without it
# the act would be stored as untimed and never counted (docs/counting.md).
ACT_BODY = "verb=talk&outcome=talked_to_someone&elapsed=5000"
GOAL_RATIO = 0.5
NO_RATE_LIMIT = "100000000"  # ACTION_RATE_LIMIT_PER_MINUTE: every request comes from 127.0.0.1
SCRATCH_TABLE = "bench_insert_loop"
INSERT_SQL = {
    "sqlite3": "INSERT INTO bench_insert_loop (created_at, verb, outcome, target) "
    "VALUES (?, ?, ?, ?)",
    "psycopg": "INSERT INTO bench_insert_loop (created_at, verb, outcome, target) "
    "VALUES (%s, %s, %s, %s)",
}
# What one acknowledged POST adds: the action event and a new supporter (and an attribution row
# only for a first touch with a source or a referrer, which this POST does not have).
COUNT_SQL = {
    "actions_actionevent": "SELECT count(*) FROM actions_actionevent",
    "supporters_supporter": "SELECT count(*) FROM supporters_supporter",
    "supporters_attribution": "SELECT count(*) FROM supporters_attribution",
}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SETTLE_TIMEOUT_SECONDS = 10


# --- The database, for the baseline and the row counts ---------------------------------------


@dataclass(frozen=True)
class Database:
    """The benchmark's database, opened with the plain driver (``url`` None: SQLite at ``path``)."""

    path: Path | None = None
    url: str | None = None

    @property
    def driver(self) -> str:
        return "psycopg" if self.url else "sqlite3"

    def connect(self):
        """A DB-API connection: SQLite with the app's pragmas (and no implicit transactions)."""
        if self.url:
            import psycopg

            return psycopg.connect(self.url)
        # config/settings/base.py database_from_url: the same pragmas, the same busy timeout.
        conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    def describe(self) -> str:
        """Which database and its durability settings, for the report."""
        with contextlib.closing(self.connect()) as conn:
            if self.url:
                version = conn.execute("SHOW server_version").fetchone()[0]
                settings = ", ".join(
                    f"{name}={conn.execute(f'SHOW {name}').fetchone()[0]}"
                    for name in ("fsync", "synchronous_commit", "wal_sync_method")
                )
                parts = urllib.parse.urlsplit(self.url)
                where = f"{parts.hostname}:{parts.port or 5432}{parts.path}"
                return f"PostgreSQL {version} at {where} ({settings}), created and dropped here"
            version = conn.execute("SELECT sqlite_version()").fetchone()[0]
        return f"SQLite {version}, journal_mode=WAL, synchronous=NORMAL, in the temporary directory"

    def operational_error(self) -> type[Exception]:
        """The driver's error for a busy or lost database, counted by the baseline and skipped."""
        if self.url:
            import psycopg

            return psycopg.OperationalError
        return sqlite3.OperationalError  # "database is locked" after the busy timeout

    def scratch_ddl(self) -> str:
        """The baseline's table: a few columns like the action event's, a big auto key."""
        key = (
            "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
            if self.url
            else "integer NOT NULL PRIMARY KEY AUTOINCREMENT"  # what Django makes on SQLite
        )
        created = "timestamp with time zone" if self.url else "datetime"
        return (
            f"CREATE TABLE {SCRATCH_TABLE} (id {key}, created_at {created} NOT NULL, "
            "verb varchar(10) NOT NULL, outcome varchar(30) NOT NULL, target varchar(40) NOT NULL)"
        )

    def counts(self) -> dict[str, int]:
        """Rows in the tables an action POST writes to."""
        with contextlib.closing(self.connect()) as conn:
            return {table: conn.execute(query).fetchone()[0] for table, query in COUNT_SQL.items()}


def settled_counts(db: Database) -> dict[str, int]:
    """Row counts once requests still in the server after a load run have finished."""
    deadline, last = time.monotonic() + SETTLE_TIMEOUT_SECONDS, db.counts()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        current = db.counts()
        if current == last:
            break
        last = current
    return last


@contextlib.contextmanager
def postgres_database(url: str):
    """Create the URL's database on a loopback server for the block, then drop it."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in LOOPBACK or not name:
        sys.exit(f"--database-url must name a database on a loopback server, got {url}")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            sys.exit(
                f"database {name} already exists: this script only uses a database it creates "
                f"(and drops). Drop it (dropdb -h {parts.hostname} {name}) or name another one."
            )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))


# --- The baseline: a raw insert loop in its own process ------------------------------------


def _writer(db: Database, barrier, start: list, seconds: float, warmup: float, out: list):
    """One connection inserting and committing one row per iteration; time each after warm-up."""
    latencies, errors, error_type = [], 0, db.operational_error()
    insert = INSERT_SQL[db.driver]
    with contextlib.closing(db.connect()) as conn:
        barrier.wait()
        measured_from = start[0] + warmup
        deadline = measured_from + seconds
        clock = time.perf_counter
        while (began := clock()) < deadline:
            now = datetime.datetime.now(datetime.UTC)
            # Django stores datetimes as text on SQLite; psycopg sends a timestamptz.
            values = (now if db.url else now.isoformat(" "), "talk", "talked_to_someone", "")
            try:
                if db.url:
                    conn.execute(insert, values)
                    conn.commit()
                else:  # the app's transaction_mode: BEGIN IMMEDIATE takes the write lock first
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute(insert, values)
                    conn.execute("COMMIT")
            except error_type:
                errors += began >= measured_from
                with contextlib.suppress(error_type):
                    conn.rollback()  # sqlite3 too: it rolls back a BEGIN of ours when one is open
                continue
            if began >= measured_from:
                latencies.append(clock() - began)
    out.append((latencies, errors))


def insert_loop(db: Database, writers: int, warmup: float, seconds: float):
    """Run the writers together; return (sorted latencies, errors, measured seconds)."""
    with contextlib.closing(db.connect()) as conn:
        conn.execute(db.scratch_ddl())
        conn.commit()
    out: list = []
    start: list = []
    barrier = threading.Barrier(writers, action=lambda: start.append(time.perf_counter()))
    threads = [
        threading.Thread(target=_writer, args=(db, barrier, start, seconds, warmup, out))
        for _ in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(out) != writers:
        raise RuntimeError("a baseline writer failed (see its traceback above)")
    latencies = sorted(latency for part in out for latency in part[0])
    return latencies, sum(part[1] for part in out), seconds


def measure_baseline(db: Database, writers: int, warmup: int, seconds: int) -> Result:
    """The raw insert loop in a separate process (its GIL, its connections), as a ``Result``."""
    with multiprocessing.Pool(1, initializer=_init_pool_worker) as pool:
        latencies, errors, elapsed = pool.apply(insert_loop, (db, writers, warmup, seconds))
    return Result(
        requests=len(latencies),
        rps=len(latencies) / elapsed,
        p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
        unexpected=errors,
    )


# --- Django: the action POST -----------------------------------------------------------------


def action_post(port: int) -> Post:
    """The POST a fan's browser sends: the CSRF cookie and token of a page's form, JSON back.

    Only the CSRF cookie is kept (not the page's supporter cookie), so every POST is
    a new fan's first act.
    """
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", TOKEN_PATH)
        response = conn.getresponse()
        body = response.read()
        cookies = http.cookies.SimpleCookie()
        for header in response.msg.get_all("Set-Cookie") or []:
            cookies.load(header)
    finally:
        conn.close()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if response.status != 200 or "csrftoken" not in cookies or token is None:
        raise RuntimeError(f"{TOKEN_PATH} answered {response.status} without a CSRF token")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Cookie": f"csrftoken={cookies['csrftoken'].value}",
        "X-CSRFToken": token.group(1).decode(),
    }
    return Post(ACT_BODY, headers)


def check_post(port: int, post: Post) -> None:
    """Send the POST once: it must be acknowledged as a new, counted act."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("POST", ACT_PATH, post.body, post.headers)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    reply = json.loads(body) if response.status == 200 else {}
    if not (reply.get("ok") and reply.get("counted") and not reply.get("duplicate")):
        raise RuntimeError(f"POST {ACT_PATH} answered {response.status}: {body[:300]!r}")


def measure_django(bench: Comparison, port: int, db: Database, post: Post):
    """Warm up, then load the POST; return the result and the rows added while it ran."""
    bench.generator.run(port, (ACT_PATH,), bench.warmup, 200, post)
    before = settled_counts(db)
    result = bench.generator.run(port, (ACT_PATH,), bench.duration, 200, post)
    after = settled_counts(db)
    return result, {table: after[table] - before[table] for table in COUNT_SQL}


def measure_reference(bench: Comparison, env: dict, db: Database, tmp: Path, log_path: Path):
    """The bare Django view of ``minimal_post_app.py`` under the same load; its 200s per second."""
    url = db.url or f"sqlite:///{db.path}"
    env = {**env, "BENCH_DATABASE_URL": url}
    post = Post(ACT_BODY, {"Content-Type": "application/x-www-form-urlencoded"})
    with serve(MINIMAL_APP, BENCH_DIR, env, log_path, workers=bench.workers, ready="/") as port:
        bench.generator.run(port, ("/",), bench.warmup, 200, post)
        result = bench.generator.run(port, ("/",), bench.duration, 200, post)
    return acknowledged(result)[1]


def acknowledged(result: Result) -> tuple[int, Result]:
    """The 200 responses, and the result with req/s counting only them."""
    ok = (result.statuses or {}).get(200, 0)
    rps = result.rps * ok / result.requests if result.requests else 0.0
    return ok, dataclasses.replace(result, rps=rps)


# --- Set-up and report -----------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_load_options(parser, connections=32)
    parser.add_argument(
        "--database-url",
        help="postgres://USER@127.0.0.1:5432/NAME: a database this script creates and drops "
        "(default: SQLite in the temporary directory)",
    )
    parser.add_argument(
        "--redis-url", help="the app's cache in Redis (default: per-process memory)"
    )
    parser.add_argument(
        "--baseline-writers",
        type=int,
        help="connections of the insert loop (default: 1 on SQLite, --connections on PostgreSQL)",
    )
    args = parser.parse_args()
    check_load_options(parser, args)
    if args.database_url and urllib.parse.urlsplit(args.database_url).scheme not in (
        "postgres",
        "postgresql",
    ):
        parser.error("--database-url must be a postgres:// URL (SQLite is the default)")
    if args.baseline_writers is not None and args.baseline_writers < 1:
        parser.error("--baseline-writers must be at least 1")
    if args.baseline_writers is None:
        # SQLite has one writer at a time: more connections only queue on its lock (and spin
        # in the busy handler), so the loop's ceiling is one connection committing back to
        # back. PostgreSQL commits concurrent transactions together (group commit): there the
        # loop gets the HTTP run's concurrency, one connection per client connection.
        args.baseline_writers = args.connections if args.database_url else 1
    return args


def app_env(var_dir: Path, args: argparse.Namespace) -> dict[str, str]:
    """The Django environment of the other scripts, with this run's database, cache and limit."""
    env = django_env(var_dir)
    env["ACTION_RATE_LIMIT_PER_MINUTE"] = NO_RATE_LIMIT
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["CACHE_KEY_PREFIX"] = cache_prefix()
    return env


def cache_prefix() -> str:
    """The app's cache key prefix for this run, so its keys in a shared Redis are its own."""
    return f"takeaction-bench-{os.getpid()}"


def forget_redis_keys(redis_url: str) -> None:
    """Delete the keys this run left in Redis (rate-limit buckets, live counters)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{cache_prefix()}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def run(args: argparse.Namespace, bench: Comparison, tmp: Path) -> list[str]:
    """Prepare the data, measure the baseline and Django; add the rows; return the notes."""
    var_dir = tmp / "var"
    (var_dir / "static").mkdir(parents=True)  # no static files needed; keeps WhiteNoise quiet
    env = app_env(var_dir, args)
    db = Database(url=args.database_url) if args.database_url else None
    db = db or Database(path=var_dir / "takeaction.sqlite3")
    print(f"Preparing data in {tmp} (migrate, demo_load) on {db.driver} ...", flush=True)
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "demo_load")
    # The page that hands out the CSRF token links static files by their hashed names.
    run_manage(env, "collectstatic", "--noinput", "-v0")
    database = db.describe()
    print(f"Measuring ({bench.describe()}):", flush=True)

    writers = args.baseline_writers
    label = f"baseline: raw INSERT+COMMIT loop, {db.driver}, {writers} conn (rows/s)"
    baseline = measure_baseline(db, writers, bench.warmup, bench.duration)
    print(f"  {label}: {baseline.rps:,.0f} rows/s", flush=True)
    bench.rows.append(Row(Target(label, ()), baseline, 0))

    log_path = tmp / "servers.log"
    with serve(DJANGO_APP, REPO, env, log_path, workers=WORKERS, ready=ME_PATH) as port:
        post = action_post(port)
        check_post(port, post)
        result, added = measure_django(bench, port, db, post)
    ok, result = acknowledged(result)
    label = f"Django POST {ACT_PATH} talk, new supporter (200/s)"
    print(f"  {label}: {result.rps:,.0f} acknowledged/s", flush=True)
    bench.rows.append(Row(Target(label, (ACT_PATH,), goal_ratio=GOAL_RATIO), result, 0))

    reference = measure_reference(bench, env, db, tmp, log_path)
    label = "reference: bare Django view, no middleware, one INSERT (200/s)"
    print(f"  {label}: {reference.rps:,.0f} acknowledged/s", flush=True)
    bench.rows.append(Row(Target(label, ("/",)), reference, 0))

    app_share = result.rps / reference.rps if reference.rps else 0.0
    others = {status: n for status, n in (result.statuses or {}).items() if status != 200}
    events = added["actions_actionevent"]
    why = (
        "one: SQLite takes one writer at a time, so one connection committing back to back is "
        "its ceiling and more would only wait on the lock"
        if not args.database_url
        else "one per HTTP connection: PostgreSQL commits concurrent transactions together; the "
        f"app itself has at most {WORKERS} in flight, one per granian worker"
    )
    return [
        f"database: {database}",
        f"baseline: a separate process, {writers} thread{'s' if writers > 1 else ''}, one "
        f"{db.driver} connection each ({why}); BEGIN, INSERT of one row into {SCRATCH_TABLE}, "
        f"COMMIT per iteration, p99 per iteration, after {bench.warmup}s warm-up",
        f"POST: {ACT_BODY!r}, CSRF cookie + X-CSRFToken, Accept: application/json, no ta_sid "
        f"cookie (each request creates a supporter and an action event); "
        f"ACTION_RATE_LIMIT_PER_MINUTE={NO_RATE_LIMIT}; cache: "
        + ("Redis" if args.redis_url else "per-process memory"),
        f"acknowledged: {ok:,} responses 200"
        + (f"; other statuses: {others}" if others else "; no other status")
        + " (p99 is over every response)",
        f"database rows added during the measured run: {events:,} action events "
        f"({events - ok:+,} vs the 200s; requests in flight when the load stopped, up to "
        f"{args.connections}, are committed without a counted response), "
        f"{added['supporters_supporter']:,} supporters, "
        f"{added['supporters_attribution']:,} attributions",
        "reference: bench/minimal_post_app.py under the same granian flags and the app's database "
        "settings, POSTed the same body without cookies: what Django and the server cost for one "
        f"committed row, with none of the app's work; the app makes {app_share:.2f} of its rate",
    ]


def main() -> None:
    """Run the benchmark and print the report."""
    args = parse_args()
    generator = pick_generator(args.generator, args.threads, args.connections)
    bench = Comparison(generator, WORKERS, args.duration, args.warmup)
    with workspace("takeaction-bench-action-") as tmp:
        database = postgres_database(args.database_url) if args.database_url else None
        try:
            with database or contextlib.nullcontext():
                bench.notes += run(args, bench, tmp)
        finally:
            if args.redis_url:
                forget_redis_keys(args.redis_url)
    bench.print_report(
        rate="per sec",
        caveat_note=" The baseline and the app share the database's disk and cores too.",
    )


if __name__ == "__main__":
    main()
