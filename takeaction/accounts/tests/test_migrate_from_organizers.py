"""Migrate a database made before organizers moved into accounts, and lose nothing.

The dumps in ``legacy/`` (see its README) hold a row in every table of a database
made at commit 91e2268, when the tenant models were the app ``organizers``. Each
test loads one into a scratch database of its own (not the test database), runs
``manage.py migrate`` against it in a subprocess, as a deployment would, and reads
the result back with plain SQL: every row of every table is compared with what
was there before, so the only differences allowed are the ones listed here.
"""

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

LEGACY = Path(__file__).parent / "legacy"
MOVED_MODELS = {"organization", "membership", "invitation", "changerecord", "twofactor", "apikey"}
NEW_MIGRATIONS = {
    # Recorded without running: each replaces the organizers migration of the same name.
    ("accounts", "0001_initial"),
    ("accounts", "0002_changerecord_membership"),
    ("accounts", "0003_invitation"),
    ("accounts", "0004_two_factor"),
    ("accounts", "0005_api_keys"),
    # Run.
    ("accounts", "0006_changerecord_keeps_history"),
    ("campaigns", "0006_names_that_do_not_collide"),
    ("campaigns", "0007_share_text_after"),
    ("campaigns", "0008_campaign_brand"),
    ("campaigns", "0009_campaign_image"),
    ("campaigns", "0010_campaign_translations"),
    ("campaigns", "0011_campaign_drafted"),
    ("campaigns", "0012_retired_slugs"),
    ("actions", "0004_actionevent_flag"),
    ("actions", "0005_event_campaign_time"),
    ("actions", "0006_rollups"),
    ("officials", "0002_official_gender"),
}
# Columns added since the dumps were made, with the value every old row must get.
ADDED_COLUMNS = {
    # Not folded yet: ``rollups_backfill`` folds the acts stored before the rollups.
    "actions_actionevent": {"flag": "", "folded_at": None},
    "campaigns_campaign": {
        "share_text_after": "",
        "brand": "red",
        "image_version": 0,
        "drafted": {},
    },
    "officials_official": {"gender": ""},
    "campaigns_pushbackanswer": {"language": ""},
}
_JSON = {"drafted"}
# Apps installed since the dumps were made: their tables, migrations, content types and
# permissions are all new, and are set aside before the comparisons.
NEW_APPS = {"axes", "core"}
# Models added to old apps since then: their tables (empty) and content types are new.
NEW_MODELS = {
    ("campaigns", "campaignimage"),
    ("campaigns", "campaigntranslation"),
    ("campaigns", "retiredslug"),
    ("actions", "tallyday"),
    ("actions", "sourcehour"),
    ("actions", "fanfold"),
    ("actions", "fanday"),
}
# Django's RenameModel renames the content type but not its permissions; campaigns' 0006
# renames them in place, so grants of the old names carry over.
RENAMED_PERMISSIONS = {
    f"{verb}_donationorganization": (f"{verb}_donationrecipient", f"Can {verb} donation recipient")
    for verb in ("add", "change", "delete", "view")
}

SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
POSTGRESQL_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"

# Run by `manage.py shell` on the migrated database: `migrate --check` (which exits 1 when
# a migration is unapplied), then what the ORM makes of the rows, printed as JSON. One
# subprocess for both, as each costs a second of Django start-up.
ORM_VIEW = """
import json
from django.core.management import call_command
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from takeaction.accounts.models import ApiKey, ChangeRecord, Membership, Organization, TwoFactor
from takeaction.campaigns.models import Campaign, DonationRecipient

call_command("migrate", check_unapplied=True, verbosity=0)
organization = Organization.objects.get()
print(json.dumps({
    "slug": organization.slug,
    "role": Membership.objects.get(organization=organization).role,
    "api_key_prefix": ApiKey.objects.get().prefix,
    "two_factor_secret": TwoFactor.objects.get().secret,
    "change_record_campaign": ChangeRecord.objects.get().campaign.slug,
    "organization_content_type": ContentType.objects.get_for_model(Organization).pk,
    "admin_log_object": LogEntry.objects.get().get_edited_object().slug,
    "organization_permission_app": Permission.objects.get(
        codename="change_organization"
    ).content_type.app_label,
    "owner_can_add_actions": User.objects.get(username="owner").has_perm("actions.add_actionevent"),
    "donation_recipients": DonationRecipient.objects.count(),
    "statement_urls": sorted(Campaign.objects.values_list("statement_url", flat=True)),
}))
"""

Rows = list[dict]
Connect = Callable[[], contextlib.AbstractContextManager]


