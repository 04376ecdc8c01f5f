"""A fan's steps through the story link, each alone and as a session, next to nginx serving them.

Run it with the project's venv (needs wrk and nginx: ``sudo apt-get install -y wrk nginx-light``)::

    .venv/bin/python bench/funnel.py --source ../shared/data
    .venv/bin/python bench/funnel.py --source ../shared/data \\
        --database-url postgres://postgres@127.0.0.1:5432/takeaction_funnel \\
        --redis-url redis://127.0.0.1:6379/13

It builds its own data in a temporary directory (``migrate``, ``demo_load``, a story link
``/s/bench-story``, ``officials_sync --source``, ``collectstatic``), in SQLite with each
worker's memory cache by default (what ``make demo`` runs), or in a PostgreSQL database it
creates and drops, with the cache in Redis. Then, on free loopback ports:

1. Django under granian (``--interface wsgi --blocking-threads 1``, ``--workers`` as given)
   answers each step once, and its bytes are written out: the short link's redirect, the
   landing with ``?src=`` (its body and its ``Set-Cookie``), the page, ``counts.json``, the
   lookup answer the page script asks for (``officials/?zip=…&fragment=1``) for each of
   ``--zips`` real ZIPs.
2. nginx (``worker_processes auto``, no access log) serves those bytes statically: the
   redirect with ``return 302``, the landing with its cookie as a fixed header, the lookups by
   ``$arg_zip``. That is the ceiling of this machine for the same answers.
3. **Each step alone**: ``wrk -t2 -c256`` on nginx, then on Django, for each GET step; the
   lookup walks the ZIPs in turn. The share of nginx and Django's p99 are printed.
4. **A fan session**, as the page's script makes it for a first-time fan: the short link, the
   landing (which gives the CSRF cookie), three polls of ``counts.json``, the lookup (a ZIP of
   the list; the script needs no ``me.json`` for a fan who has not acted yet), and one act
   (``POST …/act/`` with the cookie and its value as the token, ``Accept: application/json``,
   no supporter cookie, so each act is a new fan's and is committed). wrk runs one connection
   per thread, so that its Lua script can time each step: fan sessions per second and each
   step's p99, next to nginx serving the same GETs (the act left out: nginx cannot commit one).
5. The act alone, as ``action_post.py`` measures it, against ``minimal_post_app.py`` (a bare
   Django view committing one row, no middleware) under the same load: the act's share of it.

Nothing is asserted; the ratios are the figures to compare. wrk and nginx share the two cores
with the server, and a wrk thread per connection (the session rows) costs wrk more CPU than
two threads do, which takes from the faster server most: compare the session rows with each
other, and the step rows with each other.
"""

import argparse
import contextlib
import http.client
import http.cookies
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from action_post import (
    ACT_BODY,
    Database,
    acknowledged,
    app_env,
    forget_redis_keys,
    measure_reference,
    postgres_database,
)
from comparison import Comparison, caveats_line
from loadgen import Post, WrkGenerator
from servers import (
    BASELINE_APP,
    BENCH_DIR,
    DJANGO_APP,
    HOST,
    REPO,
    Reply,
    free_port,
    granian_flags,
    run_manage,
    serve,
    stop,
    wait_ready,
    workspace,
)

SLUG = "families-belong-together"
PAGE = f"/c/{SLUG}/"
CODE = "bench-story"
SHORT = f"/s/{CODE}"
LANDING = f"{PAGE}?src={CODE}"
COUNTS = f"{PAGE}counts.json"
LOOKUP = f"{PAGE}officials/?fragment=1&zip="
ACT = f"{PAGE}act/"
SOURCE_SETUP = (
    "from takeaction.campaigns.models import Campaign, Source; "
    f"Source.objects.get_or_create(code={CODE!r}, defaults=dict(name='Bench story', "
    f"campaign=Campaign.objects.get(slug={SLUG!r})))"
)
ZIP_LIST = (
    "from takeaction.officials.snapshot import current_snapshot; "
    "print(' '.join(sorted(current_snapshot().zip_index)))"
)
SEED = 13
# Extra seconds of warm-up for the lookups: with the per-worker memory cache each worker
# renders each district's answer once (about 7 ms each here).
LOOKUP_WARMUP = 5
GOAL_SHARE = 0.5
GOAL_P99_MS = 50.0
ACT_GOAL_SHARE = 0.4


