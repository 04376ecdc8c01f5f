"""Throughput of the public campaign page, as ratios to a bare WSGI baseline from the same run.

Run it with the project's venv (``make bench`` does the same)::

    .venv/bin/python bench/campaign_page.py [--duration 5] [--generator auto|wrk|python]

It builds its own SQLite database and static files in a temporary directory, then serves, one
at a time on a free loopback port, with granian ``--interface wsgi --workers 2
--blocking-threads 1`` (the flags of /work/shared/PERFORMANCE-NOTES.md):

1. the baseline: ``bench/baseline_app.py``, a bare WSGI callable answering with the very bytes
   of the campaign page, fetched from Django first;
2. Django (``config.wsgi:application``): the cached campaign page, the home page (rendered per
   request) and a 404 for an unknown slug.

Figures are printed as ratios of req/s to the baseline; nothing is asserted. Absolute req/s
depend on the machine and on the load generator sharing its cores.
"""

import argparse
import collections
import contextlib
import http.client
import math
import multiprocessing
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "bench"
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
AVOID_PORTS = {8000}  # another server may be there
GRANIAN_FLAGS = ["--interface", "wsgi", "--workers", "2", "--blocking-threads", "1"]
DJANGO_APP = "config.wsgi:application"
BASELINE_APP = "baseline_app:application"
CAMPAIGN_PATH = "/c/families-belong-together/"
READY_TIMEOUT_SECONDS = 30
WRK_INSTALL_HINT = "sudo apt-get install -y wrk"


@dataclass(frozen=True)
class Target:
    """One row of the table: what to request and which status counts as a success."""

    label: str
    path: str
    expect_status: int = 200


@dataclass(frozen=True)
class Result:
    """What one load-generator run measured."""

    requests: int
    rps: float
    p99_ms: float | None
    unexpected: int  # responses with another status than expected, plus socket errors


BASELINE = Target("baseline: bare WSGI callable, same bytes", CAMPAIGN_PATH)
DJANGO_TARGETS = [
    Target(f"Django campaign page {CAMPAIGN_PATH} (cached)", CAMPAIGN_PATH),
    Target("Django home page / (rendered per request)", "/"),
    Target("Django unknown slug (404)", "/c/no-such-campaign-bench/", 404),
]


# --- Processes ----------------------------------------------------------------------------


def python_executable() -> str:
    """The project's venv python, or the one running this script if there is no venv."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def django_env(var_dir: Path) -> dict[str, str]:
    """Environment for manage.py and the Django server: dev settings, DEBUG off, data in var_dir."""
    env = dict(os.environ)
    # The benchmark's own SQLite file and a per-worker memory cache, whatever the shell says.
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="0",
        TAKEACTION_VAR_DIR=str(var_dir),
    )
    return env


def run_manage(env: dict[str, str], *args: str) -> None:
    """Run one manage.py command quietly; show its output only if it fails."""
    done = subprocess.run(
        [python_executable(), "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def prepare_data(env: dict[str, str]) -> None:
    """Create the database, the demo campaigns and the collected static files."""
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "demo_load")
    run_manage(env, "collectstatic", "--noinput", "-v0")


def free_port() -> int:
    """A loopback port that is free right now (never one in AVOID_PORTS)."""
    while True:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            port = sock.getsockname()[1]
        if port not in AVOID_PORTS:
            return port


def log_tail(path: Path, lines: int = 30) -> str:
    """The last lines of a server log, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """GET one path from the local server: (status, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    """Wait until the server answers HTTP, or fail with its log if it dies or takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_tail(log_path)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            fetch(port, "/")
            return
        time.sleep(0.1)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT_SECONDS} s:\n{log_tail(log_path)}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and its workers (its own process group): TERM, then KILL what lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    # Sweep the group: workers that outlived the main process, or a main process that hung.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextlib.contextmanager
def serve(app: str, workdir: Path, env: dict[str, str], log_path: Path):
    """Run granian on a free loopback port for the duration of the block; yield the port."""
    port = free_port()
    cmd = [python_executable(), "-m", "granian", *GRANIAN_FLAGS]
    cmd += ["--host", HOST, "--port", str(port), "--working-dir", str(workdir), app]
    with log_path.open("ab") as log:
        # A session of its own: Ctrl-C reaches only this script, which then stops the group.
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


# --- Load generators ----------------------------------------------------------------------


def unexpected_count(requests: int, non_2xx_3xx: int, errors: int, expect_status: int) -> int:
    """Responses that are not what the row expects, from wrk's coarse counters."""
    if expect_status < 400:
        return non_2xx_3xx + errors
    return requests - non_2xx_3xx + errors


