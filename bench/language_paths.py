"""What the language-prefix layer costs a fan's request, in process.

``config.wsgi`` puts ``LanguagePathsApp`` (``core/language_paths.py``) outside the
fast layers, so every request pays for it, the crowd's cached pages included. This
calls the served application and the same stack without that layer on the same
requests, alternating, and prints µs per request and their ratio (the baseline is
the stack without the layer, measured in the same run). It also times the Spanish
version under ``/es/``, which only the layer can answer.

    .venv/bin/python bench/language_paths.py [--requests 20000] [--rounds 5]

No server and no network: the WSGI callables are called directly, with the demo
data in a temporary SQLite file and the per-process memory cache.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from servers import django_env, run_manage, workspace

PATHS = {
    "page": "/c/families-belong-together/",
    "counts.json": "/c/families-belong-together/counts.json",
    "short link": "/s/bench-story",
}


def environ(path: str, query: str = "") -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def call(app, path: str) -> str:
    status = []
    body = app(environ(path), lambda s, h, e=None: status.append(s))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return status[0]


def per_request_us(app, path: str, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        call(app, path)
    return (time.perf_counter() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="per row and round")
    parser.add_argument("--rounds", type=int, default=5, help="best of this many")
    options = parser.parse_args()
    with workspace("takeaction-bench-lang-") as tmp:
        env = django_env(tmp)
        print(f"Preparing data in {tmp} (migrate, demo_load) ...", flush=True)
        run_manage(env, "migrate", "--noinput")
        run_manage(env, "demo_load")
        run_manage(env, "collectstatic", "--noinput")
        run_manage(env, "shell", "-c", _SOURCE)
        os.environ.update(env)
        from config.wsgi import application

        served, inner = application, application.application
        for app in (served, inner):  # warm: the stored copies and the memo
            for path in PATHS.values():
                assert call(app, path).split()[0] in ("200", "302"), path
        call(served, "/es" + PATHS["page"])
        rows = []
        for name, path in PATHS.items():
            best = {"with": float("inf"), "without": float("inf")}
            for _ in range(options.rounds):
                best["without"] = min(
                    best["without"], per_request_us(inner, path, options.requests)
                )
                best["with"] = min(best["with"], per_request_us(served, path, options.requests))
            rows.append((name, path, best["without"], best["with"]))
        spanish = min(
            per_request_us(served, "/es" + PATHS["page"], options.requests)
            for _ in range(options.rounds)
        )
    print(f"\n{'request':<14} {'without the layer':>18} {'with it':>10} {'ratio':>7}")
    for name, _path, without, with_layer in rows:
        print(f"{name:<14} {without:>15.2f} µs {with_layer:>7.2f} µs {with_layer / without:>7.2f}")
    page_without = rows[0][2]
    ratio = spanish / page_without
    print(
        f"{'page, /es/':<14} {'':>18} {spanish:>7.2f} µs {ratio:>7.2f}  (against the page without)"
    )
    print(
        f"\nbest of {options.rounds} rounds of {options.requests} calls each, one process, "
        f"nproc={os.cpu_count()}, load average {os.getloadavg()[0]:.2f} at the end; "
        "the harness (environ, start_response, join) is in every figure."
    )


# The short link the rows ask for, made as bench/campaign_page.py makes it.
_SOURCE = """
from takeaction.campaigns.models import Campaign, Source
campaign = Campaign.objects.get(slug="families-belong-together")
Source.objects.get_or_create(
    campaign=campaign, code="bench-story", defaults={"name": "Bench story"}
)
"""


if __name__ == "__main__":
    main()
