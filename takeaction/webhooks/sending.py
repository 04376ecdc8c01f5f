"""One HTTP POST to a checked target: short timeouts, a capped read, no redirects.

The standard library's http.client is enough here and does less than a full
client would: it never follows a redirect (a 3xx is simply a failed attempt, so a
receiver cannot bounce us to an internal address), never reads proxy settings
from the environment, and lets us connect to the exact address the SSRF check
approved while still sending the host's name in ``Host`` and in TLS.
"""

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass

from takeaction.webhooks.targets import Target

CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 5
# The read timeout is per socket read: a receiver dripping a byte every few seconds
# would never trip it. This bounds the whole attempt, so a worker is never held longer.
TOTAL_TIMEOUT_SECONDS = 15
# Enough to show what the receiver said; a receiver cannot make us read megabytes.
MAX_RESPONSE_BYTES = 4096
EXCERPT_CHARS = 300


@dataclass(frozen=True)
class Response:
    status_code: int | None
    duration_ms: int
    excerpt: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _open_socket(target: Target) -> socket.socket:
    sock = socket.create_connection((target.address, target.port), CONNECT_TIMEOUT_SECONDS)
    sock.settimeout(READ_TIMEOUT_SECONDS)
    return sock


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address instead of resolving ``host`` again."""

    def __init__(self, target: Target):
        super().__init__(target.host, target.port, timeout=READ_TIMEOUT_SECONDS)
        self._target = target

    def connect(self):
        self.sock = _open_socket(self._target)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Same, with TLS verified against the host's name (SNI and certificate)."""

    def __init__(self, target: Target):
        self._tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=READ_TIMEOUT_SECONDS, context=self._tls)
        self._target = target

    def connect(self):
        self.sock = self._tls.wrap_socket(_open_socket(self._target), server_hostname=self.host)


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "Timed out"
    if isinstance(error, ConnectionRefusedError):
        return "Connection refused"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid: {error.verify_message}"
    return f"{type(error).__name__}: {error}"[:300]


def post(target: Target, body: bytes, headers: dict[str, str]) -> Response:
    """POST ``body`` to ``target``; never raise for anything the receiver or network does."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target)
    started = time.monotonic()

    def elapsed() -> int:
        return round((time.monotonic() - started) * 1000)

    cut = threading.Event()
    deadline = threading.Timer(TOTAL_TIMEOUT_SECONDS, _cut, (connection, cut))
    deadline.start()
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read(MAX_RESPONSE_BYTES)
        excerpt = raw.decode("utf-8", errors="replace")[:EXCERPT_CHARS]
        if cut.is_set():  # cut off mid-answer: what arrived is not an answer
            return Response(status_code=None, duration_ms=elapsed(), error=_overall())
        return Response(status_code=response.status, duration_ms=elapsed(), excerpt=excerpt)
    except (OSError, http.client.HTTPException, ValueError) as error:
        message = _overall() if cut.is_set() else _describe(error)
        return Response(status_code=None, duration_ms=elapsed(), error=message)
    finally:
        deadline.cancel()
        connection.close()


def _overall() -> str:
    return f"No complete answer within {TOTAL_TIMEOUT_SECONDS} s"


def _cut(connection: http.client.HTTPConnection, cut: threading.Event) -> None:
    """Wake a read blocked on a slow receiver: shutting the socket down ends it at once."""
    cut.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
