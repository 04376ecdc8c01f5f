"""OSDI forms, submissions (sign-ups and other acts) and lists, and the envelope on every list."""

import pytest

from takeaction.actions.models import Outcome
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.api.osdi.forms import form_uuid, list_uuid
from takeaction.api.tests.conftest import OSDI, osdi_get, osdi_send
from takeaction.supporters.models import Person
from takeaction.supporters.services import PersonDetails, person_signup

pytestmark = pytest.mark.django_db


def person(email):
    return {"person": {"email_addresses": [{"address": email}]}}


def test_each_campaign_has_a_signup_form_and_one_per_other_act(client, osdi_team):
    _org, _campaign, key = osdi_team
    body = osdi_get(client, OSDI + "forms", key).json()
    kinds = [form["takeaction:kind"] for form in body["_embedded"]["osdi:forms"]]
    assert kinds == ["signup", "share", "talk", "donate"]
    signup_form = body["_embedded"]["osdi:forms"][0]
    assert "osdi:record_submission_helper" in signup_form["_links"]
    assert "osdi:record_submission_helper" not in body["_embedded"]["osdi:forms"][1]["_links"]


def test_record_submission_helper_signs_a_person_up_to_the_campaign_list(client, osdi_team):
    _org, campaign, key = osdi_team
    url = f"{OSDI}forms/{form_uuid(campaign, 'signup')}/submissions"
    made = osdi_send(client, "POST", url, key, person("fan@example.org"))
    assert made.status_code == 200
    assert made.json()["person"]["email_addresses"][0]["address"] == "fan@example.org"
    osdi_send(client, "POST", url, key, person("fan@example.org"))  # once on the list
    assert osdi_get(client, url, key).json()["total_records"] == 1
    items_url = f"{OSDI}lists/{list_uuid(campaign)}/items"
    (item,) = osdi_get(client, items_url, key).json()["_embedded"]["osdi:items"]
    assert item["_links"]["osdi:person"]["href"] == made.json()["person"]["_links"]["self"]["href"]
    the_list = osdi_get(client, f"{OSDI}lists/{list_uuid(campaign)}", key).json()
    assert the_list["total_items"] == 1


def test_unsubscribed_people_leave_the_list_but_stay_submissions(client, osdi_team):
    _org, campaign, key = osdi_team
    url = f"{OSDI}forms/{form_uuid(campaign, 'signup')}/submissions"
    osdi_send(client, "POST", url, key, person("a@example.org"))
    Person.objects.filter(email="a@example.org").update(email_status="unsubscribed")
    assert osdi_get(client, f"{OSDI}lists/{list_uuid(campaign)}", key).json()["total_items"] == 0
    assert osdi_get(client, url, key).json()["total_records"] == 1


def test_act_forms_list_those_acts_and_link_the_people_who_opted_in(client, osdi_team):
    org, campaign, key = osdi_team
    share = Act(verb="share", outcome=Outcome.SHARE_STARTED, target="x")
    known = fan_acts(campaign, [share])
    fan_acts(campaign, [share, Act(verb="talk", outcome=Outcome.TALKED_TO_SOMEONE)])
    person_signup(
        organization=org, details=PersonDetails(email="k@example.org"),
        campaign=campaign, supporter=known,
    )  # fmt: skip
    url = f"{OSDI}forms/{form_uuid(campaign, 'share')}/submissions"
    body = osdi_get(client, url, key).json()
    assert body["total_records"] == 2
    linked = [s for s in body["_embedded"]["osdi:submissions"] if "osdi:person" in s["_links"]]
    assert len(linked) == 1 and linked[0]["takeaction:verb"] == "share"
    refused = osdi_send(client, "POST", url, key, person("x@example.org"))
    assert refused.status_code == 405 and not Person.objects.filter(email="x@example.org").exists()


def test_another_organizations_forms_and_lists_are_invisible(client, osdi_team, other_team):
    _org, _campaign, key = osdi_team
    their_campaign = other_team[1]
    assert (
        osdi_get(client, f"{OSDI}forms/{form_uuid(their_campaign, 'signup')}", key).status_code
        == 404
    )
    url = f"{OSDI}forms/{form_uuid(their_campaign, 'signup')}/submissions"
    assert osdi_send(client, "POST", url, key, person("a@example.org")).status_code == 404
    assert (
        osdi_get(client, f"{OSDI}lists/{list_uuid(their_campaign)}/items", key).status_code == 404
    )
    assert osdi_get(client, OSDI + "lists", key).json()["total_records"] == 1


def _list_urls(campaign):
    from takeaction.api.osdi.campaigns import campaign_uuid

    forms = [f"forms/{form_uuid(campaign, kind)}/submissions" for kind in ("signup", "share")]
    return [
        "advocacy_campaigns", f"advocacy_campaigns/{campaign_uuid(campaign)}/outreaches",
        "people", "tags", "forms", "lists", f"lists/{list_uuid(campaign)}/items", *forms,
    ]  # fmt: skip


def test_every_osdi_list_answers_the_same_page_envelope(client, osdi_team):
    _org, campaign, key = osdi_team
    tag = osdi_send(client, "POST", OSDI + "tags", key, {"name": "t"}).json()
    person_href = osdi_send(client, "POST", OSDI + "people", key, person("p@example.org")).json()
    urls = [OSDI + path for path in _list_urls(campaign)]
    urls += [tag["_links"]["osdi:taggings"]["href"], person_href["_links"]["osdi:taggings"]["href"]]
    for url in urls:
        response = osdi_get(client, url, key, per_page=100, page=1)
        assert response.status_code == 200, url
        body = response.json()
        assert set(body) == {
            "total_pages",
            "per_page",
            "page",
            "total_records",
            "_links",
            "_embedded",
        }
        assert body["per_page"] == 25 and body["page"] == 1, url
        (collection,) = body["_embedded"]
        assert collection.startswith("osdi:") and isinstance(body["_embedded"][collection], list)
        assert body["_links"]["self"]["href"].startswith("http"), url
        past = osdi_get(client, url, key, page=10**12).json()
        assert past["_embedded"][collection] == [] and "next" not in past["_links"], url
