"""The PostgreSQL backend's health check: no query while healthy, a closed session found."""

import time

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def _terminate(pid: int) -> None:
    """End the session ``pid`` from another connection, as a server restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_healthy_connection_is_usable_without_a_query(monkeypatch):
    from django.db.backends.postgresql import base

    queried = []
    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", lambda self: queried.append(1))
    connection.ensure_connection()
    assert connection.is_usable()
    assert queried == []  # Django's own check (SELECT 1) was not needed


def test_a_session_the_server_ended_is_found_and_replaced():
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    _terminate(pid)
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)  # the server's goodbye arrives asynchronously
    assert not connection.is_usable()
    # What Django does at the start of a request: the dead connection is replaced.
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
