"""Speed and memory of the officials lookup: in process, and over HTTP against a bare baseline.

Run it with the project's venv::

    .venv/bin/python bench/officials_lookup.py [--source DIR] [--duration S]

``--source`` defaults to ``$OFFICIALS_SOURCE`` or ``../shared/data`` next to the repository. The
script builds its own SQLite database in a temporary directory (migrate, then ``officials_sync``
from the source, timed), then:

1. in this process: loads the snapshot and builds the STRtree (timed, with tracemalloc and RSS
   figures), warms up, and times 10,000 ``lookup_zip`` calls on random real ZIPs and 10,000
   ``lookup_point`` calls on random points inside districts, one ``perf_counter_ns`` per call;
2. over HTTP, one server at a time on a free loopback port, granian ``--interface wsgi
   --workers 1 --blocking-threads 1``: a bare WSGI callable answering the JSON bytes of
   ``/api/v1/officials?zip=10001`` (the baseline), then Django answering that URL, rotating
   over real ZIPs, and rotating over the sampled points.

Goals are printed next to the figures; nothing is asserted.
"""

import argparse
import collections
import contextlib
import gc
import http.client
import json
import math
import multiprocessing
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "bench"
VENV_BIN = REPO / ".venv" / "bin"
HOST = "127.0.0.1"
AVOID_PORTS = {8000}  # the developer's own server may be there
GRANIAN_FLAGS = ["--interface", "wsgi", "--workers", "1", "--blocking-threads", "1"]
DJANGO_APP = "config.wsgi:application"
BASELINE_APP = "json_baseline_app:application"
API_PATH = "/api/v1/officials"
FIXED_ZIP = "10001"
SAMPLES = 10_000
WARMUP_LOOKUPS = 500
ROTATING_PATHS = 1_000
SEED = 20_251_126
ZIP_GOAL_US = 1_000
POINT_GOAL_US = 2_000
WRK_THREADS, WRK_CONNECTIONS = 2, 32
HTTP_WARMUP_SECONDS = 1
READY_TIMEOUT_SECONDS = 30
MB = 1024 * 1024


# --- Set-up ---------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_source = os.environ.get("OFFICIALS_SOURCE") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--source", default=default_source, help="officials data directory")
    parser.add_argument("--duration", type=int, default=5, help="seconds per measured HTTP run")
    args = parser.parse_args()
    if args.duration < 1:
        parser.error("--duration must be at least 1")
    return args


def check_source(source: str) -> Path:
    """Return the source directory, or exit with status 2 if it is not one."""
    path = Path(source)
    if not path.is_dir():
        print(
            f"Officials data directory not found: {source}\n"
            "Pass --source DIR or set OFFICIALS_SOURCE to a directory holding "
            "congress-legislators/, zcta-cd/ and cd-boundaries/.",
            file=sys.stderr,
        )
        sys.exit(2)
    return path.resolve()


def django_env(var_dir: Path) -> dict[str, str]:
    """Environment for manage.py, Django in this process and the server: dev settings, DEBUG off."""
    env = dict(os.environ)
    # The benchmark's own SQLite file and a per-process memory cache, whatever the shell says.
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0", TAKEACTION_VAR_DIR=str(var_dir)
    )
    return env


