"""Short-link visits: counted in the cache, written in batches, never twice; what a crash
can lose is one batch."""

import pytest
from django.core.cache import cache
from django.db import OperationalError

from takeaction.campaigns import visits
from takeaction.campaigns.models import Source, SourceVisit
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.visits import (
    source_visit_count,
    source_visits_flush,
    source_visits_flush_due,
    source_visits_push,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return Source.objects.create(campaign=CampaignFactory(), name="Story", code="story-1")


def _stored(source) -> int:
    return sum(SourceVisit.objects.filter(source=source).values_list("count", flat=True))


def test_a_visit_is_counted_with_no_query(source, django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(5):
            source_visit_count(source_id=source.id)
    assert _stored(source) == 0
    assert source_visits_flush() == 5
    assert _stored(source) == 5
    assert source_visits_flush() == 0 and _stored(source) == 5  # nothing written twice
    source_visit_count(source_id=source.id)
    assert source_visits_flush() == 1 and _stored(source) == 6  # added to the same row


def test_two_flushers_reading_the_same_counter_write_it_once(source, monkeypatch):
    for _ in range(5):
        source_visit_count(source_id=source.id)
    real_get_many = cache.get_many
    raced = []

    def read_then_lose_the_race(keys):
        seen = real_get_many(keys)
        if not raced:
            raced.append(1)
            assert source_visits_flush() == 5  # another node's flush claims and writes first
        return seen  # this flush goes on with what it read before

    monkeypatch.setattr(visits.cache, "get_many", read_then_lose_the_race)
    assert source_visits_flush() == 0
    monkeypatch.undo()
    assert _stored(source) == 5
    assert source_visits_flush() == 0 and _stored(source) == 5


def test_a_failed_write_gives_the_counts_back_for_the_next_flush(source, monkeypatch):
    for _ in range(3):
        source_visit_count(source_id=source.id)

    def database_down(added):
        raise OperationalError("the database went away")

    monkeypatch.setattr(visits, "_add_to_rows", database_down)
    with pytest.raises(OperationalError):
        source_visits_flush()
    monkeypatch.undo()
    assert source_visits_flush() == 3 and _stored(source) == 3


def test_a_flusher_that_dies_after_its_claim_loses_that_batch_and_never_doubles(
    source, monkeypatch
):
    for _ in range(4):
        source_visit_count(source_id=source.id)

    def killed(added):
        raise SystemExit("the worker was killed mid-flush")

    monkeypatch.setattr(visits, "_add_to_rows", killed)
    with pytest.raises(SystemExit):
        source_visits_flush()
    monkeypatch.undo()
    source_visit_count(source_id=source.id)  # a later visit is still counted
    assert source_visits_flush() == 1
    assert _stored(source) == 1  # the 4 claimed by the dead flusher are the loss: no more


def test_at_most_one_flush_per_interval_across_nodes(source, settings):
    settings.VISIT_FLUSH_SECONDS = 60
    source_visit_count(source_id=source.id)
    assert source_visits_flush_due() == 1
    source_visit_count(source_id=source.id)
    assert source_visits_flush_due() == 0  # another flush already ran in this interval
    assert _stored(source) == 1


def test_the_short_link_costs_no_query_once_warm(client, source, django_assert_num_queries):
    assert client.get("/s/story-1").status_code == 302  # reads the link, flushes (due)
    with django_assert_num_queries(0):
        response = client.get("/s/story-1")
    assert response.status_code == 302 and response["Location"].endswith("?src=story-1")
    assert "no-store" in response["Cache-Control"]
    source_visits_flush()
    assert _stored(source) == 2


def test_a_process_asks_for_the_flush_lock_at_most_once_a_second(source, settings):
    settings.VISIT_FLUSH_SECONDS = 10
    source_visit_count(source_id=source.id)
    assert source_visits_flush_due() == 1
    cache.delete(visits._FLUSH_LOCK)  # as if the interval had passed on every node
    source_visit_count(source_id=source.id)
    assert source_visits_flush_due() == 0  # this process asked less than a second ago
    visits._next_lock_try[0] = 0.0  # a second later
    assert source_visits_flush_due() == 1
    assert _stored(source) == 2


def test_a_worker_killed_before_its_push_loses_only_its_last_unpushed_taps(source):
    for _ in range(3):
        source_visit_count(source_id=source.id)
    assert source_visits_push() == 3  # in the shared counters now: any node can flush them
    for _ in range(2):
        source_visit_count(source_id=source.id)
    assert visits.source_visits_forget_unpushed() == 2  # the worker dies before its push
    assert source_visits_flush() == 3 and _stored(source) == 3


def test_taps_are_pushed_within_a_second_without_a_flush(source, settings):
    settings.VISIT_FLUSH_SECONDS = 60
    cache.add(visits._FLUSH_LOCK, 1, timeout=60)  # another node flushed a moment ago
    source_visit_count(source_id=source.id)
    assert source_visits_flush_due() == 0  # no flush, but the tap went to the counters
    assert visits.source_visits_forget_unpushed() == 0
    assert source_visits_flush() == 1
