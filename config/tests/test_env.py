import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from config.env import env_bool, env_int, env_list, env_required, env_str


def test_env_str_uses_default_only_when_unset(monkeypatch):
    monkeypatch.delenv("TA_TEST", raising=False)
    assert env_str("TA_TEST", "d") == "d"
    monkeypatch.setenv("TA_TEST", "")
    assert env_str("TA_TEST", "d") == ""


@pytest.mark.parametrize(
    ("raw", "value"), [("1", True), ("TRUE", True), (" yes ", True), ("0", False), ("off", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("TA_TEST", raw)
    assert env_bool("TA_TEST", not value) is value


def test_env_bool_rejects_nonsense_loudly(monkeypatch):
    monkeypatch.setenv("TA_TEST", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TA_TEST='maybe' is not a boolean"):
        env_bool("TA_TEST", False)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("TA_INT", "42")
    monkeypatch.setenv("TA_LIST", " a, ,b ,")
    assert env_int("TA_INT", 1) == 42
    assert env_list("TA_LIST", []) == ["a", "b"]
    monkeypatch.setenv("TA_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("TA_INT", 1)


def test_env_required_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("TA_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="TA_SECRET is required"):
        env_required("TA_SECRET")


@given(st.text())
def test_env_bool_either_parses_or_raises_improperly_configured(raw):
    import os

    if "\x00" in raw:
        return  # the OS cannot hold a NUL in an environment value
    os.environ["TA_FUZZ"] = raw
    try:
        assert env_bool("TA_FUZZ", False) in (True, False)
    except ImproperlyConfigured:
        pass
    finally:
        del os.environ["TA_FUZZ"]
