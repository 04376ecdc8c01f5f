"""A real HTTP receiver on 127.0.0.1, organizations with owners, and the worker."""

import re
import signal
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from takeaction.accounts.services import organization_create

DOCS_API = Path(django_settings.BASE_DIR) / "docs" / "api.md"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next scripted status (the last one repeats)."""

    statuses: list[int] = field(default_factory=lambda: [200])
    requests: list[Received] = field(default_factory=list)
    url: str = ""

    def next_status(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


def _handler_for(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
            status = receiver.next_status()
            answer = f'{{"received": true, "status": {status}}}'.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):  # keep the test output quiet
            pass

    return Handler


@pytest.fixture
def receiver():
    """A real http.server in a thread; tests set ``statuses`` and read ``requests``."""
    state = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/takeaction?source=test"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def private_targets_allowed(settings):
    """The local receiver lives on 127.0.0.1, which production settings refuse."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user("owner", "owner@example.org", "owner-pass-12345")


@pytest.fixture
def org(owner):
    return organization_create(name="Hook Team", owner=owner)


@pytest.fixture
def run_worker():
    """Run django-tasks-db's own worker in this process until no task is ready."""

    def run():
        # The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)

    return run


@pytest.fixture
def documented_verify():
    """The ``verify`` function of the Python snippet in docs/api.md's Webhooks section."""
    text = DOCS_API.read_text()
    section = text[text.index("\n## Webhooks") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, "docs/api.md", "exec"), namespace)  # noqa: S102 (our own docs)
    return namespace["verify"]
