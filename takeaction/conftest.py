"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import settings as hypothesis_settings

from takeaction.actions.counters import counts_stale_clear
from takeaction.campaigns.visits import visits_flush_gate_reset
from takeaction.core.local_copies import local_copies_clear
from takeaction.core.ratelimit import rate_limits_reset
from takeaction.officials.services import officials_sync
from takeaction.officials.snapshot import snapshot_reset
from takeaction.officials.tests.fixture_data import write_source

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Headless Chromium names itself "HeadlessChrome", which the app rightly flags as a
    # bot (docs/counting.md): the tests browse with the user agent of a phone's Chrome.
    "--user-agent=Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"

# Examples here go through the database and the whole request stack, whose first
# call (imports, connections, caches) is slow on a shared 2-core machine: a
# per-example deadline would only measure that noise, so tests state limits in
# examples, not milliseconds.
hypothesis_settings.register_profile("takeaction", deadline=None)
hypothesis_settings.load_profile("takeaction")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache (Redis DB or local memory) and no officials snapshot."""
    cache.clear()
    snapshot_reset()
    visits_flush_gate_reset()  # the flush lock went with the cache
    local_copies_clear()  # and the values each process keeps from it
    rate_limits_reset()  # the counts kept when the shared store failed
    counts_stale_clear()  # and the campaigns whose counters missed an increment
    yield
    cache.clear()
    local_copies_clear()
    snapshot_reset()


@pytest.fixture
def wsgi_keeps_connection():
    """Let tests call the WSGI app directly inside their transaction.

    Django closes database connections when a request starts and finishes; its test
    client switches that off, and so must tests that call the WSGI handler, or
    PostgreSQL's connection (and the test's transaction) is gone after one request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fixture_source(tmp_path):
    """A folder holding the small officials fixture data set."""
    return write_source(tmp_path / "officials")


@pytest.fixture
def synced(db, fixture_source, django_capture_on_commit_callbacks):
    """Load the officials fixture data, as ``officials_sync --partial`` would."""
    with django_capture_on_commit_callbacks(execute=True):
        return officials_sync(source=str(fixture_source), partial=True)


@pytest.fixture(scope="session")
def chromium():
    """Launch Debian's Chromium through Playwright; fail (not skip) in CI when it is missing."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM
    # calls made by fixtures around browser tests are still plain sync code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts_dir() -> Path:
    """Folder for screenshots and other files a test leaves for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
