"""Faults under load: fans keep acting while Redis freezes and PostgreSQL drops connections.

Runs the app under granian on loopback with Redis (and PostgreSQL when given), has
client threads send the page script's action POST (each a new fan) in phases, and in
some phases breaks a part on purpose:

* ``normal``: nothing broken, the reference;
* ``redis frozen``: ``CLIENT PAUSE`` makes Redis accept connections and answer nothing
  (what a SIGSTOP-ed Redis does) for the whole phase;
* ``connections killed`` (with ``--database-url``): every connection of the app to
  PostgreSQL is terminated a few times during the phase.

It prints, per phase, the requests sent, the acts acknowledged (200 with ``ok``), the
503s, other 5xx answers, requests that got no answer, and the slowest answer; then the
acts acknowledged against the rows stored. An acknowledged act that is not stored
would be a lost act: the script says so and exits 1. Nothing here asserts a speed.

    .venv/bin/python bench/faults.py [--redis-url redis://127.0.0.1:6379/11]
        [--database-url postgres://postgres@127.0.0.1:5432/takeaction_faults] [--seconds 4]

The Redis database given is flushed of this run's keys only (its own key prefix), but
``CLIENT PAUSE`` pauses the whole Redis server: point it at a Redis nothing else needs.
"""

import argparse
import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis
from action_post import ACT_PATH, ME_PATH, Database, action_post, app_env, forget_redis_keys
from servers import DJANGO_APP, HOST, REPO, run_manage, serve, workspace

WORKERS = 2
KILLS_PER_PHASE = 3


@dataclass
class Tally:
    sent: int = 0
    acknowledged: int = 0
    unavailable: int = 0  # 503
    server_errors: int = 0  # other 5xx
    no_answer: int = 0
    other: dict = field(default_factory=dict)
    slowest: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | None, ok: bool, seconds: float) -> None:
        with self.lock:
            self.sent += 1
            self.slowest = max(self.slowest, seconds)
            if status is None:
                self.no_answer += 1
            elif status == 200 and ok:
                self.acknowledged += 1
            elif status == 503:
                self.unavailable += 1
            elif status >= 500:
                self.server_errors += 1
            else:
                self.other[status] = self.other.get(status, 0) + 1


def _act(port: int, post, tally: Tally, deadline: float) -> None:
    while time.monotonic() < deadline:
        started = time.monotonic()
        status, ok = None, False
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        try:
            conn.request("POST", ACT_PATH, post.body, post.headers)
            response = conn.getresponse()
            body = response.read()
            status = response.status
            if status == 200:
                ok = bool(json.loads(body).get("ok"))
        except (OSError, http.client.HTTPException, ValueError):
            pass
        finally:
            conn.close()
        tally.add(status, ok, time.monotonic() - started)


def _phase(port: int, post, clients: int, seconds: float, fault=None) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_act, args=(port, post, tally, deadline)) for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    if fault is not None:
        fault(seconds)
    for thread in threads:
        thread.join()
    return tally


def _freeze_redis(url: str):
    def fault(seconds: float) -> None:
        admin = redis.Redis.from_url(url)
        try:
            admin.execute_command("CLIENT", "PAUSE", int(seconds * 1000), "ALL")
        finally:
            admin.close()

    return fault


def _kill_connections(db: Database):
    def fault(seconds: float) -> None:
        import psycopg

        for _ in range(KILLS_PER_PHASE):
            time.sleep(seconds / (KILLS_PER_PHASE + 1))
            with psycopg.connect(db.url, autocommit=True) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )

    return fault


def _stored_acts(env: dict[str, str]) -> int:
    out = run_manage(
        env, "shell", "-c",
        "from takeaction.actions.models import ActionEvent; print(ActionEvent.objects.count())",
    )  # fmt: skip
    return int(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    args = parser.parse_args()
    args.baseline_writers = 1
    with workspace("takeaction-faults-") as tmp:
        var_dir = tmp / "var"
        (var_dir / "static").mkdir(parents=True)
        env = app_env(var_dir, args)
        db = Database(url=args.database_url) if args.database_url else None
        db = db or Database(path=var_dir / "takeaction.sqlite3")
        print(f"Preparing data in {tmp} on {db.driver} with Redis {args.redis_url} ...")
        run_manage(env, "migrate", "--noinput", "-v0")
        run_manage(env, "demo_load")
        run_manage(env, "collectstatic", "--noinput", "-v0")
        phases = [("normal", None), ("redis frozen", _freeze_redis(args.redis_url))]
        if args.database_url:
            phases.append(("connections killed", _kill_connections(db)))
        phases.append(("after (recovered)", None))
        results = []
        with serve(DJANGO_APP, REPO, env, Path(tmp / "server.log"), workers=WORKERS,
                   ready=ME_PATH) as port:  # fmt: skip
            post = action_post(port)
            for name, fault in phases:
                results.append((name, _phase(port, post, args.clients, args.seconds, fault)))
        stored = _stored_acts(env)
        forget_redis_keys(args.redis_url)
    print()
    print(f"{'phase':<22}{'sent':>8}{'acked':>8}{'503':>7}{'5xx':>6}{'none':>6}{'slowest':>10}")
    for name, t in results:
        print(
            f"{name:<22}{t.sent:>8,}{t.acknowledged:>8,}{t.unavailable:>7,}"
            f"{t.server_errors:>6,}{t.no_answer:>6,}{t.slowest:>9.2f}s"
            + (f"  other: {t.other}" if t.other else "")
        )
    acknowledged = sum(t.acknowledged for _name, t in results)
    print(f"\nacts acknowledged: {acknowledged:,}; acts stored: {stored:,}")
    print(
        f"load: {args.clients} client threads, new fans' action POSTs, {args.seconds:g} s a "
        f"phase; granian {WORKERS} workers on {HOST}; the load shares this machine's cores"
    )
    if stored < acknowledged:
        print("LOST: fewer acts stored than acknowledged", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
