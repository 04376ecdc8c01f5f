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
depend on the machine and on the load generator sharing its cores. Servers, load generators and
the table are shared with ``officials_lookup.py``: ``servers.py``, ``loadgen.py``,
``comparison.py``.
"""

import argparse

from comparison import Comparison, Target
from loadgen import add_load_options, check_load_options, pick_generator
from servers import django_env, run_manage, workspace

WORKERS = 2
CAMPAIGN_PATH = "/c/families-belong-together/"
SHORT_CODE = "bench-story"
# The story link a star posts: counted, then redirected to the page with ?src=.
SOURCE_SETUP = (
    "from takeaction.campaigns.models import Campaign, Source; "
    f"Source.objects.get_or_create(code={SHORT_CODE!r}, defaults=dict(name='Bench story', "
    f"campaign=Campaign.objects.get(slug={CAMPAIGN_PATH.split('/')[2]!r})))"
)
DJANGO_TARGETS = [
    Target(f"Django campaign page {CAMPAIGN_PATH} (cached)", (CAMPAIGN_PATH,)),
    # Every open page polls it: at 100,000 open pages, 10,000 requests a second.
    Target(f"Django {CAMPAIGN_PATH}counts.json (polled)", (f"{CAMPAIGN_PATH}counts.json",)),
    Target(f"Django short link /s/{SHORT_CODE} (counted)", (f"/s/{SHORT_CODE}",), 302),
    Target(
        f"Django landing {CAMPAIGN_PATH}?src={SHORT_CODE} (sets the first-touch cookie)",
        (f"{CAMPAIGN_PATH}?src={SHORT_CODE}",),
    ),
    Target("Django home page / (rendered per request)", ("/",)),
    Target("Django unknown slug (404)", ("/c/no-such-campaign-bench/",), 404),
]


def prepare_data(env: dict[str, str]) -> None:
    """Create the database, the demo campaigns and the collected static files."""
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "demo_load")
    run_manage(env, "shell", "-c", SOURCE_SETUP)
    run_manage(env, "collectstatic", "--noinput", "-v0")


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_load_options(parser, connections=64)
    args = parser.parse_args()
    check_load_options(parser, args)
    return args


def main() -> None:
    """Run the benchmark and print the report."""
    args = parse_args()
    generator = pick_generator(args.generator, args.threads, args.connections)
    bench = Comparison(generator, WORKERS, args.duration, args.warmup)
    with workspace("takeaction-bench-") as tmp:
        var_dir = tmp / "var"
        var_dir.mkdir()
        env = django_env(var_dir)
        print(f"Preparing data in {tmp} (migrate, demo_load, collectstatic) ...", flush=True)
        prepare_data(env)
        print(f"Measuring ({bench.describe()}):")
        bench.run(env, tmp, DJANGO_TARGETS, "baseline: bare WSGI callable, same bytes")
    bench.print_report(server_note=f"; page body {len(bench.baseline.body):,} bytes")


if __name__ == "__main__":
    main()
