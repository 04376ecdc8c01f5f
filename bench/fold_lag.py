"""The fold under load: its lag at a sustained 500 acts/s, and the act rate with and without it.

Run it with the project's venv::

    .venv/bin/python bench/fold_lag.py [--rate 500] [--seconds 30] [--duration 5]
    .venv/bin/python bench/fold_lag.py --database-url postgres://postgres@127.0.0.1:5432/takeaction_fold_bench

It builds its own data in a temporary directory (``migrate``, ``demo_load``), in SQLite there by
default, or in a PostgreSQL database it creates and drops, and serves the app with granian (2
workers, as ``action_post.py``). Every request is the action POST of ``action_post.py``: a new
fan's conversation, the write that adds the most to the rollups (a ``FanFold`` row each). Then:

1. **the act rate with and without the rollups**: the POST at full speed (wrk) with nothing
   folding, then with ``manage.py rollups_fold --every 0.5`` running beside the server, as an
   operator runs it, alternately, twice each; the ratio of the acknowledged rates (goal: at least
   0.9). Each folder is given 4 s to start (Django's start-up) and fold the backlog of the
   run before, so the ratio is the fold's cost, not a process start's. What the write path
   itself gained (a nullable column, a partial index) is measured by
   running ``action_post.py`` on a worktree of the commit before the rollups;
2. **the fold's lag**: a paced load of ``--rate`` POSTs per second for ``--seconds`` (Python
   threads on keep-alive connections, each sending on its own schedule) with the folder running;
   then, for every act stored in that window, ``folded_at - created_at`` from the rows (goal: p99
   under 5 s). The achieved rate is printed: on a small machine the server may not keep up.

Nothing is asserted. Shared with the other scripts: ``servers.py``, ``loadgen.py``,
``action_post.py``.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from action_post import (
    ACT_PATH,
    ME_PATH,
    WORKERS,
    Database,
    acknowledged,
    action_post,
    app_env,
    check_post,
    postgres_database,
)
from loadgen import percentile, pick_generator
from servers import DJANGO_APP, HOST, REPO, python_executable, run_manage, serve, workspace

GOAL_LAG_P99_S = 5
GOAL_RATE_RATIO = 0.9
FOLD_EVERY = "0.5"
FOLDER_START_SECONDS = 4


@contextlib.contextmanager
def folder(env: dict, log_path: Path):
    """``manage.py rollups_fold --every 0.5`` beside the server, for the block.

    The block starts once the folder has started up and folded what waits: Django's
    start-up (a second or two of a core) is not the fold's cost, and an operator's
    folder runs for days.
    """
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [python_executable(), "manage.py", "rollups_fold", "--every", FOLD_EVERY],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        time.sleep(FOLDER_START_SECONDS)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def paced(port: int, post, rate: float, seconds: float, threads: int) -> tuple[int, int, float]:
    """Send ``rate`` POSTs a second for ``seconds``; return (200s, others, seconds taken)."""
    counts = [[0, 0] for _ in range(threads)]
    interval = threads / rate
    began = time.monotonic()

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        due = began + index * interval / threads
        try:
            while due < began + seconds:
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                try:
                    conn.request("POST", ACT_PATH, post.body, post.headers)
                    response = conn.getresponse()
                    response.read()
                    counts[index][0 if response.status == 200 else 1] += 1
                except (OSError, http.client.HTTPException):
                    counts[index][1] += 1
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=10)
                due += interval
        finally:
            conn.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(c[0] for c in counts), sum(c[1] for c in counts), time.monotonic() - began


def lags(env: dict, since, until) -> tuple[list[float], int]:
    """Sorted fold lags (s) of the acts stored between ``since`` and ``until``; and how many of
    them were still unfolded."""
    os.environ.update(env)
    import django

    django.setup()
    from takeaction.actions.models import ActionEvent

    rows = ActionEvent.objects.filter(created_at__gte=since, created_at__lt=until).values_list(
        "created_at", "folded_at"
    )
    folded, waiting = [], 0
    for created, done in rows.iterator(chunk_size=10_000):
        if done is None:
            waiting += 1
        else:
            folded.append((done - created).total_seconds())
    return sorted(folded), waiting


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500, help="paced POSTs per second")
    parser.add_argument("--seconds", type=int, default=30, help="length of the paced run")
    parser.add_argument("--duration", type=int, default=5, help="seconds per full-speed run")
    parser.add_argument("--connections", type=int, default=32, help="wrk's connections")
    parser.add_argument("--clients", type=int, default=16, help="threads of the paced load")
    parser.add_argument("--database-url", help="postgres://... (a database it creates and drops)")
    parser.add_argument("--redis-url", help="the app's cache in Redis (default: memory)")
    args = parser.parse_args()
    if args.database_url and urllib.parse.urlsplit(args.database_url).scheme not in (
        "postgres",
        "postgresql",
    ):
        parser.error("--database-url must be a postgres:// URL (SQLite is the default)")
    return args


def run(args, tmp: Path) -> list[str]:
    var_dir = tmp / "var"
    (var_dir / "static").mkdir(parents=True)
    env = app_env(var_dir, args)
    db = Database(url=args.database_url) if args.database_url else None
    db = db or Database(path=var_dir / "takeaction.sqlite3")
    print(f"Preparing {tmp} (migrate, demo_load) on {db.driver} ...", flush=True)
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "demo_load")
    run_manage(env, "collectstatic", "--noinput", "-v0")
    generator = pick_generator("wrk", 2, args.connections)
    log_path = tmp / "servers.log"
    lines = []
    with serve(DJANGO_APP, REPO, env, log_path, workers=WORKERS, ready=ME_PATH) as port:
        post = action_post(port)
        check_post(port, post)
        generator.run(port, (ACT_PATH,), 1, 200, post)  # warm-up
        rates = {"off": [], "on": []}
        for mode in ("off", "on", "off", "on"):
            with folder(env, log_path) if mode == "on" else contextlib.nullcontext():
                result = generator.run(port, (ACT_PATH,), args.duration, 200, post)
            rates[mode].append(acknowledged(result)[1].rps)
            print(f"  full speed, folder {mode}: {rates[mode][-1]:,.0f} acknowledged/s", flush=True)
        with folder(env, log_path):
            since = datetime.datetime.now(datetime.UTC)
            ok, other, took = paced(port, post, args.rate, args.seconds, args.clients)
            until = datetime.datetime.now(datetime.UTC)
            time.sleep(6)  # the last acts' fold
        print(f"  paced: {ok:,} acknowledged in {took:.1f} s", flush=True)
    off = sum(rates["off"]) / len(rates["off"])
    on = sum(rates["on"]) / len(rates["on"])
    ratio = on / off if off else float("nan")
    verdict = "met" if ratio >= GOAL_RATE_RATIO else "NOT met"
    lines.append(
        f"act rate, wrk -t2 -c{args.connections} -d{args.duration}s, folder off/on/off/on: "
        + ", ".join(
            f"{r:,.0f}" for pair in zip(rates["off"], rates["on"], strict=True) for r in pair
        )
        + f" acknowledged/s; on/off {ratio:.2f} (goal >= {GOAL_RATE_RATIO}: {verdict})"
    )
    folded, waiting = lags(env, since, until)
    achieved = ok / took if took else 0
    if folded:
        p50, p99 = percentile(folded, 0.5), percentile(folded, 0.99)
        verdict = "met" if p99 < GOAL_LAG_P99_S and not waiting else "NOT met"
        lines.append(
            f"fold lag at {achieved:,.0f} acts/s achieved (asked {args.rate:,.0f}/s, "
            f"{args.clients} paced clients, {args.seconds} s; {other} non-200): "
            f"{len(folded):,} acts, p50 {p50:.2f} s, p99 {p99:.2f} s, max {folded[-1]:.2f} s, "
            f"{waiting} still unfolded 6 s after (goal p99 < {GOAL_LAG_P99_S} s: {verdict})"
        )
    else:
        lines.append(f"fold lag: no folded act in the window ({waiting} unfolded)")
    lines.append(
        f"database: {db.describe()}; server: granian, {WORKERS} workers; folder: manage.py "
        f"rollups_fold --every {FOLD_EVERY}; lag = folded_at - created_at of each row (created_at "
        "is taken before the INSERT commits, so it includes the commit)"
    )
    cores = len(os.sched_getaffinity(0))
    lines.append(
        f"caveats: nproc={cores}: the server, the folder and the load generators share the cores; "
        "figures hold for this machine only, compare within a run"
    )
    return lines


def main() -> None:
    args = parse_args()
    with workspace("takeaction-bench-fold-") as tmp:
        database = postgres_database(args.database_url) if args.database_url else None
        with database or contextlib.nullcontext():
            lines = run(args, tmp)
    print()
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
