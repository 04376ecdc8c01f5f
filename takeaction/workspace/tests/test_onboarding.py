"""Getting organizers in: the links to sign up and log in, the demo's organizer, staff."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from takeaction.accounts.services import organization_create
from takeaction.campaigns.demo import DEMO_ORGANIZATION
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _log_in(client, username: str, password: str) -> bool:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def test_the_home_page_offers_organizers_sign_up_and_log_in(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/signup/"' in html and 'href="/accounts/login/"' in html
    # A campaign page's header is the fan's: no organizer links, and still stored for all.
    page = client.get(CampaignFactory().get_absolute_url())
    assert "/accounts/login/" not in page.content.decode()
    assert "Cookie" not in page.get("Vary", "")


def test_make_demo_prints_an_organizer_login_that_opens_the_demo_dashboard(client, capsys):
    call_command("demo_load", "--organizer")
    printed = capsys.readouterr().out
    username, password = re.search(r"Demo organizer .*: (\S+) / (\S+)", printed).groups()
    assert _log_in(client, username, password)
    org = f"/org/{DEMO_ORGANIZATION['slug']}/"
    assert client.get(org).status_code == 200
    dashboard = client.get(org + "campaigns/families-belong-together/")
    assert dashboard.status_code == 200 and "Khloé — Instagram story" in dashboard.content.decode()
    call_command("demo_load", "--organizer")  # a new run, a new password
    again = re.search(r": \S+ / (\S+)", capsys.readouterr().out).group(1)
    client.logout()
    assert again != password and not _log_in(client, username, password)
    assert _log_in(client, username, again)


def test_staff_see_any_organization_read_only(client):
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    org = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=org)
    staff = get_user_model().objects.create_user("s", "s@example.org", "s-pass-123456")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    base = f"/org/{org.slug}/campaigns/{campaign.slug}/"
    assert client.get(base).status_code == 200
    assert client.get(base + "sources/").status_code == 200
    assert client.post(base + "status/", {"status": "closed"}).status_code == 403
    assert client.get(base + "edit/").status_code == 403
    assert client.get(f"/org/{org.slug}/people/").status_code == 403  # no personal data
    campaign.refresh_from_db()
    assert campaign.status == "live"
