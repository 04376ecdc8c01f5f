"""The organizer workspace: accounts, organizations, campaigns from a statement, sources."""

import io

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from takeaction.accounts.models import ChangeRecord, Membership, Role
from takeaction.accounts.services import organization_create
from takeaction.campaigns.models import Campaign, Source, SourceVisit
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.visits import source_visits_flush

pytestmark = pytest.mark.django_db

STATEMENT = {
    "title": "Keep families together",
    "speaker_name": "Khloé Kardashian",
    "text": "It has been heartbreaking. Please tweet, talk, call, post, write, donate. Xo",
    "url": "https://twitter.com/khloekardashian/status/1",
}


@pytest.fixture
def owner(client):
    user = get_user_model().objects.create_user("owner", "o@example.org", "a-long-passphrase-1")
    client.force_login(user)
    return user


@pytest.fixture
def org(owner):
    return organization_create(name="Families Team", owner=owner)


def test_signup_logs_in_and_lands_on_the_workspace(client):
    data = {
        "username": "newbie",
        "email": "n@example.org",
        "password1": "correct-horse-battery-9",
        "password2": "correct-horse-battery-9",
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302 and response["Location"] == "/org/"
    assert client.get("/org/").status_code == 200


def test_signup_with_a_weak_password_says_why(client):
    data = {"username": "x", "email": "x@example.org", "password1": "123", "password2": "123"}
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200 and "too short" in response.content.decode()


def test_workspace_needs_a_login(client):
    assert client.get("/org/")["Location"].startswith("/accounts/login/")


def test_creating_an_organization_makes_you_its_owner(client, owner):
    response = client.post("/org/", {"name": "Families Team"})
    membership = Membership.objects.get(user=owner)
    assert membership.role == Role.OWNER
    assert response["Location"] == f"/org/{membership.organization.slug}/"


def test_campaign_from_a_statement_is_a_prefilled_draft(client, org):
    response = client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    assert campaign.status == Campaign.Status.DRAFT
    assert campaign.ask == "Please tweet, talk, call, post, write, donate."
    assert (campaign.platform, campaign.speaker_handle) == ("x", "@khloekardashian")
    assert ChangeRecord.objects.filter(action="campaign.create", campaign=campaign).exists()


def _new_campaign_in_the_editor(client, org):
    """A draft from the statement, its editor's URL and the editor's fields as they are."""
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    url = f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    form = client.get(url).context["form"]
    return campaign, url, {k: v for k, v in form.initial.items() if v is not None}


def test_editor_rejects_unknown_placeholders_with_the_allowed_list(client, org):
    campaign, url, data = _new_campaign_in_the_editor(client, org)
    data.update(issue_summary="Why it matters.", call_script="Hi {senator_name}", goal=100)
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown placeholder {senator_name}" in html and "{official_name}" in html
    data["call_script"] = "Hi {official_title} {official_name}, I'm {first_name}."
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.call_script.startswith("Hi {official_title}")
    assert ChangeRecord.objects.filter(action="campaign.edit").exists()


def test_a_handle_typed_without_the_at_sign_is_shown_with_it(client, org):
    campaign, url, data = _new_campaign_in_the_editor(client, org)
    data.update(issue_summary="Why it matters.", goal=100, speaker_handle=" khloekardashian ")
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.speaker_handle == "@khloekardashian"


def test_the_editor_changes_the_public_address(client, org):
    campaign, url, data = _new_campaign_in_the_editor(client, org)
    data.update(issue_summary="Why it matters.", goal=100, slug="keep-families-together")
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.slug == "keep-families-together"
    taken = CampaignFactory(organization=org).slug
    data.update(slug=taken)
    edit = f"/org/{org.slug}/campaigns/keep-families-together/edit/"
    refused = client.post(edit, data)
    assert refused.status_code == 200 and "already exists" in refused.content.decode()


def test_changing_only_the_language_says_the_texts_are_still_in_the_other_one(client, org):
    _campaign, url, data = _new_campaign_in_the_editor(client, org)
    data.update(issue_summary="Why it matters.", goal=100)
    client.post(url, data)
    data.update(language="es")
    response = client.post(url, data)
    assert response["Location"] == url + "?check=language"
    assert "translate them too" in client.get(response["Location"]).content.decode()
    data.update(language="en", call_script="Hola {official_title} {official_name}.")
    assert client.post(url, data)["Location"] != url + "?check=language"


def test_publish_close_and_history(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    status_url = f"/org/{org.slug}/campaigns/{campaign.slug}/status/"
    client.post(status_url, {"status": "live"})
    assert client.get(campaign.get_absolute_url()).status_code == 200
    client.post(status_url, {"status": "closed"})
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    history = client.get(f"/org/{org.slug}/history/").content.decode()
    assert "campaign.live" in history and "campaign.closed" in history


def test_sources_get_short_links_that_count_visits_and_qr_codes(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    client.post(f"/org/{org.slug}/campaigns/{campaign.slug}/status/", {"status": "live"})
    base = f"/org/{org.slug}/campaigns/{campaign.slug}/sources/"
    client.post(base, {"name": "IG story 22 June", "platform": "instagram_story", "handle": ""})
    source = Source.objects.get()
    response = client.get(f"/s/{source.code}")
    assert response["Location"] == f"/c/{campaign.slug}/?src={source.code}"
    client.get(f"/s/{source.code}")
    source_visits_flush()  # visits wait in the cache until a flush is due
    assert SourceVisit.objects.get().count == 2
    svg = client.get(f"{base}{source.code}.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(f"{base}{source.code}.png")
    assert png.content.startswith(b"\x89PNG")
    assert client.get(f"{base}{source.code}.gif").status_code == 404
    card = client.get(f"{base}{source.code}/story.png")
    assert card["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(card.content)) as image:
        assert image.size == (1080, 1920)
    assert client.get("/s/no-such-code").status_code == 404


def test_viewers_see_but_cannot_change(client, org):
    viewer = get_user_model().objects.create_user("viewer", "v@example.org", "another-pass-9")
    Membership.objects.create(user=viewer, organization=org, role=Role.VIEWER)
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    client.force_login(viewer)
    assert client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/").status_code == 200
    assert client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/edit/").status_code == 403
    assert client.post(f"/org/{org.slug}/campaigns/{campaign.slug}/status/").status_code == 403
    assert client.get(f"/org/{org.slug}/members/").status_code == 403


def test_members_can_preview_their_drafts_and_others_cannot(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    assert client.get(f"/c/{campaign.slug}/preview/").status_code == 200
    stranger = get_user_model().objects.create_user("s", "s@example.org", "stranger-pass-9")
    client.force_login(stranger)
    assert client.get(f"/c/{campaign.slug}/preview/").status_code == 404


def test_duplicate_copies_content_as_a_new_draft(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    campaign.status = Campaign.Status.LIVE
    campaign.save()
    campaign.pushback_answers.create(objection="Why?", answer="Because.")
    response = client.post(f"/org/{org.slug}/campaigns/{campaign.slug}/duplicate/")
    copy = Campaign.objects.exclude(pk=campaign.pk).get()
    assert response["Location"] == f"/org/{org.slug}/campaigns/{copy.slug}/edit/"
    assert copy.status == Campaign.Status.DRAFT and copy.slug == f"{campaign.slug}-copy"
    assert copy.quote == campaign.quote and copy.pushback_answers.get().answer == "Because."
    assert campaign.pushback_answers.count() == 1


def test_editor_shows_a_phone_sized_preview_the_site_may_frame(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    html = client.get(f"/org/{org.slug}/campaigns/{campaign.slug}/edit/").content.decode()
    assert f'<iframe src="/c/{campaign.slug}/preview/"' in html and 'width="390"' in html
    preview = client.get(f"/c/{campaign.slug}/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert client.get(campaign.get_absolute_url() + "officials/")["X-Frame-Options"] == "DENY"


def test_editor_names_bad_embed_origins(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    url = f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data.update(issue_summary="Why.", goal=10, embed_origins="https://ok.example\nnot a site")
    response = client.post(url, data)
    assert "Not a site address: not a site" in response.content.decode()


def test_live_preview_renders_unsaved_fields_without_saving(client, org):
    client.post(f"/org/{org.slug}/campaigns/new/", STATEMENT)
    campaign = Campaign.objects.get()
    url = f"/org/{org.slug}/campaigns/{campaign.slug}/edit/"
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data.update(issue_summary="A **brand new** summary.", goal=10)
    response = client.post(url + "preview/", data)
    assert response.status_code == 200
    assert "A <strong>brand new</strong> summary." in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    drafted = campaign.issue_summary
    campaign.refresh_from_db()
    assert campaign.issue_summary == drafted != data["issue_summary"]  # nothing saved
    data["call_script"] = "{nope}"
    bad = client.post(url + "preview/", data)
    assert bad.status_code == 400 and "Unknown placeholder {nope}" in bad.content.decode()