def run_manage(env: dict[str, str], *args: str) -> str:
    """Run one manage.py command; return its output, or exit with it if the command fails."""
    done = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare_database(env: dict[str, str], source: Path) -> None:
    """Migrate a fresh database and load the officials data into it, printing the sync time."""
    run_manage(env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    output = run_manage(env, "officials_sync", "--source", str(source))
    seconds = time.perf_counter() - started
    loaded = next((line for line in output.splitlines() if line.startswith("Loaded")), "")
    print(f"officials_sync: {seconds:.2f} s wall (one manage.py process, start-up included)")
    if loaded:
        print(f"  {loaded}")


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process against the benchmark's database."""
    os.environ.update(env)
    import django

    django.setup()


def close_django_connections() -> None:
    """Close this process's database connections before the temporary directory goes."""
    from django.db import connections

    connections.close_all()


# --- In-process measurements --------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """This process's resident set size and its high-water mark, in MB (from /proc)."""
    status = Path("/proc/self/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(values.get("VmRSS", 0)) / 1024, int(values.get("VmHWM", 0)) / 1024


def percentile(sorted_values: list, fraction: float):
    """Nearest-rank percentile of an already sorted, non-empty list."""
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def load_and_build() -> tuple[object, dict[str, float]]:
    """Load the snapshot and build its STRtree as the first requests would; return timings."""
    from django.db import connection

    from takeaction.officials import geo  # noqa: F401  (numpy and shapely out of the RSS delta)
    from takeaction.officials.snapshot import current_snapshot, snapshot_reset

    snapshot_reset()
    connection.ensure_connection()
    gc.collect()
    figures = {"rss_before": rss_mb()[0]}
    started = time.perf_counter()
    snapshot = current_snapshot()
    figures["load"] = time.perf_counter() - started
    started = time.perf_counter()
    boundaries = snapshot.boundaries
    figures["build_wall"] = time.perf_counter() - started
    figures["build"] = boundaries.build_seconds
    figures["rss_after"], figures["hwm"] = rss_mb()
    return snapshot, figures


def fresh_builds(repeats: int = 3):
    """Time ``BoundaryIndex.from_database()`` a few times; return the last index and the times."""
    from takeaction.officials.geo import BoundaryIndex

    seconds, index = [], None
    for _ in range(repeats):
        index = None
        gc.collect()
        started = time.perf_counter()
        index = BoundaryIndex.from_database()
        seconds.append(time.perf_counter() - started)
    return index, seconds


def traced_allocations() -> dict[str, float]:
    """Python allocations (MB) of a fresh snapshot load and index build, kept alive, and peak."""
    from takeaction.officials.geo import BoundaryIndex
    from takeaction.officials.snapshot import load_snapshot

    gc.collect()
    tracemalloc.start()
    try:
        snapshot = load_snapshot()
        after_snapshot = tracemalloc.get_traced_memory()[0]
        index = BoundaryIndex.from_database()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del snapshot, index
    return {
        "snapshot": after_snapshot / MB,
        "index": (current - after_snapshot) / MB,
        "total": current / MB,
        "peak": peak / MB,
    }


def sample_zips(snapshot, count: int, seed: int) -> list[str]:
    """Real ZIPs drawn uniformly (with replacement) from the snapshot's ZIP index."""
    return random.Random(seed).choices(sorted(snapshot.zip_index), k=count)


def sample_points(index, count: int, seed: int) -> list[tuple[float, float]]:
    """(lat, lon) points, each uniform inside a district chosen uniformly among all districts.

    Rejection sampling in each district's bounding box, kept only when the district contains
    the point, so every point lies in the US and districts weigh alike (about equal population).
    Uses ``index``'s own geometries, so the index under test is not warmed up by the sampling.
    """
    import numpy as np
    import shapely

    rng = np.random.default_rng(seed)
    geometries = index.tree.geometries
    bounds = shapely.bounds(geometries)
    chosen = rng.integers(len(geometries), size=count)
    lats, lons = np.empty(count), np.empty(count)
    pending = np.arange(count)
    for _ in range(10_000):
        if not pending.size:
            return list(zip(lats.tolist(), lons.tolist(), strict=True))
        box = bounds[chosen[pending]]
        x, y = rng.uniform(box[:, 0], box[:, 2]), rng.uniform(box[:, 1], box[:, 3])
        inside = shapely.contains_xy(geometries[chosen[pending]], x, y)
        lons[pending[inside]], lats[pending[inside]] = x[inside], y[inside]
        pending = pending[~inside]
    raise RuntimeError(f"could not place {pending.size} points inside their districts")


@dataclass(frozen=True)
class Timing:
    """Per-call durations of one run of lookups, their statuses and the full GCs during it."""

    durations_ns: list[int]
    statuses: collections.Counter
    full_gcs: int


def time_calls(function, calls: list[tuple]) -> Timing:
    """Call ``function(*args)`` for each args, timing each call alone."""
    durations, results = [], []
    clock = time.perf_counter_ns
    gen2_before = gc.get_stats()[2]["collections"]
    for args in calls:
        started = clock()
        result = function(*args)
        durations.append(clock() - started)
        results.append(result)
    full_gcs = gc.get_stats()[2]["collections"] - gen2_before
    return Timing(durations, collections.Counter(r.status for r in results), full_gcs)


def format_latencies(label: str, timing: Timing, goal_us: int | None = None) -> str:
    """One line: p50/p90/p99/max in µs, calls over 1 ms, full GCs, and the p99 goal if any."""
    values = sorted(timing.durations_ns)
    p50, p90, p99 = (percentile(values, f) / 1000 for f in (0.5, 0.9, 0.99))
    slow = sum(value > 1_000_000 for value in values)
    line = (
        f"  {label:<21} p50 {p50:6.1f}  p90 {p90:6.1f}  p99 {p99:6.1f}  "
        f"max {values[-1] / 1000:8.1f} µs  (>1 ms: {slow}, full GCs: {timing.full_gcs})"
    )
    if goal_us is not None:
        verdict = "met" if p99 < goal_us else "NOT met"
        line += f"  goal p99 < {goal_us / 1000:g} ms: {verdict}"
    return line


def format_statuses(statuses: collections.Counter) -> str:
    """The result statuses of a run, e.g. ``ok 9,650, choose 350``."""
    return ", ".join(f"{status} {count:,}" for status, count in statuses.most_common())


def bench_lookups(zips: list[str], points: list[tuple[float, float]]) -> None:
    """Warm up, then time every ZIP and point lookup one by one and print percentiles."""
    from takeaction.officials.lookup import lookup_point, lookup_zip

    zip_calls = [(zip_code,) for zip_code in zips]
    cold_zip = time_calls(lookup_zip, zip_calls[:WARMUP_LOOKUPS])
    cold_point = time_calls(lookup_point, points[:WARMUP_LOOKUPS])
    zips_run = time_calls(lookup_zip, zip_calls[WARMUP_LOOKUPS:])
    points_run = time_calls(lookup_point, points[WARMUP_LOOKUPS:])
    print(
        f"In-process lookups ({SAMPLES:,} each after {WARMUP_LOOKUPS} warm-up calls, "
        "one perf_counter_ns per call, GC on):"
    )
    print(format_latencies("lookup_zip", zips_run, ZIP_GOAL_US))
    print(format_latencies("lookup_point", points_run, POINT_GOAL_US))
    print(format_latencies("warm-up lookup_zip", cold_zip))
    print(format_latencies("warm-up lookup_point", cold_point))
    print(
        f"  results: ZIPs {format_statuses(zips_run.statuses)}; "
        f"points {format_statuses(points_run.statuses)}"
    )
    print(
        "  samples: ZIPs uniform with replacement over the snapshot's ZIPs "
        f"(random.Random({SEED})); points uniform inside uniformly chosen district polygons "
        "(rejection sampling in each bounding box, only points the district contains)"
    )


def bench_in_process() -> tuple[list[str], list[tuple[float, float]]]:
    """Print load, build, memory and lookup figures; return the samples for the HTTP part."""
    import shapely

    snapshot, figures = load_and_build()
    index, fresh = fresh_builds()
    traced = traced_allocations()
    coordinates = int(shapely.get_num_coordinates(index.tree.geometries).sum())
    print(
        f"Snapshot: {len(snapshot.zip_index):,} ZIPs, {len(snapshot.seats)} seats, "
        f"{len(snapshot.boundaries.keys)} district polygons ({coordinates:,} coordinates)"
    )
    print(f"  snapshot load (current_snapshot, cold): {figures['load'] * 1000:8.1f} ms")
    print(
        f"  STRtree build (BoundaryIndex.build_seconds): {figures['build'] * 1000:8.1f} ms "
        f"(first .boundaries access {figures['build_wall'] * 1000:.1f} ms)"
    )
    print(
        "  fresh BoundaryIndex.from_database(): "
        + ", ".join(f"{s * 1000:.1f}" for s in fresh)
        + " ms (read WKB + parse + prepare + STRtree; GEOS builds each polygon's "
        "edge index lazily on its first query)"
    )
    delta = figures["rss_after"] - figures["rss_before"]
    print(
        f"  RSS (VmRSS): {figures['rss_before']:.1f} MB before load -> "
        f"{figures['rss_after']:.1f} MB after load + build (+{delta:.1f} MB; VmHWM "
        f"{figures['hwm']:.1f} MB); 'before' has Django, numpy, shapely and the DB connection"
    )
    print(
        f"  tracemalloc (a second load + build, kept alive): snapshot {traced['snapshot']:.1f} MB"
        f" + index {traced['index']:.1f} MB = {traced['total']:.1f} MB, peak "
        f"{traced['peak']:.1f} MB; GEOS polygon memory is outside tracemalloc (RSS has it)"
    )
    zips = sample_zips(snapshot, SAMPLES + WARMUP_LOOKUPS, SEED)
    points = sample_points(index, SAMPLES + WARMUP_LOOKUPS, SEED)
    del index
    print()
    bench_lookups(zips, points)
    return zips[WARMUP_LOOKUPS:], points[WARMUP_LOOKUPS:]


# --- Servers --------------------------------------------------------------------------------


def free_port() -> int:
    """A loopback port that is free right now (never one in AVOID_PORTS)."""
    while True:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            port = sock.getsockname()[1]
        if port not in AVOID_PORTS:
            return port


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """GET one path from the local server: (status, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def log_tail(path: Path, lines: int = 30) -> str:
    """The last lines of a server log, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_ready(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    """Wait until the server answers HTTP, or fail with its log if it dies or takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_tail(log_path)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            fetch(port, f"{API_PATH}?zip={FIXED_ZIP}")
            return
        time.sleep(0.1)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT_SECONDS} s:\n{log_tail(log_path)}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and its workers (its own process group): TERM, then KILL what lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextlib.contextmanager
def serve(app: str, workdir: Path, env: dict[str, str], log_path: Path):
    """Run granian on a free loopback port for the duration of the block; yield the port."""
    port = free_port()
    cmd = [str(VENV_BIN / "granian"), *GRANIAN_FLAGS, "--host", HOST, "--port", str(port)]
    cmd += ["--working-dir", str(workdir), app]
    with log_path.open("ab") as log:
        # A session of its own, so that stop() can end the whole process group.
        proc = subprocess.Popen(
            cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_ready(proc, port, log_path)
        yield port
    finally:
        stop(proc)


def raise_on_sigterm(signum, frame):
    """Turn SIGTERM into SystemExit so that every ``finally`` stops its server."""
    raise SystemExit(128 + signum)


# --- Load generators ------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One row of the HTTP table: the paths requested in turn (one path = a fixed URL)."""

    label: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """What one load-generator run measured."""

    requests: int
    rps: float
    p99_ms: float | None
    errors: int  # non-2xx/3xx responses plus socket errors


WRK_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
WRK_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.M)
WRK_P99 = re.compile(r"^\s*99%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
# Each wrk thread runs its own copy of the script: it walks the list from its own offset.
WRK_ROTATE_LUA = """local paths = %s
local i, threads = 0, 0
function setup(thread)
  thread:set("start", threads * 499)
  threads = threads + 1
end
function init(args)
  i = (start or 0) %% #paths
end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def parse_wrk(output: str) -> Result:
    """Read requests, req/s, p99 and errors out of ``wrk --latency`` output."""
    rps, requests = WRK_RPS.search(output), WRK_REQUESTS.search(output)
    if rps is None or requests is None:
        raise RuntimeError(f"could not parse wrk output:\n{output}")
    p99 = WRK_P99.search(output)
    non_2xx = WRK_NON_2XX.search(output)
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    return Result(
        requests=int(requests.group(1)),
        rps=float(rps.group(1)),
        p99_ms=float(p99.group(1)) * WRK_UNITS_MS[p99.group(2)] if p99 else None,
        errors=(int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    )


class WrkGenerator:
    """wrk with 2 threads and 32 keep-alive connections; a Lua script rotates the paths."""

    def __init__(self, executable: str, workdir: Path):
        self.executable = executable
        self.workdir = workdir
        done = subprocess.run([executable, "-v"], capture_output=True, text=True, check=False)
        first_line = (done.stdout + done.stderr).splitlines()[:1]
        self.name = first_line[0].split(" [")[0] if first_line else "wrk"

    def describe(self, seconds: int) -> str:
        """The command line, as a reader would type it."""
        return f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{seconds}s --latency"

    def _script(self, paths: tuple[str, ...]) -> Path:
        """Write the Lua script that rotates over ``paths``."""
        script = self.workdir / "rotate.lua"
        table = "{" + ", ".join(json.dumps(path) for path in paths) + "}"
        script.write_text(WRK_ROTATE_LUA % table)
        return script

    def run(self, port: int, paths: tuple[str, ...], seconds: int) -> Result:
        """Load the paths for a bounded time."""
        cmd = [self.executable, f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s"]
        cmd += ["--latency", "--timeout", "5s"]
        if len(paths) > 1:
            cmd += ["-s", str(self._script(paths))]
        cmd.append(f"http://{HOST}:{port}{paths[0]}")
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 30)
        return parse_wrk(done.stdout)


def _client_thread(port: int, paths: tuple, offset: int, deadline: float, out: list) -> None:
    """One keep-alive connection sending GETs back to back, rotating paths, until the deadline."""
    latencies, errors, conn, i = [], 0, None, offset
    while (start := time.perf_counter()) < deadline:
        i = (i + 1) % len(paths)
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request("GET", paths[i])
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            if conn is not None:
                conn.close()
            conn = None
            continue
        latencies.append(time.perf_counter() - start)
        errors += response.status >= 400
    if conn is not None:
        conn.close()
    out.append((latencies, errors))


def _client_process(port: int, paths: tuple, seconds: float, connections: int, first: int):
    """Run ``connections`` client threads in this process; return latencies, errors, elapsed."""
    results: list = []
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=_client_thread, args=(port, paths, first + n, started + seconds, results)
        )
        for n in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = [latency for part in results for latency in part[0]]
    return latencies, sum(part[1] for part in results), time.perf_counter() - started


def _ignore_sigint() -> None:
    """Pool workers leave Ctrl-C to the parent, which terminates the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PythonGenerator:
    """Fallback when wrk is missing: 2 processes of http.client keep-alive threads (32 in all).

    Python spends far more CPU per request than wrk and shares the cores with the server, so
    it saturates first and pulls every ratio toward 1.
    """

    name = "python http.client (fallback, wrk not on PATH)"

    def describe(self, seconds: int) -> str:
        """What runs, in the shape of wrk's command line."""
        return (
            f"{WRK_THREADS} processes x threads, {WRK_CONNECTIONS} keep-alive connections, "
            f"{seconds}s"
        )

    def run(self, port: int, paths: tuple[str, ...], seconds: int) -> Result:
        """Load the paths for a bounded time."""
        share = WRK_CONNECTIONS // WRK_THREADS
        jobs = [(port, paths, seconds, share, n * share) for n in range(WRK_THREADS)]
        with multiprocessing.Pool(len(jobs), initializer=_ignore_sigint) as pool:
            parts = pool.starmap(_client_process, jobs)
        latencies = sorted(latency for part in parts for latency in part[0])
        return Result(
            requests=len(latencies),
            rps=len(latencies) / max(part[2] for part in parts),
            p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
            errors=sum(part[1] for part in parts),
        )


def pick_generator(workdir: Path):
    """wrk if it is on PATH, else the Python fallback."""
    executable = shutil.which("wrk")
    return WrkGenerator(executable, workdir) if executable else PythonGenerator()


# --- HTTP measurements ----------------------------------------------------------------------


def check_target(port: int, target: Target, sample: int = 50) -> float:
    """Fetch the target's first paths, fail on any non-200; return their mean body size."""
    sizes = []
    for path in target.paths[:sample]:
        status, body = fetch(port, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}: {body[:200]!r}")
        sizes.append(len(body))
    return sum(sizes) / len(sizes)


def measure(generator, port: int, target: Target, seconds: int) -> tuple[Result, float]:
    """Check the target, warm the server up, then measure; return the result and body size."""
    size = check_target(port, target)
    generator.run(port, target.paths, HTTP_WARMUP_SECONDS)
    result = generator.run(port, target.paths, seconds)
    print(f"  {target.label}: {result.rps:,.0f} req/s", flush=True)
    return result, size


def http_targets(zips: list[str], points: list[tuple[float, float]]) -> list[Target]:
    """The Django rows: a fixed ZIP, rotating real ZIPs, rotating points."""
    fixed = (f"{API_PATH}?zip={FIXED_ZIP}",)
    rotating_zips = tuple(f"{API_PATH}?zip={z}" for z in zips[:ROTATING_PATHS])
    rotating_points = tuple(
        f"{API_PATH}?lat={lat:.6f}&lon={lon:.6f}" for lat, lon in points[:ROTATING_PATHS]
    )
    return [
        Target(f"Django {fixed[0]}", fixed),
        Target(f"Django {API_PATH}?zip=<{len(rotating_zips):,} real ZIPs in turn>", rotating_zips),
        Target(
            f"Django {API_PATH}?lat&lon=<{len(rotating_points):,} points in turn>", rotating_points
        ),
    ]


def bench_http(generator, env, tmp: Path, zips, points, seconds: int) -> list:
    """Measure the baseline, then Django, one server at a time; return the table rows."""
    log_path = tmp / "servers.log"
    targets = http_targets(zips, points)
    with serve(DJANGO_APP, REPO, env, log_path) as port:
        status, body = fetch(port, targets[0].paths[0])
    if status != 200:
        raise RuntimeError(f"{targets[0].paths[0]} answered {status}: {body[:200]!r}")
    body_file = tmp / "officials.json"
    body_file.write_bytes(body)
    baseline = Target("baseline: bare WSGI callable, same JSON bytes", targets[0].paths)

    print(f"HTTP ({generator.name}, {seconds}s per row after {HTTP_WARMUP_SECONDS}s warm-up):")
    rows = []
    with serve(
        BASELINE_APP, BENCH_DIR, {**env, "BENCH_BODY_FILE": str(body_file)}, log_path
    ) as port:
        rows.append((baseline, *measure(generator, port, baseline, seconds)))
    with serve(DJANGO_APP, REPO, env, log_path) as port:
        for target in targets:
            rows.append((target, *measure(generator, port, target, seconds)))
    return rows


def format_table(rows: list) -> str:
    """Setup, req/s, p99, ratio of req/s to the baseline (first row), mean body size."""
    baseline_rps = rows[0][1].rps
    width = max(len(target.label) for target, _, _ in rows)
    lines = [f"{'setup':<{width}}  {'req/s':>8}  {'p99':>9}  {'ratio':>5}  {'body':>7}"]
    lines.append("-" * len(lines[0]))
    for target, result, size in rows:
        p99 = f"{result.p99_ms:.1f} ms" if result.p99_ms is not None else "n/a"
        ratio = result.rps / baseline_rps if baseline_rps else float("nan")
        lines.append(
            f"{target.label:<{width}}  {result.rps:>8,.0f}  {p99:>9}  {ratio:>5.2f}  {size:>6,.0f}B"
        )
    return "\n".join(lines)


def report_http(rows: list, generator, seconds: int) -> None:
    """Print the HTTP table, the set-up it was measured with and any errors."""
    print()
    print(format_table(rows))
    print(
        f"server: granian {version('granian')} {' '.join(GRANIAN_FLAGS)}, Django "
        f"{version('django')}, Python {platform.python_version()}"
    )
    print(f"load: {generator.name}: {generator.describe(seconds)}, loopback {HOST} only")
    for target, result, _ in rows:
        if result.errors:
            print(f"warning: {target.label}: {result.errors:,} error responses or socket errors")


def print_caveats(load_before: tuple[float, float, float]) -> None:
    """Say what the figures depend on, with the load average from before the run."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{value:.2f}" for value in load_before)
    print(
        f"caveats: nproc={cores} (load average before the run {load}); the load generator "
        "shares these cores with the server, so req/s are this machine's only: compare the "
        "ratios (one run, about ±15%). In-process latencies are single-threaded with nothing "
        "else of ours running."
    )


def main() -> None:
    """Prepare the data, run both parts and print the report."""
    args = parse_args()
    source = check_source(args.source)
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="takeaction-bench-officials-") as name:
            tmp = Path(name)
            var_dir = tmp / "var"
            # Django's API needs no static files; the empty STATIC_ROOT only keeps WhiteNoise quiet.
            (var_dir / "static").mkdir(parents=True)
            env = django_env(var_dir)
            print(f"Source {source}; database in {var_dir}")
            prepare_database(env, source)
            setup_django(env)
            print()
            zips, points = bench_in_process()
            print()
            generator = pick_generator(tmp)
            rows = bench_http(generator, env, tmp, zips, points, args.duration)
            report_http(rows, generator, args.duration)
            close_django_connections()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped")
    print_caveats(load_before)


if __name__ == "__main__":
    main()