WRK_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
WRK_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.M)
WRK_P99 = re.compile(r"^\s*99%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)


def parse_wrk(output: str, expect_status: int) -> Result:
    """Read requests, req/s, p99 and errors out of ``wrk --latency`` output."""
    rps, requests = WRK_RPS.search(output), WRK_REQUESTS.search(output)
    if rps is None or requests is None:
        raise RuntimeError(f"could not parse wrk output:\n{output}")
    p99 = WRK_P99.search(output)
    non_2xx = WRK_NON_2XX.search(output)
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    count = int(requests.group(1))
    return Result(
        requests=count,
        rps=float(rps.group(1)),
        p99_ms=float(p99.group(1)) * WRK_UNITS_MS[p99.group(2)] if p99 else None,
        unexpected=unexpected_count(
            count,
            int(non_2xx.group(1)) if non_2xx else 0,
            sum(map(int, socket_errors.groups())) if socket_errors else 0,
            expect_status,
        ),
    )


class WrkGenerator:
    """wrk, as in the performance notes: N threads, C keep-alive connections, --latency."""

    def __init__(self, executable: str, threads: int, connections: int):
        self.executable = executable
        self.threads = threads
        self.connections = connections
        first_line = self._version_output().splitlines()[:1]
        self.name = first_line[0].split(" [")[0] if first_line else "wrk"

    def _version_output(self) -> str:
        done = subprocess.run([self.executable, "-v"], capture_output=True, text=True, check=False)
        return done.stdout + done.stderr

    def describe(self, seconds: int) -> str:
        """The command line, as a reader would type it."""
        return f"wrk -t{self.threads} -c{self.connections} -d{seconds}s --latency"

    def run(self, port: int, path: str, seconds: int, expect_status: int) -> Result:
        """Load one URL for a bounded time."""
        cmd = [self.executable, f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s"]
        cmd += ["--latency", "--timeout", "5s", f"http://{HOST}:{port}{path}"]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 30)
        return parse_wrk(done.stdout, expect_status)


def _client_thread(port: int, path: str, deadline: float, out: list) -> None:
    """One keep-alive connection sending GETs back to back until the deadline."""
    latencies, statuses, errors, conn = [], collections.Counter(), 0, None
    while (start := time.perf_counter()) < deadline:
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            if conn is not None:
                conn.close()
            conn = None
            continue
        latencies.append(time.perf_counter() - start)
        statuses[response.status] += 1
    if conn is not None:
        conn.close()
    out.append((latencies, statuses, errors))


def _client_process(port: int, path: str, seconds: float, connections: int):
    """Run `connections` client threads in this process; return their merged counts."""
    results: list = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=_client_thread, args=(port, path, deadline, results))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = [latency for part in results for latency in part[0]]
    statuses = sum((part[1] for part in results), collections.Counter())
    return latencies, statuses, sum(part[2] for part in results), elapsed


def _init_pool_worker() -> None:
    """Pool workers leave Ctrl-C to the parent and die plainly when it terminates the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked from this script: undo raise_on_sigterm, whose SystemExit could hang the exit.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted, non-empty list."""
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


