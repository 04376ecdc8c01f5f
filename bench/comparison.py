"""Django against a bare WSGI baseline serving the same bytes, one server at a time; the table.

``Comparison.run()`` fetches the first path of the first target from Django, serves those bytes
(with their Content-Type) from ``baseline_app.py`` and measures it, then measures every target
through Django. ``Comparison.print_report()`` prints the rows as ratios of req/s to the
baseline, with the set-up and the caveats of the machine.
"""

import os
import platform
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from loadgen import Result
from servers import DJANGO_APP, HOST, REPO, Reply, fetch, granian_flags, serve, serve_baseline


@dataclass(frozen=True)
class Target:
    """One row of the table: the paths requested (in turn) and the status that counts as success."""

    label: str
    paths: tuple[str, ...]
    expect_status: int = 200
    goal_ratio: float | None = None  # printed next to the row's ratio, never asserted


class Row(NamedTuple):
    """One measured row: its target, the load-generator result and the mean body size."""

    target: Target
    result: Result
    body_size: float


def fetch_expected(port: int, path: str, expect_status: int) -> Reply:
    """Fetch a path once and check its status, so a broken page is not benchmarked."""
    reply = fetch(port, path)
    if reply.status != expect_status:
        raise RuntimeError(
            f"{path} answered {reply.status}, expected {expect_status}: {reply.body[:200]!r}"
        )
    return reply


def format_table(rows: list[Row], body_column: bool = False, rate: str = "req/s") -> str:
    """Setup, req/s, p99, ratio of req/s to the baseline (first row), and the mean body size.

    A row whose target has a ``goal_ratio`` gets it (met or not) after its ratio.
    """
    baseline_rps = rows[0].result.rps
    width = max(len(row.target.label) for row in rows)
    lines = [f"{'setup':<{width}}  {rate:>9}  {'p99':>9}  {'ratio':>5}"]
    lines[0] += f"  {'body':>7}" if body_column else ""
    lines.append("-" * len(lines[0]))
    for row in rows:
        result = row.result
        p99 = "n/a" if result.p99_ms is None else f"{result.p99_ms:.1f} ms"
        p99 = f"{result.p99_ms:.3f} ms" if result.p99_ms and result.p99_ms < 1 else p99
        ratio = result.rps / baseline_rps if baseline_rps else float("nan")
        line = f"{row.target.label:<{width}}  {result.rps:>9,.0f}  {p99:>9}  {ratio:>5.2f}"
        line += f"  {row.body_size:>6,.0f}B" if body_column else ""
        if row.target.goal_ratio is not None:
            verdict = "met" if ratio >= row.target.goal_ratio else "NOT met"
            line += f"  goal >= {row.target.goal_ratio:g}: {verdict}"
        lines.append(line)
    return "\n".join(lines)


def caveats_line(load_before: float) -> str:
    """What the req/s depend on: the cores and the load average from before the run."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"caveats: nproc={cores}, 1-min load average {load_before:.2f} before the run (anything "
        "else running skews the rows unevenly); the load generator shares these cores with the "
        "server, so req/s hold for this machine only: compare the ratios (one run, about ±15%)."
    )


@dataclass
class Comparison:
    """One run: its settings, the load average before it, and the rows it measured."""

    generator: object  # loadgen.WrkGenerator or loadgen.PythonGenerator
    workers: int
    duration: int
    warmup: int
    load_before: float = field(default_factory=lambda: os.getloadavg()[0])
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    baseline: Reply | None = None  # what Django answered to the first path, served bare

    def run(self, env: dict[str, str], tmp: Path, targets: list[Target], baseline_label: str):
        """Measure the baseline, then Django's targets, one server at a time."""
        log_path = tmp / "servers.log"
        first, path = targets[0], targets[0].paths[0]
        serving = {"workers": self.workers, "ready": path}
        with serve(DJANGO_APP, REPO, env, log_path, **serving) as port:
            self.baseline = fetch_expected(port, path, first.expect_status)

        baseline = Target(baseline_label, (path,))
        with serve_baseline(self.baseline, tmp, log_path, **serving) as port:
            self.rows.append(self.measure(port, baseline))
        with serve(DJANGO_APP, REPO, env, log_path, **serving) as port:
            self.rows += [self.measure(port, target) for target in targets]
            if fetch_expected(port, path, first.expect_status).body != self.baseline.body:
                self.notes.append(f"the bytes of {path} changed between requests (not byte-stable)")

    def describe(self) -> str:
        """The load generator and the timing, for the progress heading."""
        return f"{self.generator.name}, {self.duration}s per row after {self.warmup}s warm-up"

    def measure(self, port: int, target: Target) -> Row:
        """Check the target's first paths, warm the server (every worker) up, then measure."""
        expect = target.expect_status
        sizes = [len(fetch_expected(port, path, expect).body) for path in target.paths[:50]]
        self.generator.run(port, target.paths, self.warmup, expect)
        result = self.generator.run(port, target.paths, self.duration, expect)
        print(f"  {target.label}: {result.rps:,.0f} req/s", flush=True)
        return Row(target, result, sum(sizes) / len(sizes))

    def print_report(
        self,
        body_column: bool = False,
        server_note: str = "",
        caveat_note: str = "",
        rate: str = "req/s",
    ):
        """Print the table, the set-up it was measured with, warnings, notes and the caveats.

        ``server_note`` is appended to the server line, ``caveat_note`` to the caveats line;
        ``rate`` heads the throughput column.
        """
        generator, flags = self.generator, " ".join(granian_flags(self.workers))
        print()
        print(format_table(self.rows, body_column, rate))
        print()
        print(
            f"server: granian {version('granian')} {flags}, Django {version('django')}, "
            f"Python {platform.python_version()}{server_note}"
        )
        print(f"load: {generator.name}: {generator.describe(self.duration)}, loopback {HOST} only")
        for target, result, _ in self.rows:
            if result.unexpected:
                print(f"warning: {target.label}: {result.unexpected:,} unexpected responses/errors")
        for note in self.notes:
            print(f"note: {note}")
        print(caveats_line(self.load_before) + caveat_note)
