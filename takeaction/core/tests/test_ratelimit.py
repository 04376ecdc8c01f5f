"""Rate limits: one sliding window whatever the store, and the client behind trusted proxies."""

import pytest
from django.db import DatabaseError
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from takeaction.core import ratelimit
from takeaction.core.models import RateCount
from takeaction.core.ratelimit import client_ip, client_key, rate_limited

pytestmark = pytest.mark.django_db

STORES = ["database", "cache"]


@pytest.fixture
def clock(monkeypatch):
    """Time that moves only when the test says so."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize("store", STORES)
def test_a_burst_across_a_window_boundary_passes_no_more_than_the_limit(settings, clock, store):
    settings.RATE_LIMIT_STORE = store
    clock[0] = 1_800_000_000 // 60 * 60 + 59.0  # the last second of a minute
    first = [rate_limited("t", "a", limit=30) for _ in range(30)]
    clock[0] += 2  # two seconds later, in the next minute
    second = [rate_limited("t", "a", limit=30) for _ in range(30)]
    assert first.count(False) == 30 and second.count(False) == 0
    # Refused hits count too (a client that keeps hammering stays refused), so the
    # limit lifts once a whole quiet window has passed.
    clock[0] += 60
    assert rate_limited("t", "a", limit=30) is True
    clock[0] += 120
    assert rate_limited("t", "a", limit=30) is False
    assert rate_limited("t", "b", limit=30) is False


def test_the_database_store_keeps_one_row_per_key_and_window_and_sweeps_old_ones(settings, clock):
    settings.RATE_LIMIT_STORE = "database"
    for _ in range(3):
        rate_limited("t", "a", limit=10)
    (row,) = RateCount.objects.all()
    assert row.count == 3
    clock[0] += 3600
    ratelimit._STORES["database"].next_sweep = 0.0
    rate_limited("t", "a", limit=10)
    assert RateCount.objects.count() == 1  # the old window's row is gone


def test_a_database_that_cannot_be_written_falls_back_to_this_processs_count(settings, monkeypatch):
    settings.RATE_LIMIT_STORE = "database"

    def broken(*args, **kwargs):
        raise DatabaseError("the database is restarting")

    monkeypatch.setattr(ratelimit.connection, "cursor", broken)
    assert [rate_limited("t", "a", limit=2) for _ in range(3)] == [False, False, True]


def _request(remote="10.0.0.1", forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.1"


def test_behind_one_proxy_the_client_is_the_address_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded="203.0.113.9")) == "203.0.113.9"
    # What the client wrote itself (left of the proxy's entry) proves nothing.
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request(forwarded="2001:db8::1")) == "2001:db8::1"


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.9, 198.51.100.7")) == "203.0.113.9"
    # Too few entries, or one that is not an address: the proxy's own address.
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.1"
    assert client_ip(_request(forwarded="nonsense, 198.51.100.7")) == "10.0.0.1"


@given(forwarded=st.text(max_size=200), trusted=st.integers(min_value=0, max_value=4))
def test_any_forwarded_header_gives_an_address_and_never_an_error(forwarded, trusted):
    from django.conf import settings

    original = settings.TRUSTED_PROXY_COUNT
    settings.TRUSTED_PROXY_COUNT = trusted
    try:
        address = client_ip(_request(forwarded=forwarded))
    finally:
        settings.TRUSTED_PROXY_COUNT = original
    assert address == "10.0.0.1" or address in forwarded or ":" in address


def test_limits_count_an_ipv6_client_by_its_64_and_an_ipv4_one_by_its_address():
    assert client_key(_request(remote="2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::/64"
    assert client_key(_request(remote="2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_key(_request(remote="::ffff:203.0.113.9")) == "203.0.113.9"
    assert client_key(_request(remote="203.0.113.9")) == "203.0.113.9"
    assert client_key(_request(remote="")) == "unknown"
