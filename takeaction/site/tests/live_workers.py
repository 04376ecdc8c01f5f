"""A real server with two granian workers, on this run's kind of database, for the tests
that must cross processes (a limit every worker shares is invisible inside one process).

The server gets its own data: a new SQLite file, or a new database on this run's
PostgreSQL server (dropped at the end), and this run's Redis with a key prefix of
its own, so nothing of the test database or of another run is touched.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _database(tmp: Path):
    """A DATABASE_URL of a new, empty database of the kind this run uses."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp / 'workers.sqlite3'}"
        return
    name = f"takeaction_workers_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {args[0]}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class LiveWorkers:
    def __init__(self, env: dict, port: int):
        self.env, self.port = env, port

    def request(self, method, path, body=None, headers=None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=20)
        try:
            conn.request(method, path, body, headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def shell(self, code: str) -> str:
        """Run ``code`` in ``manage.py shell`` on the server's data; return what it printed."""
        return _manage(self.env, "shell", "-v", "0", "-c", code).strip()


@contextlib.contextmanager
def live_workers(tmp: Path, *, setup: str, ready: str, workers: int = 2, **extra_env: str):
    """Migrate new data, run ``setup`` (Python for ``manage.py shell``), serve it; yield it.

    ``ready`` is a path that answers 200 once the server is up. Static files are not
    collected: pages that render templates need them, JSON answers do not.
    """
    with _database(tmp) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "0",
            "TAKEACTION_VAR_DIR": str(tmp),
            "DATABASE_URL": database_url,
            "CACHE_KEY_PREFIX": f"takeaction-workers-{uuid.uuid4().hex[:8]}",
            **extra_env,
        }
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "shell", "-v", "0", "-c", setup)
        port = _free_port()
        log = (tmp / "granian.log").open("w")
        server = subprocess.Popen(
            [str(BIN / "granian"), "--interface", "wsgi", "config.wsgi:application",
             "--host", HOST, "--port", str(port), "--workers", str(workers),
             "--blocking-threads", "1", "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            live = LiveWorkers(env, port)
            _wait_ready(live, server, ready, tmp / "granian.log")
            yield live
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            log.close()


def _wait_ready(live: LiveWorkers, server: subprocess.Popen, ready: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, f"granian exited:\n{log.read_text()}"
        with contextlib.suppress(OSError):
            if live.request("GET", ready)[0] == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"granian did not answer in 30 s:\n{log.read_text()}")
