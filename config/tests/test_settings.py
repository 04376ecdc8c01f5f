"""Settings come from the environment, production fails loudly, and docs list every variable."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.settings.base import database_from_url

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "act.example",
    "DATABASE_URL": "sqlite:///var/never-opened.sqlite3",
}


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PROD_ENV and k != "DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _all_env_vars() -> set[str]:
    code = (
        "import json, config.settings.prod, config.settings.dev, config.settings.test;"
        "from config.env import ENV_VARS; print(json.dumps(sorted(ENV_VARS)))"
    )
    result = _python(code, PROD_ENV)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("missing", sorted(PROD_ENV))
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _python("import config.settings.prod", env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required" in result.stderr


def test_production_settings_load_with_everything_set_and_debug_off():
    result = _python("import config.settings.prod as s; print(s.DEBUG, s.ALLOWED_HOSTS)", PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['act.example']"


def test_debug_is_only_set_by_the_dev_settings():
    for name in ("base", "prod", "test"):
        source = (ROOT / "config" / "settings" / f"{name}.py").read_text()
        assert 'env_bool("DEBUG"' not in source, name
    result = _python("import config.settings.base as s; print(hasattr(s, 'DEBUG'))", {})
    assert result.stdout.strip() == "False"


def test_every_environment_variable_is_documented():
    names = _all_env_vars()
    docs = (ROOT / "docs" / "settings.md").read_text()
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", docs, re.MULTILINE))
    in_example = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert names - documented == set(), "missing from docs/settings.md"
    assert names - in_example == set(), "missing from .env.example"
    assert documented - names == set(), "docs/settings.md names variables nothing reads"
    assert "`DJANGO_SETTINGS_MODULE`" in docs


def test_sqlite_urls_get_wal_busy_timeout_and_immediate_transactions():
    config = database_from_url("sqlite:////tmp/x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 1
    # Kept between requests: opening runs the pragmas, closing the last one checkpoints.
    assert config["CONN_MAX_AGE"] > 0


def test_postgres_urls_keep_connections(monkeypatch):
    monkeypatch.delenv("DATABASE_POOL", raising=False)
    config = database_from_url("postgres://u@127.0.0.1:5432/db")
    assert config["ENGINE"] == "takeaction.core.postgresql"  # Django's, cheaper health check
    assert config["CONN_MAX_AGE"] > 0
    monkeypatch.setenv("DATABASE_POOL", "1")
    pooled = database_from_url("postgres://u@127.0.0.1:5432/db")
    assert pooled["OPTIONS"] == {"pool": True}
    assert pooled["CONN_MAX_AGE"] == 0


def test_cache_backend_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "takeaction.core.cache.ResilientRedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_the_suite_runs_on_the_configured_database(django_db_blocker):
    from django.db import connection

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