@dataclass(frozen=True)
class Step:
    """One GET step of the funnel: its paths (in turn) and the status it answers."""

    name: str
    paths: tuple[str, ...]
    status: int = 200


# --- The bytes nginx serves -----------------------------------------------------------------


def get(port: int, path: str, headers: dict | None = None):
    """GET once: (status, headers as a message, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()


def checked(port: int, path: str, status: int = 200):
    got, headers, body = get(port, path)
    if got != status:
        raise RuntimeError(f"{path} answered {got}, expected {status}: {body[:300]!r}")
    return headers, body


NGINX_CONF = """worker_processes auto;
{user}
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  absolute_redirect off;
  default_type application/octet-stream;
  map $arg_src $landing_cookie {{ "" ""; default '{cookie}'; }}
  server {{
    listen {host}:{port};
    root {root}/www;
    location = {short} {{ return 302 '{location}'; }}
    location = {page} {{
      add_header Set-Cookie $landing_cookie;  # sent only with ?src=, as Django does
      default_type text/html; try_files /page.html =404;
    }}
    location = {page}counts.json {{ default_type application/json; try_files /counts.json =404; }}
    location = {page}officials/ {{ default_type text/html; try_files /lookup/$arg_zip.html =404; }}
  }}
}}
"""


def save_static_copies(port: int, root: Path, zips: list[str]) -> dict[str, str]:
    """Fetch each step's answer from Django once and write it where nginx serves it."""
    www = root / "www"
    (www / "lookup").mkdir(parents=True)
    headers, _body = checked(port, SHORT, 302)
    location = headers["Location"]
    _headers, page = checked(port, PAGE)
    headers, landing = checked(port, LANDING)
    if landing != page:
        raise RuntimeError("the landing's body is not the page's")
    cookie = headers["Set-Cookie"]
    (www / "page.html").write_bytes(page)
    (www / "counts.json").write_bytes(checked(port, COUNTS)[1])
    for zip_code in zips:
        (www / "lookup" / f"{zip_code}.html").write_bytes(checked(port, LOOKUP + zip_code)[1])
    return {"location": location, "cookie": cookie.replace("'", "")}


def bare_replies(port: int, steps: list["Step"]) -> dict[str, Reply]:
    """Each step's answer to its first path, for the bare WSGI callable to serve."""
    out = {}
    for step in steps:
        headers, body = checked(port, step.paths[0], step.status)
        out[step.name] = Reply(step.status, body, headers.get("Content-Type", ""))
    return out


@contextlib.contextmanager
def serve_bare(reply: Reply, location: str, tmp: Path, workers: int):
    """``baseline_app.py`` under granian with this reply's bytes (and status, for a redirect)."""
    body_file = tmp / "bare_body"
    body_file.write_bytes(reply.body)
    env = {
        **os.environ,
        "BENCH_BODY_FILE": str(body_file),
        "BENCH_CONTENT_TYPE": reply.content_type,
    }
    if reply.status == 302:
        env.update(BENCH_STATUS="302 Found", BENCH_LOCATION=location)
    log = tmp / "servers.log"
    with serve(BASELINE_APP, BENCH_DIR, env, log, workers=workers, ready="/") as port:
        yield port


