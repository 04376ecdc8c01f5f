"""The fan's "keep me posted" opt-in: consent, matching on e-mail, the campaign's list."""

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.supporters.models import Person, Signup, Supporter

pytestmark = pytest.mark.django_db

GOOD = {"email": "Fan@Example.org", "given_name": "Ana", "postal_code": "10001", "consent": "on"}


@pytest.fixture
def campaign():
    return CampaignFactory(slug="act")


def keep_posted(client, data, slug="act"):
    return client.post(f"/c/{slug}/keep-posted/", data)


def test_the_fans_page_offers_the_opt_in_with_the_organization_named(client, campaign):
    page = client.get("/c/act/you/").content.decode()
    assert 'action="/c/act/keep-posted/"' in page and 'name="consent"' in page
    assert campaign.organization.name in page


def test_opting_in_adds_the_person_to_the_campaign_list_and_links_the_browser(client, campaign):
    client.get("/c/act/you/")  # the fan's page gives the browser its supporter cookie
    response = keep_posted(client, GOOD)
    assert response.status_code == 302 and response["Location"].endswith("?kept=1#keep-posted")
    person = Person.objects.get()
    assert (person.email, person.given_name, person.postal_code) == (
        "fan@example.org",
        "Ana",
        "10001",
    )
    assert person.organization == campaign.organization
    signup = Signup.objects.get()
    assert signup.campaign == campaign and signup.supporter == Supporter.objects.get()
    assert "on the list" in client.get(response["Location"]).content.decode()


def test_signing_up_twice_is_one_person_and_one_signup(client, campaign):
    keep_posted(client, GOOD)
    keep_posted(client, {**GOOD, "email": "fan@example.org", "given_name": ""})
    assert Person.objects.count() == 1 and Signup.objects.count() == 1
    assert Person.objects.get().given_name == "Ana"  # an empty field keeps what was given


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "consent": ""}, "Tick the box"),
        ({**GOOD, "email": "not-an-address"}, "valid email"),
        ({**GOOD, "postal_code": "1234"}, "5-digit ZIP"),
        ({**GOOD, "given_name": "x" * 101}, "at most 100"),
    ],
)
def test_bad_opt_ins_are_explained_and_keep_what_was_typed(client, campaign, data, message):
    response = keep_posted(client, data)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert 'value="Ana"' in page or data["given_name"] != "Ana"
    assert not Person.objects.exists()


def test_a_filled_honeypot_gets_the_thanks_of_a_sign_up_and_keeps_nothing(client, campaign):
    person = keep_posted(client, GOOD)
    bot = keep_posted(Client(), {**GOOD, "email": "bot@example.org", "website": "http://x.example"})
    assert bot.status_code == person.status_code == 302
    assert bot["Location"] == person["Location"]
    assert list(Person.objects.values_list("email", flat=True)) == [GOOD["email"].lower()]


def test_unknown_or_draft_campaigns_and_wrong_method(client, campaign):
    assert keep_posted(client, GOOD, slug="nope").status_code == 404
    draft = CampaignFactory(slug="draft", status="draft")
    assert keep_posted(client, GOOD, slug=draft.slug).status_code == 404
    assert client.get("/c/act/keep-posted/").status_code == 405


@override_settings(SIGNUP_RATE_LIMIT_PER_MINUTE=2)
def test_rate_limit_gives_a_clear_429_that_keeps_the_form(client, campaign):
    for n in range(2):
        keep_posted(client, {**GOOD, "email": f"f{n}@example.org"})
    response = keep_posted(client, {**GOOD, "email": "third@example.org"})
    assert response.status_code == 429 and "third@example.org" in response.content.decode()
    assert Person.objects.count() == 2


def test_csrf_is_enforced(campaign):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/c/act/keep-posted/", GOOD)
    assert response.status_code == 403 and not Person.objects.exists()


text = st.text(max_size=300)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["email", "given_name", "postal_code", "consent", "website"]),
        text | st.emails(),
    )
)
def test_any_opt_in_post_is_answered_without_a_server_error(client, campaign, data):
    assert keep_posted(client, data).status_code in (302, 400, 429)
