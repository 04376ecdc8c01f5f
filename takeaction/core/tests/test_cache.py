"""The fail-soft Redis cache: short timeouts, a local fallback with the same semantics, a
breaker that keeps calls off a dead Redis, and Redis used again once it answers."""

import os
import socket
import threading
import time

import pytest
import redis
from django.core.cache import cache

from takeaction.core.cache import ResilientRedisCache


class SilentServer:
    """Accepts TCP connections on 127.0.0.1 and never answers (a frozen Redis)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once it is closed


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


def _backend(url: str, **params) -> ResilientRedisCache:
    return ResilientRedisCache(url, {"SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 60, **params})


def test_a_refused_connection_falls_back_to_local_memory_with_the_same_semantics():
    backend = _backend(f"redis://127.0.0.1:{closed_port()}/0")
    assert backend.get("k", "default") == "default"
    assert not backend.redis_available
    assert backend.add("n", 1) and not backend.add("n", 5)
    assert backend.incr("n") == 2
    with pytest.raises(ValueError):
        backend.incr("missing")  # as Django's caches say of a missing key
    backend.set_many({"a": 1, "b": 2})
    assert backend.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}


def test_a_silent_redis_is_given_up_on_once_and_then_left_alone(silent):
    backend = _backend(f"redis://127.0.0.1:{silent.port}/0")
    assert backend.get("k") is None  # after one short timeout, not a hang
    for n in range(50):
        backend.set(f"k{n}", n)
        assert backend.get(f"k{n}") == n
    assert len(silent.accepted) == 1  # the breaker kept every later call off the socket


def test_the_breaker_closes_again_and_redis_is_used_once_it_answers(silent, monkeypatch):
    backend = _backend(f"redis://127.0.0.1:{silent.port}/0", RETRY_SECONDS=0.01)
    backend.get("k")
    assert len(silent.accepted) == 1
    backend._redis_down_until = 0.0  # the retry time has passed
    backend.get("k")
    assert len(silent.accepted) >= 2  # tried Redis again


@pytest.mark.redis
def test_a_paused_real_redis_is_survived_and_used_again_after():
    url = os.environ["REDIS_URL"]
    backend = _backend(url, RETRY_SECONDS=0.5)
    backend.set("survived", "before")
    assert backend.get("survived") == "before" and backend.redis_available
    admin = redis.Redis.from_url(url)
    admin.execute_command("CLIENT", "PAUSE", 1500, "ALL")  # Redis accepts and does not answer
    try:
        assert backend.get("survived", "local") == "local"  # a short timeout, then local
        assert not backend.redis_available
    finally:
        admin.execute_command("CLIENT", "UNPAUSE")
    time.sleep(0.6)  # past RETRY_SECONDS: the breaker lets the next call try Redis
    assert backend.get("survived") == "before" and backend.redis_available
    backend.delete("survived")
    cache.clear()


@pytest.mark.redis
def test_one_redis_client_per_pool_serves_every_call():
    backend = _backend(os.environ["REDIS_URL"])
    client = backend._cache.get_client(write=True)
    backend.set("reused", 1)
    assert backend.incr("reused") == 2 and backend.get("reused") == 2
    assert backend._cache.get_client(write=True) is client  # not one per call
    assert backend._cache.get_client(write=False) is client  # one server: one pool
    backend.delete("reused")


@pytest.mark.redis
def test_incr_keeps_djangos_meaning_in_one_round_trip(monkeypatch):
    backend = _backend(os.environ["REDIS_URL"])
    client = backend._cache.get_client(write=True)
    monkeypatch.setattr(client, "exists", lambda *keys: pytest.fail("a second round trip"))
    with pytest.raises(ValueError):
        backend.incr("never-set")
    assert backend.get("never-set") is None  # not created by the attempt
    backend.set("counter", 5, timeout=60)
    assert backend.incr("counter") == 6 and backend.incr("counter", 4) == 10
    assert backend.decr("counter", 3) == 7 and backend.get("counter") == 7
    assert 0 < client.ttl(backend.make_key("counter")) <= 60  # its timeout kept
    backend.delete("counter")