@contextlib.contextmanager
def serve_nginx(root: Path, answers: dict[str, str]):
    """nginx on a free loopback port serving the saved answers; yield the port."""
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""  # else workers could not read a 0700 tmp
    conf = NGINX_CONF.format(
        user=user, root=root, host=HOST, port=port, short=SHORT, page=PAGE, **answers
    )
    (root / "nginx.conf").write_text(conf)
    log = root / "nginx-error.log"
    cmd = [shutil.which("nginx") or "nginx", "-p", str(root), "-c", str(root / "nginx.conf")]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_ready(proc, port, PAGE, log)
        yield port
    finally:
        stop(proc)


# --- A fan session: wrk with a thread per connection, each step timed in its Lua script ------

SESSION_LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } ta_timespec;
int clock_gettime(int clock, ta_timespec *now);
]]
local clock = ffi.new("ta_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end
local steps = STEPS
local zips = ZIPS
local threads, counter = {}, 0
function setup(thread)
  thread:set("offset", counter * 37)
  counter = counter + 1
  table.insert(threads, thread)
end
-- Flat tables of numbers only: wrk's thread:get crashes copying nested tables. Each
-- entry is step * 1e9 + microseconds (no step takes 1e9 us, the timeout is 5 s).
timings, unexpected = {}, {}
for k = 1, #steps do unexpected[k] = 0 end
local i, z, current, started = 0, 0, 1, 0
function init(args) z = offset or 0 end
function request()
  i = i + 1
  current = (i - 1) % #steps + 1
  local step = steps[current]
  local path = step.path
  if step.zip then z = z % #zips + 1; path = path .. zips[z] end
  started = now_us()
  return wrk.format(step.method, path, step.headers, step.body)
end
function response(status, headers, body)
  timings[#timings + 1] = current * 1e9 + (now_us() - started)
  if status ~= steps[current].status then unexpected[current] = unexpected[current] + 1 end
end
function done(summary, latency, requests)
  local out = {duration_us = summary.duration, errors = summary.errors, steps = {}}
  for k = 1, #steps do out.steps[k] = {name = steps[k].name, latencies = {}, unexpected = 0} end
  for _, thread in ipairs(threads) do
    for _, value in ipairs(thread:get("timings")) do
      local k = math.floor(value / 1e9)
      local into = out.steps[k].latencies
      into[#into + 1] = string.format("%.0f", value - k * 1e9)
    end
    local bad = thread:get("unexpected")
    for k = 1, #steps do out.steps[k].unexpected = out.steps[k].unexpected + bad[k] end
  end
  local file = io.open(RESULT_FILE, "w")
  file:write("{\"duration_us\": ", out.duration_us, ", \"steps\": [")
  for k, step in ipairs(out.steps) do
    if k > 1 then file:write(", ") end
    file:write("{\"name\": \"", step.name, "\", \"unexpected\": ", step.unexpected,
      ", \"latencies\": [", table.concat(step.latencies, ","), "]}")
  end
  file:write("]}")
  file:close()
end
"""


def lua_value(value) -> str:
    """A Lua literal for JSON-able values (strings, numbers, booleans, lists, dicts)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "{" + ", ".join(lua_value(item) for item in value) + "}"
    return "{" + ", ".join(f"[{json.dumps(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"


def session_steps(token: str | None, cookie: str | None) -> list[dict]:
    """The requests of one first-time fan, in order; with no token, the GETs only."""
    get_step = {"method": "GET", "headers": {}, "body": ""}
    steps = [
        {**get_step, "name": "short link", "path": SHORT, "status": 302},
        {**get_step, "name": "landing ?src=", "path": LANDING, "status": 200},
        *({**get_step, "name": "counts.json", "path": COUNTS, "status": 200} for _ in range(3)),
        {**get_step, "name": "lookup", "path": LOOKUP, "status": 200, "zip": True},
    ]
    if token is not None:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Cookie": f"csrftoken={cookie}",
            "X-CSRFToken": token,
        }
        steps.append(
            {"method": "POST", "name": "act", "path": ACT, "status": 200, "headers": headers}
            | {"body": ACT_BODY}
        )
    return steps


@dataclass
class SessionResult:
    sessions_per_second: float
    requests_per_second: float
    steps: list[tuple[str, int, float, int]]  # name, responses, p99 ms, unexpected


def run_sessions(port: int, steps: list[dict], zips: list[str], connections: int, seconds: int):
    """wrk with one connection per thread walking ``steps``; what each step took."""
    with tempfile.TemporaryDirectory(prefix="takeaction-bench-session-") as tmp:
        result_file = Path(tmp) / "result.json"
        script = SESSION_LUA.replace("STEPS", lua_value(steps)).replace("ZIPS", lua_value(zips))
        script = script.replace("RESULT_FILE", json.dumps(str(result_file)))
        (Path(tmp) / "session.lua").write_text(script)
        cmd = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
        cmd += ["-s", str(Path(tmp) / "session.lua"), f"http://{HOST}:{port}/"]
        subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 60)
        data = json.loads(result_file.read_text())
    duration = data["duration_us"] / 1e6
    rows, total = [], 0
    for step in data["steps"]:
        latencies = sorted(step["latencies"])
        total += len(latencies)
        p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] / 1000 if latencies else 0.0
        rows.append((step["name"], len(latencies), p99, step["unexpected"]))
    last = rows[-1]
    completed = last[1] - last[3]  # the last step of each session, answered as expected
    return SessionResult(completed / duration, total / duration, rows)


def merge_steps(rows):
    """The three polls as one row: every poll's latency counts toward its p99 (the max here)."""
    merged: dict[str, list] = {}
    for name, count, p99, bad in rows:
        if name in merged:
            merged[name][0] += count
            merged[name][1] = max(merged[name][1], p99)
            merged[name][2] += bad
        else:
            merged[name] = [count, p99, bad]
    return merged


# --- Set-up and report -----------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_source = os.environ.get("OFFICIALS_SOURCE") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--source", default=default_source, help="officials data directory")
    parser.add_argument("--duration", type=int, default=8, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=256, help="for each step alone")
    parser.add_argument("--session-connections", type=int, default=64, help="wrk threads too")
    parser.add_argument("--workers", type=int, default=2, help="granian workers (demo: 1)")
    parser.add_argument("--zips", type=int, default=500, help="real ZIPs the lookups walk")
    parser.add_argument("--database-url", help="postgres://…: a database created and dropped")
    parser.add_argument("--redis-url", help="the app's cache in Redis (default: memory)")
    args = parser.parse_args()
    if not Path(args.source).is_dir():
        parser.error(f"officials data not found at {args.source}: pass --source DIR")
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            parser.error(f"{tool} is not installed: sudo apt-get install -y wrk nginx-light")
    return args


def reference_rate(wrk: WrkGenerator, env: dict, db: Database, tmp: Path, args):
    """``action_post.py``'s reference row: a bare Django view committing one row per POST."""
    with contextlib.closing(db.connect()) as conn:
        conn.execute(db.scratch_ddl())
        conn.commit()
    bench = Comparison(wrk, args.workers, args.duration, args.warmup)
    return measure_reference(bench, env, db, tmp, tmp / "servers.log")


def prepare(env: dict[str, str], source: str, count: int) -> list[str]:
    """The data; return ``count`` real ZIPs, drawn with a fixed seed."""
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "demo_load")
    run_manage(env, "shell", "-c", SOURCE_SETUP)
    run_manage(env, "officials_sync", "--source", source)
    run_manage(env, "collectstatic", "--noinput", "-v0")
    known = run_manage(env, "shell", "-c", ZIP_LIST).split()
    return random.Random(SEED).sample(known, min(count, len(known)))