def _snapshot(connect: Connect, tables_query: str) -> dict[str, Rows]:
    """Read every row of every table, as dicts, in an order that does not depend on the engine."""
    snapshot = {}
    with connect() as connection:
        cursor = connection.cursor()
        cursor.execute(tables_query)
        for (table,) in cursor.fetchall():
            # Table names come from the database's own catalogue, quoted as identifiers.
            cursor.execute('SELECT * FROM "{}"'.format(table.replace('"', '""')))  # noqa: S608
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            snapshot[table] = sorted(rows, key=lambda row: repr(sorted(row.items())))
    return snapshot


def _manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``manage.py`` against ``database_url``, as a deployment would; fail with its output."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result


def _without_new_apps(snapshot: dict[str, Rows]) -> dict[str, Rows]:
    """Set aside what the apps in ``NEW_APPS`` added; their tables must still be empty."""
    kept = {}
    new_tables = {f"{app}_{model}" for app, model in NEW_MODELS}
    for table, rows in snapshot.items():
        if table.split("_", 1)[0] in NEW_APPS or table in new_tables:
            assert rows == [], table
        else:
            kept[table] = rows
    types = kept["django_content_type"]
    new_types = {
        row["id"]
        for row in types
        if row["app_label"] in NEW_APPS or (row["app_label"], row["model"]) in NEW_MODELS
    }
    kept["django_content_type"] = [row for row in types if row["id"] not in new_types]
    kept["auth_permission"] = [
        row for row in kept["auth_permission"] if row["content_type_id"] not in new_types
    ]
    kept["django_migrations"] = [
        row for row in kept["django_migrations"] if row["app"] not in NEW_APPS
    ]
    return kept


def _read_back(name: str, value):
    return json.loads(value) if name in _JSON and isinstance(value, str) else value


def _without_added_columns(snapshot: dict[str, Rows]) -> dict[str, Rows]:
    """Set aside the columns of ``ADDED_COLUMNS``, once every old row holds their default."""
    for table, defaults in ADDED_COLUMNS.items():
        rows = []
        for row in snapshot[table]:
            # A JSON column reads back as its text from SQLite, as a value from PostgreSQL.
            values = {
                name: json.loads(row[name])
                if isinstance(row[name], str) and name in _JSON
                else row[name]
                for name in defaults
            }
            assert values == defaults, table
            rows.append({key: value for key, value in row.items() if key not in defaults})
        snapshot[table] = rows
    return snapshot


def _without(rows: Rows, kept: Rows) -> Rows:
    return [row for row in rows if row not in kept]


def _by_id(rows: Rows) -> dict:
    return {row["id"]: row for row in rows}


