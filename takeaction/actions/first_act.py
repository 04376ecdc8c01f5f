"""A new fan's first act written in one statement: the busiest write the app makes.

A fan who arrives from a post and taps once creates a supporter, maybe their
first-touch attribution, and the action event. Through the ORM that was a BEGIN,
two or three INSERTs and a COMMIT: four or five round trips and most of the
POST's CPU. On PostgreSQL it is one ``INSERT ... WITH`` statement here, which
commits on its own (a single statement is atomic) when no transaction is open;
on SQLite, whose INSERTs can't be chained, it is the same rows in one
transaction, still without the ORM's per-save work.

The SQL is built once per model from ``_meta`` and values go through each
field's ``get_db_prep_save``, as the ORM's own INSERT does, so defaults,
time zones and UUIDs are stored exactly as ``Model.objects.create`` would.

``save()`` is never called, so ``pre_save`` and ``post_save`` are never sent:
``actions.E001`` (``first_act_signals``, a system check) fails if anything
listens to them for these models, rather than have it miss a new fan's rows.
"""

from django.core import checks
from django.db import connections, router, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from takeaction.actions.models import ActionEvent
from takeaction.supporters.models import Attribution, Supporter

_SUPPORTER_KEY = "supporter_id"
_SQL: dict[tuple[type, str], tuple[str, str]] = {}
# The models whose rows first_act_insert writes without save().
WRITTEN = (Supporter, Attribution, ActionEvent)


def first_act_signals(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Error for each save signal something listens to on a model written here without save()."""
    errors = []
    for model in WRITTEN:
        if app_configs is not None and model._meta.app_config not in app_configs:
            continue
        for name, signal in (("pre_save", pre_save), ("post_save", post_save)):
            if signal.has_listeners(model):
                errors.append(
                    checks.Error(
                        f"A receiver listens to {name} for {model._meta.label}, but a new "
                        "fan's first act inserts its rows with SQL, without save(): the "
                        "receiver would never hear of them.",
                        hint=(
                            "Do the receiver's work in actions.services.action_record (or "
                            "a core event it sends), or write these rows through save() "
                            "in takeaction/actions/first_act.py."
                        ),
                        obj=model,
                        id="actions.E001",
                    )
                )
    return errors


def _fields(model) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _insert_sql(model, connection) -> tuple[str, str]:
    """("INSERT INTO t (a, b)", quoted pk column) for ``model``, columns in ``_fields`` order."""
    key = (model, connection.vendor)
    if key not in _SQL:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in _fields(model))
        table = quote(model._meta.db_table)
        _SQL[key] = f"INSERT INTO {table} ({columns})", quote(model._meta.pk.column)
    return _SQL[key]


def _values(obj, connection, supporter_sql: str | None = None) -> tuple[str, list]:
    """``VALUES (...)`` for ``obj``'s row and its parameters; supporter_id from SQL if given."""
    placeholders, params = [], []
    for field in _fields(type(obj)):
        if supporter_sql is not None and field.attname == _SUPPORTER_KEY:
            placeholders.append(supporter_sql)
            continue
        placeholders.append("%s")
        params.append(field.get_db_prep_save(getattr(obj, field.attname), connection))
    return f"VALUES ({', '.join(placeholders)})", params


def first_act_insert(
    supporter: Supporter, attribution: Attribution | None, event: ActionEvent
) -> None:
    """Insert the unsaved ``supporter`` with its ``event`` (and ``attribution``), committed.

    Inside a transaction the rows are part of it; outside one they are committed
    when this returns. The objects get their primary keys and read as saved.
    """
    now = timezone.now()
    rows = [obj for obj in (supporter, attribution, event) if obj is not None]
    for obj in rows:
        obj.created_at = now
    alias = router.db_for_write(ActionEvent)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        _insert_chained(connection, rows)
    else:
        with transaction.atomic(using=alias):
            _insert_one_by_one(connection, rows)
    for obj in rows:
        obj._state.adding, obj._state.db = False, alias
        if obj is not supporter:
            obj.supporter = supporter


def _insert_chained(connection, rows) -> None:
    """One statement: the supporter's INSERT feeds its id to the others' (PostgreSQL)."""
    supporter, *others = rows
    insert, pk = _insert_sql(type(supporter), connection)
    values, params = _values(supporter, connection)
    ctes = [f"s AS ({insert} {values} RETURNING {pk})"]
    returned = [f"(SELECT {pk} FROM s)"]  # noqa: S608 (names from _meta)
    for n, obj in enumerate(others[:-1]):
        insert, pk = _insert_sql(type(obj), connection)
        values, more = _values(obj, connection, returned[0])
        ctes.append(f"r{n} AS ({insert} {values} RETURNING {pk})")
        returned.append(f"(SELECT {pk} FROM r{n})")  # noqa: S608
        params += more
    insert, pk = _insert_sql(type(others[-1]), connection)
    values, more = _values(others[-1], connection, returned[0])
    sql = f"WITH {', '.join(ctes)} {insert} {values} RETURNING {', '.join([*returned, pk])}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params + more)
        keys = cursor.fetchone()
    for obj, key in zip([supporter, *others], keys, strict=True):
        obj.pk = key


def _insert_one_by_one(connection, rows) -> None:
    supporter = rows[0]
    with connection.cursor() as cursor:
        for obj in rows:
            if obj is not supporter:
                obj.supporter_id = supporter.pk
            insert, _pk = _insert_sql(type(obj), connection)
            values, params = _values(obj, connection)
            cursor.execute(f"{insert} {values}", params)
            obj.pk = cursor.lastrowid