def csrf_pair(port: int) -> tuple[str, str]:
    """The CSRF cookie a landing gives a new fan, and the token the page script sends with it.

    The script sends the cookie's value itself (Django takes the secret as a token).
    """
    status, headers, _body = get(port, LANDING)
    cookies = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if status != 200 or "csrftoken" not in cookies:
        raise RuntimeError(f"{LANDING} answered {status} without a CSRF cookie")
    return cookies["csrftoken"].value, cookies["csrftoken"].value


def measure_steps(wrk: WrkGenerator, port: int, steps: list[Step], warmup: int, seconds: int):
    out = {}
    for step in steps:
        # Many paths (the lookups) warm longer: every worker stores each answer once first.
        wrk.run(
            port, step.paths, warmup + (LOOKUP_WARMUP if len(step.paths) > 1 else 0), step.status
        )
        out[step.name] = wrk.run(port, step.paths, seconds, step.status)
        print(f"    {step.name}: {out[step.name].rps:,.0f} req/s", flush=True)
    return out


def run(args, tmp: Path) -> list[str]:
    var_dir = tmp / "var"
    var_dir.mkdir()
    env = app_env(var_dir, args)
    setup = "PostgreSQL + Redis" if args.database_url else "SQLite + per-worker memory cache"
    print(f"Preparing data in {tmp} on {setup} ...", flush=True)
    zips = prepare(env, args.source, args.zips)
    log_path = tmp / "servers.log"
    serving = {"workers": args.workers, "ready": PAGE}
    lookups = tuple(LOOKUP + zip_code for zip_code in zips)
    steps = [
        Step("short link /s/<code>", (SHORT,), 302),
        Step("landing with ?src=", (LANDING,)),
        Step("the page (cached)", (PAGE,)),
        Step("counts.json", (COUNTS,)),
        Step(f"lookup fragment, {len(zips)} real ZIPs", lookups),
    ]
    wrk = WrkGenerator(shutil.which("wrk"), 2, args.connections)
    static_root = tmp / "nginx"
    static_root.mkdir()
    with serve(DJANGO_APP, REPO, env, log_path, **serving) as port:
        answers = save_static_copies(port, static_root, zips)
        replies = bare_replies(port, steps)
    print(f"Each step alone ({wrk.describe(args.duration)}):", flush=True)
    with serve_nginx(static_root, answers) as port:
        print("  nginx, static copies:", flush=True)
        nginx = measure_steps(wrk, port, steps, args.warmup, args.duration)
        print(f"A fan session on nginx, {args.session_connections} connections:", flush=True)
        nginx_session = run_sessions(
            port, session_steps(None, None), zips, args.session_connections, args.duration
        )
    print("  bare WSGI callable (granian, the same flags), each step's bytes:", flush=True)
    bare = {}
    for step in steps:
        with serve_bare(replies[step.name], answers["location"], tmp, args.workers) as port:
            bare |= measure_steps(
                wrk, port, [Step(step.name, ("/",), step.status)], 1, args.duration
            )
    with serve(DJANGO_APP, REPO, env, log_path, **serving) as port:
        print("  Django:", flush=True)
        django = measure_steps(wrk, port, steps, args.warmup, args.duration)
        token, cookie = csrf_pair(port)
        fan = session_steps(token, cookie)
        print(f"A fan session on Django, {args.session_connections} connections:", flush=True)
        run_sessions(port, fan, zips, args.session_connections, args.warmup)
        django_session = run_sessions(port, fan, zips, args.session_connections, args.duration)
        act = Post(ACT_BODY, fan[-1]["headers"])
        print(f"The act alone ({wrk.describe(args.duration)}):", flush=True)
        wrk.run(port, (ACT,), args.warmup, 200, act)
        act_ok, act_result = acknowledged(wrk.run(port, (ACT,), args.duration, 200, act))
    db = Database(url=args.database_url) if args.database_url else None
    db = db or Database(path=var_dir / "takeaction.sqlite3")
    reference = reference_rate(wrk, env, db, tmp, args)
    print_steps(steps, nginx, bare, django)
    print_sessions(nginx_session, django_session)
    share = act_result.rps / reference.rps if reference.rps else 0.0
    verdict = "met" if share >= ACT_GOAL_SHARE else "NOT met"
    print()
    print(
        f"act alone: {act_result.rps:,.0f} acknowledged/s (p99 {act_result.p99_ms:.1f} ms, "
        f"{act_ok:,} 200s); bare Django view committing one row: {reference.rps:,.0f}/s; "
        f"share {share:.2f} (goal >= {ACT_GOAL_SHARE}: {verdict})"
    )
    return [
        f"setup: {setup}; granian {version('granian')} {' '.join(granian_flags(args.workers))}, "
        f"Django {version('django')}, Python {platform.python_version()}; "
        f"nginx {nginx_version()} worker_processes auto, access_log off",
        f"data: demo campaign {PAGE}, {len(zips)} ZIPs drawn from the synced data (seed {SEED})",
    ]


