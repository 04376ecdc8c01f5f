"""Optional TOTP two-factor log-in."""

import time

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from takeaction.accounts import totp
from takeaction.accounts.models import TwoFactor

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
PASSWORD = "a-long-passphrase-1"


@pytest.mark.parametrize(
    ("seconds", "code"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
    ],
)
def test_codes_match_the_rfc_6238_test_vectors(seconds, code):
    assert totp.code_at(RFC_SECRET, seconds // 30, digits=8) == code


def test_verify_accepts_neighbouring_steps_and_nothing_else():
    now = 1_700_000_000
    current = totp.code_at(RFC_SECRET, now // 30)
    assert totp.verify(RFC_SECRET, current, now=now)
    assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now // 30 - 1), now=now)
    assert not totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now // 30 - 3), now=now)
    assert totp.verify(RFC_SECRET, current[:3] + " " + current[3:], now=now)


@given(st.text(max_size=20))
def test_verify_never_raises_on_junk(code):
    assert totp.verify(RFC_SECRET, code, now=1_700_000_000) in (True, False)


@pytest.mark.django_db
def test_turning_it_on_then_logging_in_needs_a_code(client):
    user = get_user_model().objects.create_user("o", "o@example.org", PASSWORD)
    client.force_login(user)
    page = client.get("/accounts/security/")
    assert "data:image/svg+xml;base64," in page.content.decode()
    secret = TwoFactor.objects.get(user=user).secret
    assert client.post("/accounts/security/", {"code": "000000"}).status_code == 400
    client.post("/accounts/security/", {"code": totp.code_at(secret, int(time.time()) // 30)})
    assert TwoFactor.objects.get(user=user).enabled
    client.logout()

    response = client.post("/accounts/login/", {"username": "o", "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    assert client.get("/org/").status_code == 302  # not logged in yet
    assert client.post("/accounts/two-factor/", {"code": "123456"}).status_code == 400
    ok = client.post(
        "/accounts/two-factor/", {"code": totp.code_at(secret, int(time.time()) // 30)}
    )
    assert ok["Location"] == "/org/"
    assert client.get("/org/").status_code == 200


@pytest.mark.django_db
def test_two_factor_page_without_a_password_step_goes_to_login(client):
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/login/"
