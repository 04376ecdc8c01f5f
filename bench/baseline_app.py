"""A bare WSGI callable that answers every request with saved bytes: the benchmarks' baseline.

``bench/comparison.py`` serves it with the same server (granian, same flags) and the same body
as the Django URL it is compared with, with no framework in between. The body is read once at
import from the file named by ``BENCH_BODY_FILE``; ``BENCH_CONTENT_TYPE`` is the Content-Type
Django answered with (``application/octet-stream`` when unset). ``BENCH_STATUS`` (default
``200 OK``) and ``BENCH_LOCATION`` let it stand for a redirect too (``funnel.py``'s short link).
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [
    ("Content-Type", os.environ.get("BENCH_CONTENT_TYPE") or "application/octet-stream"),
    ("Content-Length", str(len(BODY))),
]
if os.environ.get("BENCH_LOCATION"):
    HEADERS.append(("Location", os.environ["BENCH_LOCATION"]))
STATUS = os.environ.get("BENCH_STATUS") or "200 OK"


def application(environ, start_response):
    """Return the saved body, whatever was asked."""
    start_response(STATUS, HEADERS)
    return [BODY]