def nginx_version() -> str:
    done = subprocess.run(["nginx", "-v"], capture_output=True, text=True, check=False)
    found = re.search(r"nginx/([\d.]+)", done.stderr + done.stdout)
    return found.group(1) if found else "?"


def print_steps(steps: list[Step], nginx: dict, bare: dict, django: dict) -> None:
    print()
    width = max(len(step.name) for step in steps)
    head = f"{'step (alone)':<{width}}  {'nginx':>7}  {'bare WSGI':>9}  {'Django':>7}"
    head += f"  {'share':>5}  {'of bare':>7}  {'p99':>8}  {'errors':>6}  goal"
    print(head)
    print("-" * len(head))
    for step in steps:
        ours, theirs, ceiling = django[step.name], nginx[step.name], bare[step.name]
        share = ours.rps / theirs.rps if theirs.rps else 0.0
        of_bare = ours.rps / ceiling.rps if ceiling.rps else 0.0
        p99 = ours.p99_ms or 0.0
        met = share >= GOAL_SHARE and p99 < GOAL_P99_MS and not ours.unexpected
        print(
            f"{step.name:<{width}}  {theirs.rps:>7,.0f}  {ceiling.rps:>9,.0f}  {ours.rps:>7,.0f}"
            f"  {share:>5.2f}  {of_bare:>7.2f}  {p99:>5.1f} ms  {ours.unexpected:>6}"
            f"  {'met' if met else 'NOT met'}"
        )
    print(
        f"req/s; share = Django / nginx, of bare = Django / a bare WSGI callable serving the "
        f"same bytes under granian; goal: share >= {GOAL_SHARE}, p99 < {GOAL_P99_MS:g} ms, "
        "no errors"
    )


