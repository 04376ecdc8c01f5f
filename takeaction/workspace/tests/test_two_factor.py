"""Optional TOTP two-factor log-in."""

import base64

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
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
    # The RFC lists 8-digit codes; a 6-digit code is the same number's last six digits.
    assert totp.verify(RFC_SECRET, code[-6:], now=seconds)
    assert not totp.verify(RFC_SECRET, code[-6:], now=seconds + 90)


def test_verify_accepts_neighbouring_steps_and_nothing_else():
    code = "081804"  # seconds 1111111080-1111111109, from the RFC's second vector
    assert totp.verify(RFC_SECRET, code, now=1111111090)
    assert totp.verify(RFC_SECRET, code, now=1111111079)  # a clock behind: the next step
    assert totp.verify(RFC_SECRET, code, now=1111111139)  # a clock ahead: the previous step
    assert not totp.verify(RFC_SECRET, code, now=1111111049)
    assert not totp.verify(RFC_SECRET, code, now=1111111140)
    assert totp.verify(RFC_SECRET, "081 804", now=1111111090)
    assert not totp.verify(RFC_SECRET, "0818040", now=1111111090)


def test_new_secrets_are_160_bits_of_base32():
    secret = totp.new_secret()
    assert len(base64.b32decode(secret)) == 20
    assert secret != totp.new_secret()


def test_provisioning_uri_names_the_account_and_the_issuer():
    uri = totp.provisioning_uri(RFC_SECRET, account="o@example.org", issuer="TakeAction")
    assert uri.startswith("otpauth://totp/TakeAction:o%40example.org?")
    assert f"secret={RFC_SECRET}" in uri and "issuer=TakeAction" in uri


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
    client.post("/accounts/security/", {"code": pyotp.TOTP(secret).now()})
    assert TwoFactor.objects.get(user=user).enabled
    client.logout()

    response = client.post("/accounts/login/", {"username": "o", "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    assert client.get("/org/").status_code == 302  # not logged in yet
    assert client.post("/accounts/two-factor/", {"code": "123456"}).status_code == 400
    ok = client.post("/accounts/two-factor/", {"code": pyotp.TOTP(secret).now()})
    assert ok["Location"] == "/org/"
    assert client.get("/org/").status_code == 200


@pytest.mark.django_db
def test_two_factor_page_without_a_password_step_goes_to_login(client):
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_five_wrong_codes_refuse_even_the_right_one(client):
    user = get_user_model().objects.create_user("o", "o@example.org", PASSWORD)
    factor = TwoFactor.objects.create(
        user=user, secret=totp.new_secret(), confirmed_at=timezone.now()
    )
    client.post("/accounts/login/", {"username": "o", "password": PASSWORD})
    for _ in range(5):
        assert "not right" in client.post("/accounts/two-factor/", {"code": "000000"}).text
    refused = client.post("/accounts/two-factor/", {"code": pyotp.TOTP(factor.secret).now()})
    assert refused.status_code == 400 and "Too many wrong codes" in refused.text
    assert client.get("/org/").status_code == 302
