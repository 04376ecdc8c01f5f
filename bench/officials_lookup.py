"""Speed and memory of the officials lookup: in process, and over HTTP against a bare baseline.

Run it with the project's venv (``make bench`` passes ``--source $(OFFICIALS_DATA)``)::

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

Goals are printed next to the figures; nothing is asserted. Servers, load generators and the
HTTP table are shared with ``campaign_page.py``: ``servers.py``, ``loadgen.py``,
``comparison.py``.
"""

import argparse
import collections
import gc
import os
import random
import re
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from comparison import Comparison, Target
from loadgen import percentile, pick_generator
from servers import REPO, django_env, run_manage, workspace

WORKERS = 1
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


def load_and_build() -> tuple[object, dict[str, float]]:
    """Load the snapshot and build its STRtree as the first requests would; return timings."""
    from django.db import connection

    import takeaction.officials.boundaries  # noqa: F401  (numpy and shapely out of the RSS delta)
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
    from takeaction.officials.boundaries import BoundaryIndex

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
    from takeaction.officials.boundaries import BoundaryIndex
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


# --- HTTP measurements ----------------------------------------------------------------------


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


def main() -> None:
    """Prepare the data, run both parts and print the report."""
    args = parse_args()
    source = check_source(args.source)
    generator = pick_generator("auto", WRK_THREADS, WRK_CONNECTIONS)
    bench = Comparison(generator, WORKERS, args.duration, HTTP_WARMUP_SECONDS)
    with workspace("takeaction-bench-officials-") as tmp:
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
        print(f"HTTP ({bench.describe()}):")
        targets = http_targets(zips, points)
        bench.run(env, tmp, targets, "baseline: bare WSGI callable, same JSON bytes")
        close_django_connections()
    bench.print_report(
        body_column=True,
        caveat_note=" In-process latencies are single-threaded with nothing else of ours running.",
    )


if __name__ == "__main__":
    main()