def print_sessions(nginx: SessionResult, django: SessionResult) -> None:
    print()
    ours, theirs = merge_steps(django.steps), merge_steps(nginx.steps)
    head = f"{'fan session step':<16}  {'nginx p99':>9}  {'Django p99':>10}  {'unexpected':>10}"
    print(head)
    print("-" * len(head))
    for name, (count, p99, bad) in ours.items():
        static = f"{theirs[name][1]:>6.1f} ms" if name in theirs else f"{'n/a':>9}"
        print(f"{name:<16}  {static}  {p99:>7.1f} ms  {bad:>10}  ({count:,} answers)")
    share = django.sessions_per_second / nginx.sessions_per_second
    print(
        f"fan sessions/s: Django {django.sessions_per_second:,.0f} (acts included, "
        f"{django.requests_per_second:,.0f} req/s); nginx, the same GETs: "
        f"{nginx.sessions_per_second:,.0f} ({nginx.requests_per_second:,.0f} req/s); "
        f"share {share:.2f}"
    )


def main() -> None:
    args = parse_args()
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    with workspace("takeaction-bench-funnel-") as tmp:
        database = postgres_database(args.database_url) if args.database_url else None
        try:
            with database or contextlib.nullcontext():
                notes = run(args, tmp)
        finally:
            if args.redis_url:
                forget_redis_keys(args.redis_url)
    print()
    for note in notes:
        print(f"note: {note}")
    print(caveats_line(load_before) + f" The run took {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    sys.exit(main())
