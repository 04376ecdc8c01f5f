"""A bare WSGI callable that answers every request with saved JSON bytes.

It is the baseline of ``bench/officials_lookup.py``: the same server (granian, same flags) and
the same body as ``GET /api/v1/officials?zip=...``, with no framework in between. The body is
read once at import from the file named by ``BENCH_BODY_FILE``.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [
    ("Content-Type", "application/json"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    """Return the saved JSON, whatever was asked."""
    start_response("200 OK", HEADERS)
    return [BODY]
