"""Load generators of the benchmarks: wrk (``--latency``) or a Python keep-alive fallback.

Both load a list of paths on one loopback port for a bounded time, in turn when there are
several (wrk through a Lua script, the fallback per connection), and return a ``Result``.
Given a ``Post``, both send that POST (body and headers) to the first path instead, and count
the responses by status.
"""

import argparse
import collections
import http.client
import json
import math
import multiprocessing
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from servers import HOST

WRK_INSTALL_HINT = "sudo apt-get install -y wrk"
Paths = tuple[str, ...]  # requested in turn; a POST goes to the first


@dataclass(frozen=True)
class Result:
    """What one load-generator run measured."""

    requests: int
    rps: float
    p99_ms: float | None
    unexpected: int  # responses with another status than expected, plus socket errors
    statuses: dict[int, int] | None = None  # responses per status, when the generator counts them


@dataclass(frozen=True)
class Post:
    """A POST sent on every request instead of GETs: its body and headers (cookies included)."""

    body: str
    headers: dict[str, str]


def percentile(sorted_values: list, fraction: float):
    """Nearest-rank percentile of an already sorted, non-empty list."""
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


# --- wrk ------------------------------------------------------------------------------------


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
WRK_STATUS = re.compile(r"^status (\d+): (\d+)$", re.M)  # printed by WRK_POST_LUA's done()
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
# One request built once (no request() function, as fast as a plain wrk run); every response
# counted by status in each thread, summed over the threads at the end.
WRK_POST_LUA = """wrk.method = "POST"
wrk.body = %s
for name, value in pairs(%s) do wrk.headers[name] = value end
local threads = {}
statuses = {}
function setup(thread)
  table.insert(threads, thread)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %%d: %%d\\n", status, count))
  end
end
"""


def lua_table(mapping: dict[str, str]) -> str:
    """A Lua table literal of ASCII strings (JSON string escapes are Lua ones for ASCII)."""
    return "{" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in mapping.items()) + "}"


def parse_wrk(output: str, expect_status: int) -> Result:
    """Read requests, req/s, p99 and errors out of ``wrk --latency`` output."""
    rps, requests = WRK_RPS.search(output), WRK_REQUESTS.search(output)
    if rps is None or requests is None:
        raise RuntimeError(f"could not parse wrk output:\n{output}")
    p99 = WRK_P99.search(output)
    non_2xx = WRK_NON_2XX.search(output)
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    statuses = {int(status): int(n) for status, n in WRK_STATUS.findall(output)} or None
    count = int(requests.group(1))
    if statuses is None:
        non_2xx_3xx = int(non_2xx.group(1)) if non_2xx else 0
        unexpected = unexpected_count(count, non_2xx_3xx, errors, expect_status)
    else:
        unexpected = count - statuses.get(expect_status, 0) + errors
    return Result(
        requests=count,
        rps=float(rps.group(1)),
        p99_ms=float(p99.group(1)) * WRK_UNITS_MS[p99.group(2)] if p99 else None,
        unexpected=unexpected,
        statuses=statuses,
    )


class WrkGenerator:
    """wrk, as in the performance notes: N threads, C keep-alive connections, --latency."""

    def __init__(self, executable: str, threads: int, connections: int):
        self.executable = executable
        self.threads = threads
        self.connections = connections
        done = subprocess.run([executable, "-v"], capture_output=True, text=True, check=False)
        first_line = (done.stdout + done.stderr).splitlines()[:1]
        self.name = first_line[0].split(" [")[0] if first_line else "wrk"

    def describe(self, seconds: int) -> str:
        """The command line, as a reader would type it."""
        return f"wrk -t{self.threads} -c{self.connections} -d{seconds}s --latency"

    def run(self, port: int, paths: Paths, seconds: int, expect_status: int, post=None) -> Result:
        """Load the paths (in turn, through a Lua script, when there are several), or ``post``."""
        cmd = [self.executable, f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s"]
        cmd += ["--latency", "--timeout", "5s"]
        with tempfile.TemporaryDirectory(prefix="takeaction-bench-wrk-") as tmp:
            script = Path(tmp) / "load.lua"
            if post is not None:
                script.write_text(WRK_POST_LUA % (json.dumps(post.body), lua_table(post.headers)))
                cmd += ["-s", str(script)]
            elif len(paths) > 1:
                table = "{" + ", ".join(json.dumps(path) for path in paths) + "}"
                script.write_text(WRK_ROTATE_LUA % table)
                cmd += ["-s", str(script)]
            cmd.append(f"http://{HOST}:{port}{paths[0]}")
            done = subprocess.run(
                cmd, capture_output=True, text=True, check=True, timeout=seconds + 30
            )
        return parse_wrk(done.stdout, expect_status)


# --- Python fallback ------------------------------------------------------------------------


def _client_thread(port, paths: tuple, offset: int, deadline: float, out: list, post) -> None:
    """One keep-alive connection sending GETs (rotating paths) or POSTs until the deadline."""
    latencies, statuses, errors, conn, i = [], collections.Counter(), 0, None, offset
    method, body, headers = ("POST", post.body, post.headers) if post else ("GET", None, {})
    while (start := time.perf_counter()) < deadline:
        i = (i + 1) % len(paths)
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            conn.request(method, paths[i], body, headers)
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


def _client_process(port, paths: tuple, seconds: float, connections: int, first: int, post):
    """Run ``connections`` client threads in this process; return their merged counts."""
    results: list = []
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=_client_thread, args=(port, paths, first + n, started + seconds, results, post)
        )
        for n in range(connections)
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
    # Forked from the script: undo raise_on_sigterm, whose SystemExit could hang the exit.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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

    def run(self, port: int, paths: Paths, seconds: int, expect_status: int, post=None) -> Result:
        """Load the paths (in turn, each connection from its own offset), or ``post``, a while."""
        shares = [self.connections // self.processes] * self.processes
        for index in range(self.connections % self.processes):
            shares[index] += 1
        firsts = [sum(shares[:index]) for index in range(len(shares))]
        jobs = [
            (port, paths, seconds, share, first, post)
            for share, first in zip(shares, firsts, strict=True)
            if share
        ]
        with multiprocessing.Pool(len(jobs), initializer=_init_pool_worker) as pool:
            parts = pool.starmap(_client_process, jobs)
        latencies = sorted(latency for part in parts for latency in part[0])
        statuses = sum((part[1] for part in parts), collections.Counter())
        requests = len(latencies)
        return Result(
            requests=requests,
            rps=requests / max(part[3] for part in parts),
            p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
            unexpected=requests - statuses[expect_status] + sum(part[2] for part in parts),
            statuses=dict(statuses),
        )


def add_load_options(parser: argparse.ArgumentParser, connections: int) -> None:
    """The options of an HTTP benchmark's load: duration, warm-up, connections, generator."""
    parser.add_argument("--duration", type=int, default=5, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=connections, help="keep-alive conns")
    parser.add_argument("--threads", type=int, default=2, help="load-generator threads/processes")
    parser.add_argument(
        "--generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if on PATH (auto), or force one",
    )


def check_load_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse counts under 1; give every generator thread at least one connection."""
    if min(args.duration, args.warmup, args.threads, args.connections) < 1:
        parser.error("--duration, --warmup, --threads and --connections must be at least 1")
    args.connections = max(args.connections, args.threads)


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
