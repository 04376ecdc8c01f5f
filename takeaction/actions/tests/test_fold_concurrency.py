"""The fold counts every act exactly once with folds running side by side while fans act, and
when a folding process is killed in the middle of its transaction. Real connections and a
real process kill, on SQLite and, in CI, on PostgreSQL."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction

from takeaction.accounts.services import organization_create
from takeaction.actions import folding
from takeaction.actions.folding import rollups_fold
from takeaction.actions.models import ActionEvent
from takeaction.actions.reports import campaign_dashboard
from takeaction.actions.services import Act, action_record, campaign_acts_erase
from takeaction.actions.tests.raw_figures import raw_figures, shown_figures
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db(transaction=True)

ACTS = (
    Act(verb="call", outcome="talked", target="A000001", state="NY"),
    Act(verb="call", outcome="skipped", target="A000001"),
    Act(verb="write", outcome="sent", target="B000002", state="CA"),
    Act(verb="talk", outcome="talked_to_someone"),
    Act(verb="share", outcome="share_started", target="share:x"),
    Act(verb="donate", outcome="donation_link_opened", target="donation:1", flag="too_fast"),
)


@pytest.fixture
def campaign():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    organization = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=organization, ask="Please talk, call, share, write")
    source_create(campaign=campaign, user=owner, name="Story", platform="x", handle="")
    return campaign


def _fold_until_done(deadline_seconds: float = 30) -> None:
    """Fold until no act waits (a fold killed a moment ago may still hold its lock)."""
    deadline = time.monotonic() + deadline_seconds
    while ActionEvent.objects.filter(folded_at__isnull=True).exists():
        if not rollups_fold(limit=50):
            assert time.monotonic() < deadline, "the acts were never folded"
            time.sleep(0.05)


def _exact(campaign) -> None:
    dashboard = campaign_dashboard(campaign)
    assert dashboard["as_of"] is None
    assert shown_figures(dashboard, campaign_dashboard(campaign, by="hour")) == raw_figures(
        campaign
    )


def test_two_folders_while_fans_act(campaign):
    code = campaign.sources.get().code
    stop = threading.Event()
    errors: list[BaseException] = []
    folded = [0, 0]

    def folder(index: int) -> None:
        try:
            while not stop.is_set():
                done = rollups_fold(limit=7)
                folded[index] += done
                if not done:
                    time.sleep(0.002)
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=folder, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    try:
        fans = []
        for n in range(240):
            public_id = fans[n % len(fans)][0] if fans and n % 3 else None
            recorded = action_record(
                campaign=campaign, public_id=public_id, act=ACTS[n % len(ACTS)], source_code=code
            )
            if recorded.new_supporter:
                fans.append((str(recorded.supporter.public_id), recorded.supporter))
            if n % 60 == 59:
                campaign_acts_erase(supporter=fans.pop(0)[1], campaign=campaign)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert sum(folded) > 0
    _fold_until_done()
    _exact(campaign)


_KILLED_FOLD = """
import os, sys, time
from unittest import mock
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
django.setup()
from django.conf import settings
settings.DATABASES["default"]["NAME"] = sys.argv[1]
from takeaction.actions import folding
real = folding._save_fans
def stall(*args, **kwargs):
    real(*args, **kwargs)  # the rollups and the fans are written; the acts not yet stamped
    print("mid-fold", flush=True)
    time.sleep(120)
with mock.patch.object(folding, "_save_fans", stall):
    folding.rollups_fold()
"""


def test_a_fold_killed_mid_transaction_is_undone_and_redone(campaign):
    code = campaign.sources.get().code
    for n in range(40):
        action_record(campaign=campaign, public_id=None, act=ACTS[n % len(ACTS)], source_code=code)
    name = connections["default"].settings_dict["NAME"]
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_FOLD, str(name)],
        cwd=settings.BASE_DIR,
        env={**os.environ},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "mid-fold"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert ActionEvent.objects.filter(folded_at__isnull=True).count() == 40
    _fold_until_done()
    _exact(campaign)


def _hold_the_fold_lock(held: threading.Event, release: threading.Event) -> None:
    """In a connection of its own, take what a fold takes (the advisory lock on PostgreSQL,
    the write lock on SQLite) and keep it until ``release``."""
    try:
        with transaction.atomic():  # SQLite: BEGIN IMMEDIATE, the write lock
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [folding._ADVISORY_KEY])
            held.set()
            release.wait(timeout=30)
    finally:
        connection.close()


def test_a_read_waits_for_a_fold_in_progress(campaign):
    code = campaign.sources.get().code
    for n in range(5):
        action_record(campaign=campaign, public_id=None, act=ACTS[n], source_code=code)
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_fold_lock, args=(held, release))
    holder.start()
    assert held.wait(timeout=10)
    threading.Timer(0.4, release.set).start()
    began = time.monotonic()
    dashboard = campaign_dashboard(campaign)
    holder.join(timeout=10)
    assert time.monotonic() - began >= 0.3  # it waited for the lock, then folded
    assert dashboard["as_of"] is None and dashboard["total"] == 3


# SQLite's wait is its busy timeout (5 s), the same for every writer.
@pytest.mark.postgresql
def test_a_read_that_cannot_fold_answers_with_how_fresh_it_is(campaign, monkeypatch):
    monkeypatch.setattr(folding, "LOCK_WAIT_MS", 200)
    code = campaign.sources.get().code
    action_record(campaign=campaign, public_id=None, act=ACTS[0], source_code=code)
    rollups_fold()
    late = action_record(campaign=campaign, public_id=None, act=ACTS[3], source_code=code)
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_fold_lock, args=(held, release))
    holder.start()
    try:
        assert held.wait(timeout=10)
        dashboard = campaign_dashboard(campaign)
    finally:
        release.set()
        holder.join(timeout=10)
    assert dashboard["as_of"] == late.event.created_at and dashboard["total"] == 1
    _fold_until_done()
    _exact(campaign)
