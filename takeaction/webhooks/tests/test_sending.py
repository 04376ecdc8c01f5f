"""One attempt's limits: a receiver that drips its answer cannot hold the worker."""

import socket
import threading
import time

import pytest

from takeaction.webhooks import sending
from takeaction.webhooks.targets import Target


@pytest.fixture
def dripping_receiver():
    """Answers with a status line, then one header line every 0.2 s, never finishing."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.is_set():
                try:
                    connection.sendall(b"X-Drip: 1\r\n")
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    server.close()
    thread.join(timeout=5)


def test_a_dripping_answer_is_cut_off_at_the_overall_deadline(dripping_receiver, monkeypatch):
    monkeypatch.setattr(sending, "TOTAL_TIMEOUT_SECONDS", 1)
    target = Target("http", "127.0.0.1", dripping_receiver, "/", "127.0.0.1")
    started = time.monotonic()
    response = sending.post(target, b"{}", {"Content-Type": "application/json"})
    elapsed = time.monotonic() - started
    # Each drip comes well within the 5 s read timeout: only the overall deadline ends it.
    assert response.status_code is None and not response.ok
    assert response.error == "No complete answer within 1 s"
    assert 0.9 < elapsed < sending.READ_TIMEOUT_SECONDS