class PythonGenerator:
    """Fallback when wrk is missing: P processes of http.client keep-alive threads.

    Python spends far more CPU per request than wrk and shares the cores with the server, so
    it saturates first and pulls every ratio toward 1. Prefer wrk for figures worth comparing.
    """

    name = "python http.client (fallback)"

    def __init__(self, processes: int, connections: int):
        self.processes = processes
        self.connections = connections

    def describe(self, seconds: int) -> str:
        """What runs, in the same shape as wrk's command line."""
        return (
            f"{self.processes} processes x http.client threads, {self.connections} keep-alive "
            f"connections, {seconds}s"
        )

    def run(self, port: int, path: str, seconds: int, expect_status: int) -> Result:
        """Load one URL for a bounded time."""
        shares = [self.connections // self.processes] * self.processes
        for index in range(self.connections % self.processes):
            shares[index] += 1
        jobs = [(port, path, seconds, share) for share in shares if share]
        with multiprocessing.Pool(len(jobs), initializer=_init_pool_worker) as pool:
            parts = pool.starmap(_client_process, jobs)
        latencies = sorted(latency for part in parts for latency in part[0])
        statuses = sum((part[1] for part in parts), collections.Counter())
        errors = sum(part[2] for part in parts)
        requests = len(latencies)
        return Result(
            requests=requests,
            rps=requests / max(part[3] for part in parts),
            p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
            unexpected=requests - statuses[expect_status] + errors,
        )


def pick_generator(choice: str, threads: int, connections: int):
    """wrk when asked for or found on PATH, else the Python fallback (with a note saying so)."""
    executable = shutil.which("wrk")
    if choice == "wrk" and executable is None:
        sys.exit(f"wrk is not on PATH; install it with: {WRK_INSTALL_HINT}")
    if executable and choice != "python":
        return WrkGenerator(executable, threads, connections)
    if choice == "auto":
        print(
            "wrk not found: using the slower Python load generator, whose own CPU use compresses "
            f"ratios toward 1. For the figures of the performance notes: {WRK_INSTALL_HINT}"
        )
    return PythonGenerator(threads, connections)


# --- Benchmark ----------------------------------------------------------------------------


def fetch_expected(port: int, target: Target) -> bytes:
    """Fetch a target once and check its status, so a broken page is not benchmarked."""
    status, body = fetch(port, target.path)
    if status != target.expect_status:
        raise RuntimeError(f"{target.path} answered {status}, expected {target.expect_status}")
    return body


def measure(generator, port: int, target: Target, args: argparse.Namespace) -> Result:
    """Check the target, warm the server (every worker) up, then measure."""
    fetch_expected(port, target)
    generator.run(port, target.path, args.warmup, target.expect_status)
    result = generator.run(port, target.path, args.duration, target.expect_status)
    print(f"  {target.label}: {result.rps:,.0f} req/s", flush=True)
    return result


def run_benchmark(generator, args: argparse.Namespace, tmp: Path):
    """Prepare data, capture the page bytes, measure baseline and Django; return rows + notes."""
    var_dir = tmp / "var"
    var_dir.mkdir()
    env = django_env(var_dir)
    log_path = tmp / "servers.log"
    print(f"Preparing data in {tmp} (migrate, demo_load, collectstatic) ...", flush=True)
    prepare_data(env)

    with serve(DJANGO_APP, REPO, env, log_path) as port:
        body = fetch_expected(port, DJANGO_TARGETS[0])
    body_file = tmp / "campaign_page.html"
    body_file.write_bytes(body)

    print(f"Measuring ({generator.name}, {args.duration}s per row after {args.warmup}s warm-up):")
    rows, notes = [], []
    baseline_env = {**os.environ, "BENCH_BODY_FILE": str(body_file)}
    with serve(BASELINE_APP, BENCH_DIR, baseline_env, log_path) as port:
        rows.append((BASELINE, measure(generator, port, BASELINE, args)))
    with serve(DJANGO_APP, REPO, env, log_path) as port:
        for target in DJANGO_TARGETS:
            rows.append((target, measure(generator, port, target, args)))
        if fetch_expected(port, DJANGO_TARGETS[0]) != body:
            notes.append("the campaign page bytes changed between requests (not byte-stable)")
    return rows, notes, len(body)


def format_table(rows: list[tuple[Target, Result]]) -> str:
    """The result table: setup, req/s, p99, ratio of req/s to the baseline (first row)."""
    baseline_rps = rows[0][1].rps
    width = max(len(target.label) for target, _ in rows)
    lines = [f"{'setup':<{width}}  {'req/s':>9}  {'p99':>9}  {'ratio':>5}"]
    lines.append("-" * len(lines[0]))
    for target, result in rows:
        p99 = f"{result.p99_ms:.1f} ms" if result.p99_ms is not None else "n/a"
        ratio = result.rps / baseline_rps if baseline_rps else float("nan")
        lines.append(f"{target.label:<{width}}  {result.rps:>9,.0f}  {p99:>9}  {ratio:>5.2f}")
    return "\n".join(lines)


def report(rows, notes, body_size: int, generator, args, load_before: float) -> None:
    """Print the table, the setup it was measured with and the caveats."""
    print()
    print(format_table(rows))
    print()
    print(
        f"server: granian {version('granian')} {' '.join(GRANIAN_FLAGS)}, Django "
        f"{version('django')}, Python {platform.python_version()}; "
        f"page body {body_size:,} bytes"
    )
    print(f"load: {generator.name}: {generator.describe(args.duration)}, loopback {HOST} only")
    for target, result in rows:
        if result.unexpected:
            print(f"warning: {target.label}: {result.unexpected:,} unexpected responses/errors")
    for note in notes:
        print(f"note: {note}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"caveats: nproc={cores}, 1-min load average {load_before:.2f} before the run (anything "
        "else running skews the rows unevenly); the load generator shares these cores with the "
        "server, so req/s hold for this machine only: compare the ratios (one run, about ±15%)."
    )


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=64, help="keep-alive connections")
    parser.add_argument("--threads", type=int, default=2, help="load-generator threads/processes")
    parser.add_argument(
        "--generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if on PATH (auto), or force one",
    )
    args = parser.parse_args()
    if args.duration < 1 or args.warmup < 1 or args.threads < 1 or args.connections < 1:
        parser.error("--duration, --warmup, --threads and --connections must be at least 1")
    args.connections = max(args.connections, args.threads)
    return args


def main() -> None:
    """Run the benchmark and print the report."""
    args = parse_args()
    load_before = os.getloadavg()[0]
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    generator = pick_generator(args.generator, args.threads, args.connections)
    try:
        with tempfile.TemporaryDirectory(prefix="takeaction-bench-") as tmp:
            rows, notes, body_size = run_benchmark(generator, args, Path(tmp))
    except KeyboardInterrupt:
        print("interrupted; servers stopped", file=sys.stderr)
        sys.exit(130)
    report(rows, notes, body_size, generator, args, load_before)


if __name__ == "__main__":
    main()