def _check_migration(connect: Connect, tables_query: str, database_url: str) -> None:
    """Migrate the loaded legacy database and check every table against what it held before."""
    before = _snapshot(connect, tables_query)
    assert all(before.values()), [table for table, rows in before.items() if not rows]

    _manage(database_url, "migrate", "--noinput")
    after = _without_added_columns(_without_new_apps(_snapshot(connect, tables_query)))

    assert set(after) == set(before)
    changed = {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "campaigns_campaign",
    }
    for table in set(before) - changed:
        assert after[table] == before[table], table

    # django_migrations: every old row kept (organizers' too), and exactly these added.
    migrations = after["django_migrations"]
    assert _without(before["django_migrations"], migrations) == []
    added = _without(migrations, before["django_migrations"])
    assert {(row["app"], row["name"]) for row in added} == NEW_MIGRATIONS
    assert len(added) == len(NEW_MIGRATIONS)

    # django_content_type: same ids, the moved models relabelled, the recipient renamed.
    types_before = _by_id(before["django_content_type"])
    types_after = _by_id(after["django_content_type"])
    assert types_after.keys() == types_before.keys()
    moved_ids = {
        pk
        for pk, row in types_before.items()
        if row["app_label"] == "organizers" and row["model"] in MOVED_MODELS
    }
    assert len(moved_ids) == len(MOVED_MODELS)
    (recipient_id,) = (
        pk
        for pk, row in types_before.items()
        if (row["app_label"], row["model"]) == ("campaigns", "donationorganization")
    )
    for pk, row in types_before.items():
        expected = dict(row)
        if pk in moved_ids:
            expected["app_label"] = "accounts"
        if pk == recipient_id:
            expected["model"] = "donationrecipient"
        assert types_after[pk] == expected
    assert not any(row["app_label"] == "organizers" for row in types_after.values())

    # auth_permission: the same rows (so every grant is kept), the moved models' permissions on
    # the relabelled content types, the recipient's four renamed in place, none added.
    permissions = after["auth_permission"]
    expected_permissions = []
    for row in before["auth_permission"]:
        row = dict(row)
        if row["codename"] in RENAMED_PERMISSIONS:
            row["codename"], row["name"] = RENAMED_PERMISSIONS[row["codename"]]
            assert row["content_type_id"] == recipient_id
        expected_permissions.append(row)
    assert sorted(permissions, key=lambda r: r["id"]) == sorted(
        expected_permissions, key=lambda r: r["id"]
    )
    moved_codenames = {
        row["codename"] for row in permissions if row["content_type_id"] in moved_ids
    }
    assert moved_codenames == {
        f"{verb}_{model}" for verb in ("add", "change", "delete", "view") for model in MOVED_MODELS
    }
    (log_entry,) = after["django_admin_log"]
    assert log_entry["content_type_id"] in moved_ids
    assert types_after[log_entry["content_type_id"]]["model"] == "organization"

    # campaigns_campaign: the same rows, source_url's values now under statement_url.
    expected_campaigns = []
    for row in before["campaigns_campaign"]:
        renamed = {key: value for key, value in row.items() if key != "source_url"}
        renamed["statement_url"] = row["source_url"]
        expected_campaigns.append(renamed)
    assert after["campaigns_campaign"] == expected_campaigns
    assert any(row["statement_url"] for row in after["campaigns_campaign"])

    # What the comparisons above already cover, as the facts that matter to organizers.
    (organization,) = after["organizers_organization"]
    assert organization["slug"] == "takeaction-demo"
    assert [row["role"] for row in after["organizers_membership"]] == ["owner"]
    assert [row["prefix"] for row in after["organizers_apikey"]] == ["ta_legacy1"]
    assert [row["secret"] for row in after["organizers_twofactor"]] == ["JBSWY3DPEHPK3PXP"]
    campaign_ids = {row["id"] for row in after["campaigns_campaign"]}
    (change_record,) = after["organizers_changerecord"]
    assert change_record["campaign_id"] in campaign_ids
    assert len(after["campaigns_donationorganization"]) == 5

    orm = json.loads(_manage(database_url, "shell", "--no-imports", "-c", ORM_VIEW).stdout)
    (edited,) = (
        row for row in after["campaigns_campaign"] if row["id"] == change_record["campaign_id"]
    )
    assert orm == {
        "slug": "takeaction-demo",
        "role": "owner",
        "api_key_prefix": "ta_legacy1",
        "two_factor_secret": "JBSWY3DPEHPK3PXP",
        "change_record_campaign": edited["slug"],
        "organization_content_type": log_entry["content_type_id"],
        "admin_log_object": "takeaction-demo",
        "organization_permission_app": "accounts",
        "owner_can_add_actions": True,
        "donation_recipients": 5,
        "statement_urls": sorted(row["statement_url"] for row in expected_campaigns),
    }


def test_sqlite_database_from_before_the_move_migrates_without_losing_a_row(tmp_path):
    path = tmp_path / "legacy.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.executescript((LEGACY / "main-91e2268.sqlite.sql").read_text())

    def connect():
        return contextlib.closing(sqlite3.connect(path))

    _check_migration(connect, SQLITE_TABLES, f"sqlite:///{path}")


@pytest.fixture
def legacy_postgresql() -> Iterator[dict]:
    """Create a scratch database beside the test database, loaded from the PostgreSQL dump."""
    default = settings.DATABASES["default"]
    server = {
        "host": default.get("HOST") or None,
        "port": default.get("PORT") or None,
        "user": default.get("USER") or None,
        "password": default.get("PASSWORD") or None,
    }
    name = f"takeaction_legacy_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        with psycopg.connect(**server, dbname=name) as connection:
            # No parameters, so psycopg sends the dump as one simple query: many statements.
            connection.execute((LEGACY / "main-91e2268.postgresql.sql").read_text())
        yield {**server, "dbname": name}
    finally:
        with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _postgresql_url(params: dict) -> str:
    credentials = quote(params["user"] or "", safe="")
    if params["password"]:
        credentials += ":" + quote(params["password"], safe="")
    port = f":{params['port']}" if params["port"] else ""
    return f"postgres://{credentials}@{params['host'] or ''}{port}/{params['dbname']}"


@pytest.mark.postgresql
def test_postgresql_database_from_before_the_move_migrates_without_losing_a_row(
    legacy_postgresql,
):
    def connect():
        return psycopg.connect(**legacy_postgresql)

    _check_migration(connect, POSTGRESQL_TABLES, _postgresql_url(legacy_postgresql))
