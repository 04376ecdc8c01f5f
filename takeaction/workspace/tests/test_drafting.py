"""Drafting a campaign from a pasted post or article, and reviewing the drafted fields."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.accounts.services import organization_create
from takeaction.campaigns.models import Campaign
from takeaction.voices.evaluation import load_cases

pytestmark = pytest.mark.django_db

JANE_DOE = (
    "Please call your senators today and tell them to protect clean water. "
    "Share this with everyone you know! — Jane Doe, on Instagram"
)


@pytest.fixture
def org(client):
    user = get_user_model().objects.create_user("o", "o@example.org", "a-long-passphrase-1")
    client.force_login(user)
    return organization_create(name="Water Team", owner=user)


def _new(client, org, **data):
    return client.post(f"/org/{org.slug}/campaigns/new/", data)


def test_the_jane_doe_post_drafts_the_campaign_it_asks_for(client, org):
    response = _new(client, org, text=JANE_DOE)
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    assert campaign.status == Campaign.Status.DRAFT  # nothing is published
    assert campaign.title == "Protect clean water"
    assert campaign.quote.endswith("everyone you know!") and "Jane Doe" not in campaign.quote
    assert campaign.speaker_name == "Jane Doe" and campaign.platform == "instagram_post"
    enabled = [
        v for v in ("share", "talk", "call", "write", "donate") if getattr(campaign, f"{v}_enabled")
    ]
    assert enabled == ["share", "call"]
    assert campaign.call_targets == Campaign.Targets.SENATE
    assert (
        "to protect clean water" in campaign.call_script
        and "{official_name}" in campaign.call_script
    )
    assert "protect clean water" in campaign.letter_body
    assert campaign.share_text.startswith("Ask our senators with me")  # claims nothing
    assert campaign.share_text_after.startswith("I just asked our senators")
    assert campaign.talking_points and campaign.issue_summary
    assert "call_script" in campaign.drafted["fields"]


def test_drafted_fields_are_marked_until_edited_and_a_save_says_so(client, org):
    _new(client, org, text=JANE_DOE)
    campaign = Campaign.objects.get()
    url = f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    page = client.get(url)
    html = page.content.decode()
    assert html.count("Drafted: check it") == len(
        [f for f in campaign.drafted["fields"] if f in page.context["form"].fields]
    )
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data["call_script"] = "Hi {official_title} {official_name}, I'm {first_name}. Save the river."
    response = client.post(url, data, follow=True)
    assert "Saved: the changes are on the campaign." in response.content.decode()
    campaign.refresh_from_db()
    assert "call_script" not in campaign.drafted["fields"]
    assert "letter_body" in campaign.drafted["fields"]  # still as drafted


def test_an_article_names_its_quotes_figures_and_organizations_for_review(client, org):
    case = next(c for c in load_cases() if c["id"] == "rivers-alive-lawsuit-press")
    _new(client, org, text=case["text"])
    campaign = Campaign.objects.get()
    assert campaign.speaker_name == "Maria Lopez"
    assert campaign.quote.startswith("Meridian has treated this river")
    assert campaign.platform == "press"
    html = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/edit/").content.decode()
    assert "Rivers Alive Coalition" in html and "riversalive.org" in html


def test_a_saved_page_is_read_without_its_markup(client, org):
    page = SimpleUploadedFile(
        "post.html",
        b"<html><body><script>alert(1)</script><p>Please call your representative "
        b"and tell them to fund the library.</p><p>&mdash; Ana Ruiz, on Facebook</p></body></html>",
        content_type="text/html",
    )
    _new(client, org, page=page)
    campaign = Campaign.objects.get()
    assert campaign.speaker_name == "Ana Ruiz" and "alert" not in campaign.quote
    assert campaign.call_targets == Campaign.Targets.HOUSE and campaign.platform == "facebook"


def test_nothing_to_read_is_said_and_nothing_is_created(client, org):
    response = _new(client, org, text="   ")
    assert response.status_code == 200
    assert "Paste the statement" in response.content.decode()
    assert not Campaign.objects.exists()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(max_size=600).filter(lambda text: "\x00" not in text))
def test_any_text_drafts_a_campaign_or_says_why_never_a_500(client, org, text):
    before = Campaign.objects.count()
    response = _new(client, org, text=text)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Campaign.objects.count() == before + 1
        campaign = Campaign.objects.latest("id")
        editor = client.get(response["Location"])
        assert editor.status_code == 200 and campaign.status == Campaign.Status.DRAFT
