"""Processes of the benchmarks: a temporary workspace, manage.py, and granian on loopback.

Every server runs in its own process group on a free ``127.0.0.1`` port (never 8000) and is
stopped, workers included, when its ``with serve(...)`` block ends, on errors, Ctrl-C and
SIGTERM too; ``workspace()`` removes the temporary directory the same way.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "bench"
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
AVOID_PORTS = {8000}  # the developer's own server may be there
DJANGO_APP = "config.wsgi:application"
BASELINE_APP = "baseline_app:application"
READY_TIMEOUT_SECONDS = 30


class Reply(NamedTuple):
    """One HTTP response, read in full."""

    status: int
    body: bytes
    content_type: str


def python_executable() -> str:
    """The project's venv python, or the one running this script if there is no venv."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def granian_flags(workers: int) -> list[str]:
    """The flags of /work/shared/PERFORMANCE-NOTES.md, with this many workers.

    ``BENCH_BLOCKING_THREADS`` (default 1, the notes' value) tries another thread count.
    """
    threads = os.environ.get("BENCH_BLOCKING_THREADS", "1")
    return ["--interface", "wsgi", "--workers", str(workers), "--blocking-threads", threads]


def raise_on_sigterm(signum, frame):
    """Turn SIGTERM into SystemExit so that every ``finally`` stops its server."""
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def workspace(prefix: str):
    """A temporary directory for the run, removed at the end, on errors, Ctrl-C and SIGTERM."""
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    try:
        with tempfile.TemporaryDirectory(prefix=prefix) as name:
            yield Path(name)
    except KeyboardInterrupt:
        print("interrupted; servers stopped", file=sys.stderr)
        sys.exit(130)


def django_env(var_dir: Path) -> dict[str, str]:
    """Environment for manage.py and Django: dev settings, DEBUG off, data in ``var_dir``."""
    env = dict(os.environ)
    # The benchmark's own SQLite file and a per-process memory cache, whatever the shell says.
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0", TAKEACTION_VAR_DIR=str(var_dir)
    )
    return env


def run_manage(env: dict[str, str], *args: str) -> str:
    """Run one manage.py command quietly; return its output, or exit with it if it fails."""
    done = subprocess.run(
        [python_executable(), "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def free_port() -> int:
    """A loopback port that is free right now (never one in AVOID_PORTS)."""
    while True:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            port = sock.getsockname()[1]
        if port not in AVOID_PORTS:
            return port


def fetch(port: int, path: str) -> Reply:
    """GET one path from the local server."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return Reply(response.status, body, response.getheader("Content-Type", ""))
    finally:
        conn.close()


def log_tail(path: Path, lines: int = 30) -> str:
    """The last lines of a server log, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_ready(proc: subprocess.Popen, port: int, path: str, log_path: Path) -> None:
    """Wait until the server answers HTTP, or fail with its log if it dies or takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_tail(log_path)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            fetch(port, path)
            return
        time.sleep(0.1)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT_SECONDS} s:\n{log_tail(log_path)}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and its workers (its own process group): TERM, then KILL what lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    # Sweep the group: workers that outlived the main process, or a main process that hung.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextlib.contextmanager
def serve(
    app: str, workdir: Path, env: dict[str, str], log_path: Path, *, workers: int, ready: str
):
    """Run granian on a free loopback port for the duration of the block; yield the port.

    ``ready`` is the path polled until the server answers (with any status).
    """
    port = free_port()
    cmd = [python_executable(), "-m", "granian", *granian_flags(workers)]
    cmd += ["--host", HOST, "--port", str(port), "--working-dir", str(workdir), app]
    with log_path.open("ab") as log:
        # A session of its own: Ctrl-C reaches only this script, which then stops the group.
        proc = subprocess.Popen(
            cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_ready(proc, port, ready, log_path)
        yield port
    finally:
        stop(proc)


def serve_baseline(reply: Reply, tmp: Path, log_path: Path, *, workers: int, ready: str):
    """Serve ``baseline_app.py`` answering every request with this reply's bytes and type."""
    body_file = tmp / "baseline_body"
    body_file.write_bytes(reply.body)
    env = {**os.environ, "BENCH_BODY_FILE": str(body_file)}
    env["BENCH_CONTENT_TYPE"] = reply.content_type
    return serve(BASELINE_APP, BENCH_DIR, env, log_path, workers=workers, ready=ready)
