"""Read settings from the environment.

Every setting TakeAction reads from the environment goes through these helpers,
so ``docs/settings.md`` and ``.env.example`` can be checked against one list
(``ENV_VARS``) by a test.
"""

import os

from django.core.exceptions import ImproperlyConfigured

ENV_VARS: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    ENV_VARS.add(name)
    return os.environ.get(name)


def env_str(name: str, default: str) -> str:
    """Return the variable's value, or ``default`` when it is unset."""
    value = _raw(name)
    return default if value is None else value


def env_required(name: str) -> str:
    """Return the variable's value; refuse to start when it is unset or empty."""
    value = _raw(name)
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production settings "
            f"(see docs/settings.md and .env.example)."
        )
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean (1/0, true/false, yes/no, on/off)."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false).")


def _env_number(name: str, default, kind: type, what: str):
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        return kind(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not {what}.") from None


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer."""
    return _env_number(name, default, int, "an integer")


def env_float(name: str, default: float) -> float:
    """Return the variable as a number (seconds, say)."""
    return _env_number(name, default, float, "a number")


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of non-empty, stripped items."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
