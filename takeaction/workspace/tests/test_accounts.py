"""Log in with a lockout, reset a password by e-mail, invite members by an expiring link."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from takeaction.accounts.models import Invitation, Membership, Role
from takeaction.accounts.services import organization_create

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-1"


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("owner", "owner@example.org", PASSWORD)


@pytest.fixture
def org(owner):
    return organization_create(name="Team", owner=owner)


def _login(client, password):
    return client.post("/accounts/login/", {"username": "owner", "password": password})


def test_login_and_logout(client, owner):
    assert _login(client, PASSWORD)["Location"] == "/org/"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/org/").status_code == 302


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, owner):
    for _ in range(5):
        assert "Please enter a correct" in _login(client, "wrong").content.decode()
    response = _login(client, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()


def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_working_link(client, owner):
    response = client.post("/accounts/password_reset/", {"email": "owner@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://\S+/accounts/reset/\S+/", message.body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "an-even-longer-passphrase-2"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert client.login(username="owner", password=new)


def test_invitation_by_email_makes_a_member_once(client, owner, org):
    client.force_login(owner)
    client.post(f"/org/{org.slug}/members/", {"email": "friend@example.org", "role": "viewer"})
    (message,) = mail.outbox
    assert message.to == ["friend@example.org"] and "Team" in message.subject
    token = Invitation.objects.get().token
    assert token in message.body
    friend = get_user_model().objects.create_user("friend", "friend@example.org", PASSWORD)
    client.force_login(friend)
    assert client.get(f"/accounts/invite/{token}/").status_code == 200
    assert client.post(f"/accounts/invite/{token}/")["Location"] == f"/org/{org.slug}/"
    assert Membership.objects.get(user=friend).role == Role.VIEWER
    again = client.post(f"/accounts/invite/{token}/")
    assert again.status_code == 400 and "already been used" in again.content.decode()


def test_expired_and_unknown_invitations_say_so(client, owner, org):
    client.force_login(owner)
    client.post(f"/org/{org.slug}/members/", {"email": "late@example.org", "role": "editor"})
    invitation = Invitation.objects.get()
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    assert "expired" in client.post(f"/accounts/invite/{invitation.token}/").content.decode()
    assert "not valid" in client.post("/accounts/invite/nope/").content.decode()


def test_invitations_need_a_login_first(client):
    assert client.get("/accounts/invite/abc/")["Location"].startswith("/accounts/login/")


def test_a_user_in_two_organizations_sees_both(client, owner, org):
    organization_create(name="Second team", owner=owner)
    client.force_login(owner)
    html = client.get("/org/").content.decode()
    assert "Team" in html and "Second team" in html


def test_password_change(client, owner):
    client.force_login(owner)
    assert client.get("/accounts/password_change/").status_code == 200
    new = "a-brand-new-passphrase-3"
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(new)
