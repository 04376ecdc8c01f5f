"""Log in with a lockout, reset a password by e-mail, invite members by an expiring link."""

import datetime
import re

import pyotp
import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from takeaction.accounts import totp
from takeaction.accounts.models import Invitation, Membership, Role, TwoFactor
from takeaction.accounts.services import organization_create
from takeaction.workspace.lockout import client_address

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-1"


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("owner", "owner@example.org", PASSWORD)


@pytest.fixture
def org(owner):
    return organization_create(name="Team", owner=owner)


ATTACKER = "203.0.113.7"
OWNER_ADDRESS = "198.51.100.4"


def _login(client, password, *, address="127.0.0.1", **extra):
    data = {"username": "owner", "password": password, **extra}
    return client.post("/accounts/login/", data, REMOTE_ADDR=address)


def test_login_and_logout(client, owner):
    assert _login(client, PASSWORD)["Location"] == "/org/"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/org/").status_code == 302


def test_five_failures_from_one_address_lock_it_out_with_a_message(client, owner):
    for _ in range(4):
        assert "Please enter a correct" in _login(client, "wrong", address=ATTACKER).text
    locked = _login(client, "wrong", address=ATTACKER, next="/org/team/")
    assert locked.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes" in locked.text
    assert int(locked["Retry-After"]) == 15 * 60
    assert 'value="owner"' in locked.text and 'value="/org/team/"' in locked.text
    even_right = _login(client, PASSWORD, address=ATTACKER)
    assert even_right.status_code == 429 and "Too many failed attempts" in even_right.text
    assert client.get("/org/").status_code == 302  # not logged in


def test_the_owner_logs_in_from_elsewhere_while_the_attackers_address_is_locked(client, owner):
    for _ in range(5):
        _login(client, "wrong", address=ATTACKER)
    assert _login(client, PASSWORD, address=ATTACKER).status_code == 429
    assert _login(client, PASSWORD, address=OWNER_ADDRESS)["Location"] == "/org/"
    assert client.get("/org/").status_code == 200
    client.post("/accounts/logout/")
    assert _login(client, PASSWORD, address=ATTACKER).status_code == 429


def test_a_forged_x_forwarded_for_does_not_change_the_address_counted(client, owner):
    for n in range(5):
        _login(client, "wrong", address=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    forged = _login(client, PASSWORD, address=ATTACKER, HTTP_X_FORWARDED_FOR=OWNER_ADDRESS)
    assert forged.status_code == 429


def test_lockouts_count_the_address_the_rate_limits_use(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="2001:db8::7")) == "2001:db8::7"
    # A missing address is "unknown" to the rate limits, and no address to axes' column.
    assert client_address(rf.get("/", REMOTE_ADDR="")) is None


def test_a_successful_log_in_resets_the_failures(client, owner):
    for _ in range(4):
        _login(client, "wrong", address=OWNER_ADDRESS)
    assert _login(client, PASSWORD, address=OWNER_ADDRESS)["Location"] == "/org/"
    client.post("/accounts/logout/")
    for _ in range(4):
        assert "Please enter a correct" in _login(client, "wrong", address=OWNER_ADDRESS).text
    assert _login(client, PASSWORD, address=OWNER_ADDRESS)["Location"] == "/org/"


def test_the_lockout_lifts_after_15_minutes(client, owner):
    for _ in range(5):
        _login(client, "wrong", address=ATTACKER)
    assert _login(client, PASSWORD, address=ATTACKER).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _login(client, PASSWORD, address=ATTACKER)["Location"] == "/org/"
    assert not AccessAttempt.objects.exists()


def test_the_second_factor_comes_after_the_lockout_and_its_success_resets_it(client, owner):
    factor = TwoFactor.objects.create(
        user=owner, secret=totp.new_secret(), confirmed_at=timezone.now()
    )
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD)["Location"] == "/accounts/two-factor/"
    assert AccessAttempt.objects.exists()  # the password alone does not clear the count
    client.post("/accounts/two-factor/", {"code": pyotp.TOTP(factor.secret).now()})
    assert client.get("/org/").status_code == 200
    assert not AccessAttempt.objects.exists()


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
    assert _login(client, new)["Location"] == "/org/"


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
