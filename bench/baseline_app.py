"""A bare WSGI callable that answers every request with the saved campaign-page bytes.

It is the baseline of ``bench/campaign_page.py``: the same server (granian, same flags) and the
same body as the Django campaign page, with no framework in between. The body is read once at
import from the file named by ``BENCH_BODY_FILE``.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    """Return the saved page, whatever was asked."""
    start_response("200 OK", HEADERS)
    return [BODY]
