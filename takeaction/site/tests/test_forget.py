"""A fan deletes what they did on a campaign from their own page: gone from every count."""

import pytest
from django.test import Client, override_settings

from takeaction.actions.models import ActionEvent
from takeaction.actions.reports import campaign_dashboard
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Attribution, Supporter

pytestmark = pytest.mark.django_db

AFTER_READING = {"elapsed": "5000"}
TALK = {"verb": "talk", "outcome": "talked_to_someone", **AFTER_READING}
SHARE = "share"


@pytest.fixture
def campaign():
    return CampaignFactory(slug="act", ask="Please tweet, talk, call, write, donate.")


def _fan(campaign, *acts) -> Client:
    fan = Client()
    fan.get(f"/c/{campaign.slug}/?src=story")
    for data in acts:
        if data == SHARE:  # the share screen's button, a click
            assert fan.post(f"/c/{campaign.slug}/share/x/", AFTER_READING).status_code == 303
        else:
            assert fan.post(f"/c/{campaign.slug}/act/", data).status_code in (302, 303)
    return fan


# Committed for real, so the live counters hear of each act and of the erasure.
@pytest.mark.django_db(transaction=True)
def test_the_fan_page_deletes_their_acts_and_every_count_drops(campaign):
    fan = _fan(campaign, TALK, SHARE)
    other = _fan(campaign, TALK)
    assert campaign_dashboard(campaign)["total"] == 2  # folded, as a read does
    assert Client().get("/c/act/counts.json").json()["actions"] == 2
    page = fan.get("/c/act/you/").content.decode()
    assert 'action="/c/act/you/forget/"' in page and "Delete what I did here" in page

    response = fan.post("/c/act/you/forget/")

    assert response.status_code == 302 and response["Location"] == "/c/act/you/?forgotten=1"
    assert "no count includes it any more" in fan.get(response["Location"]).content.decode()
    assert ActionEvent.objects.count() == 1
    assert campaign_dashboard(campaign)["tally"].fans == 1
    counts = Client().get("/c/act/counts.json").json()
    assert (counts["actions"], counts["clicks"], counts["fans"]) == (1, 0, 1)
    # Their browser is still theirs: the personal link works, and a new act counts again.
    assert Supporter.objects.count() == 2 and Attribution.objects.count() == 1
    assert fan.post("/c/act/act/", TALK).status_code in (302, 303)
    assert campaign_dashboard(campaign)["total"] == 2
    assert other.get("/c/act/me.json").json()["progress"]["done"] == 1


def test_without_a_cookie_nothing_is_deleted_and_a_get_changes_nothing(campaign):
    _fan(campaign, TALK)
    assert Client().post("/c/act/you/forget/").status_code == 302
    assert Client().get("/c/act/you/forget/").status_code == 405
    assert ActionEvent.objects.count() == 1
    assert Client().post("/c/missing/you/forget/").status_code == 404


def test_it_needs_the_pages_csrf_token(campaign):
    fan = Client(enforce_csrf_checks=True)
    fan.get("/c/act/")
    assert fan.post("/c/act/you/forget/").status_code == 403


@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=2)
def test_it_is_rate_limited_with_a_clear_answer(campaign):
    fan = _fan(campaign)
    answers = [fan.post("/c/act/you/forget/").status_code for _ in range(4)]
    assert answers[:2] == [302, 302] and answers[-1] == 429
    assert "Wait a minute" in fan.post("/c/act/you/forget/").content.decode()
