"""A Redis that refuses connections, or accepts them and never answers, costs fans nothing:
every page and the act keep answering, counts come from the rows, limits stay local."""

import pytest
from django.test import Client, override_settings

from takeaction.actions.models import ActionEvent
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.core.tests.test_cache import SilentServer, closed_port

BACKEND = "takeaction.core.cache.ResilientRedisCache"


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


@pytest.mark.django_db
def test_fans_are_answered_while_redis_accepts_and_never_answers(
    silent, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(slug="frozen", ask="Please talk")
    caches = {"default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{silent.port}/0",
                          "SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 60}}  # fmt: skip
    with override_settings(CACHES=caches):
        fan = Client(raise_request_exception=False)
        answers = {
            "page": fan.get("/c/frozen/"),
            "landing": fan.get("/c/frozen/?src=story"),
            "lookup": fan.get("/c/frozen/officials/?zip=10001&fragment=1"),
            "counts": fan.get("/c/frozen/counts.json"),
            "you": fan.get("/c/frozen/you/"),
        }
        with django_capture_on_commit_callbacks(execute=True):
            act = fan.post(
                "/c/frozen/act/",
                {"verb": "talk", "outcome": "talked_to_someone", "elapsed": "5000"},
                HTTP_ACCEPT="application/json",
            )  # fmt: skip
        counts = fan.get("/c/frozen/counts.json").json()
    assert {name: r.status_code for name, r in answers.items()} == {
        "page": 200, "landing": 200, "lookup": answers["lookup"].status_code,
        "counts": 200, "you": 200,
    }  # fmt: skip
    assert answers["lookup"].status_code < 500
    assert act.status_code == 200 and act.json()["ok"] is True
    assert ActionEvent.objects.filter(campaign=campaign).count() == 1
    assert counts["actions"] == 1  # rebuilt from the rows, not lost with Redis
    assert len(silent.accepted) <= 2


@pytest.mark.django_db
def test_rate_limits_fall_back_to_a_local_limit_not_off(settings):
    settings.ACTION_RATE_LIMIT_PER_MINUTE = 3
    settings.RATE_LIMIT_STORE = "cache"  # as with REDIS_URL
    CampaignFactory(slug="limited", ask="Please talk")
    caches = {"default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
                          "SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 60}}  # fmt: skip
    with override_settings(CACHES=caches):
        statuses = [
            Client().post(
                "/c/limited/act/",
                {"verb": "talk", "outcome": "talked_to_someone", "elapsed": "5000"},
                HTTP_ACCEPT="application/json",
            ).status_code
            for _ in range(5)
        ]  # fmt: skip
    assert statuses == [200, 200, 200, 429, 429]
