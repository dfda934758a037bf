"""Recording every write of a laptop file as a change for the team: triggers.

Writes reach a file by many paths (the editor's ORM session, the import's bulk inserts, undo,
curation of a brief); triggers see all of them, so no path can forget to record. Each trigger
stamps the write with the file's hybrid logical clock (``sync_clock.hlc``: milliseconds since
1970 × 65,536 plus a counter, never going back, never below what the file has received) and
folds it into ``sync_outbox``, one row per record and field: a later edit of the same field
before the next sync replaces the value and the version, keeping the first old value and base.

- insert → ``create`` with the whole record as a JSON object (references as the other
  record's gid, an entity's sectors and tags as a sorted list of codes; after a bulk load, an
  empty value: the record is read when it is sent);
- update → one ``set`` per changed field, with the version the file had received for that
  field as its base (what the author saw);
- delete → ``delete`` with every field's received version as its base; a record that never
  left the laptop is simply forgotten;
- a sector or tag linked or unlinked → ``set`` of the entity's ``sectors`` or ``tags``.

``sync_clock.capture`` off (a merge writing what the team sent, the seed being loaded) records
nothing. A bulk load (:func:`changes_recorded_in_bulk`) drops the insert and link triggers and
records what it inserted and linked once at its end, one statement per table: per-row
recording would make a 50,000-row import more than twice as slow.

Two gids are derived rather than random, on every write path: a tag's from its code
and a contact's from its entity, so the same tag or contact made on two laptops is one record.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from desktop.core.kb.identity import SHARED, SharedTable

if TYPE_CHECKING:
    from sqlalchemy import Connection

_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
_TICK = (
    f"UPDATE sync_clock SET hlc = max(hlc + 1, {_NOW_MS} * 65536) WHERE id = 1 AND capture{{when}};"
)
_VERSION = "printf('%016x.%s', c.hlc, c.replica)"
_FOLD = (
    " ON CONFLICT (gid, field) DO UPDATE"
    " SET new_value = excluded.new_value, clock = excluded.clock, op = excluded.op;"
)
_INSERT = "INSERT INTO sync_outbox (table_name, gid, field, op, old_value, new_value, base, clock)"


def _value(table: SharedTable, field: str, row: str) -> str:
    """SQL for ``field`` of ``row`` as the team sees it (a reference as the other gid)."""
    if field in table.links:
        link, code = table.links[field]
        return _codes(link, code, f"entity_id = {row}.id")
    target = table.references.get(field)
    if target is None:
        return f"{row}.{field}"
    return f"(SELECT gid FROM {target} WHERE id = {row}.{field})"


def _codes(link: str, code: str, where: str) -> str:
    """A sorted, space-separated list of an entity's codes ('' for none)."""
    return (
        f"coalesce((SELECT group_concat(code, ' ') FROM"
        f" (SELECT {code} AS code FROM {link} WHERE {where} ORDER BY 1)), '')"
    )


# Always on, recording or not: the same tag or contact is one record on every laptop.
DERIVED_GIDS = {
    "sync_tag_gid": "CREATE TRIGGER sync_tag_gid AFTER INSERT ON tag BEGIN"
    " UPDATE tag SET gid = 'tag/' || new.code WHERE code = new.code; END",
    "sync_contact_gid": "CREATE TRIGGER sync_contact_gid AFTER INSERT ON contact BEGIN"
    " UPDATE contact SET gid = (SELECT gid FROM entity WHERE id = new.entity_id) || '/contact'"
    " WHERE entity_id = new.entity_id; END",
}
# A trigger body runs only while the file records (a merge writing the team's records, or the
# seed loading, costs one look-up per row instead of a dozen statements).
_RECORDING = "WHEN (SELECT capture FROM sync_clock WHERE id = 1)"


def _insert_trigger(table: SharedTable) -> str:
    pairs = ", ".join(f"'{field}', {_value(table, field, 'r')}" for field in table.fields)
    key = table.local_key
    return (
        f"CREATE TRIGGER sync_{table.name}_ai AFTER INSERT ON {table.name} {_RECORDING} BEGIN"
        f" {_TICK.format(when='')}"
        f" {_INSERT} SELECT '{table.name}', r.gid, '', 'create', NULL, json_object({pairs}),"
        f" NULL, {_VERSION} FROM {table.name} r, sync_clock c"
        f" WHERE r.{key} = new.{key} AND c.id = 1 AND c.capture{_FOLD} END"
    )


def _update_trigger(table: SharedTable) -> str:
    changed = " OR ".join(f"old.{field} IS NOT new.{field}" for field in table.columns)
    statements = [_TICK.format(when=f" AND ({changed})")]
    for field in table.columns:
        old, new = _value(table, field, "old"), _value(table, field, "new")
        statements.append(
            f"{_INSERT} SELECT '{table.name}', new.gid, '{field}', 'set',"
            f" json_quote({old}), json_quote({new}),"
            f" json_extract(k.clocks, '$.{field}'), {_VERSION}"
            " FROM sync_clock c LEFT JOIN sync_known k ON k.gid = new.gid"
            f" WHERE c.id = 1 AND c.capture AND old.{field} IS NOT new.{field}{_FOLD}"
        )
    return (
        f"CREATE TRIGGER sync_{table.name}_au AFTER UPDATE ON {table.name} {_RECORDING} BEGIN"
        f" {' '.join(statements)} END"
    )


def _delete_trigger(table: SharedTable) -> str:
    unsent = (
        "NOT EXISTS (SELECT 1 FROM sync_outbox o"
        " WHERE o.gid = old.gid AND o.field = '' AND o.op = 'create')"
    )
    return (
        f"CREATE TRIGGER sync_{table.name}_ad AFTER DELETE ON {table.name} {_RECORDING} BEGIN"
        f" {_TICK.format(when='')}"
        f" {_INSERT} SELECT '{table.name}', old.gid, '', 'delete', NULL, NULL,"
        f" coalesce(k.clocks, '{{}}'), {_VERSION}"
        " FROM sync_clock c LEFT JOIN sync_known k ON k.gid = old.gid"
        f" WHERE c.id = 1 AND c.capture AND {unsent}{_FOLD}"
        " DELETE FROM sync_outbox WHERE gid = old.gid AND op IN ('create', 'set')"
        " AND (SELECT capture FROM sync_clock WHERE id = 1); END"
    )


def _link_triggers(table: SharedTable, field: str, link: str, code: str) -> list[str]:
    triggers = []
    for suffix, event, row in (("ai", "INSERT", "new"), ("ad", "DELETE", "old")):
        if event == "INSERT":
            before = _codes(link, code, f"entity_id = new.entity_id AND {code} <> new.{code}")
        else:
            before = (
                "coalesce((SELECT group_concat(code, ' ') FROM"
                f" (SELECT {code} AS code FROM {link} WHERE entity_id = old.entity_id"
                f" UNION SELECT old.{code} ORDER BY 1)), '')"
            )
        after = _codes(link, code, f"entity_id = {row}.entity_id")
        triggers.append(
            f"CREATE TRIGGER sync_{link}_{suffix} AFTER {event} ON {link} {_RECORDING} BEGIN"
            f" {_TICK.format(when='')}"
            f" {_INSERT} SELECT '{table.name}', e.gid, '{field}', 'set', json_quote({before}),"
            f" json_quote({after}), json_extract(k.clocks, '$.{field}'), {_VERSION}"
            f" FROM {table.name} e JOIN sync_clock c ON c.id = 1"
            " LEFT JOIN sync_known k ON k.gid = e.gid"
            f" WHERE e.id = {row}.entity_id AND c.capture{_FOLD} END"
        )
    return triggers


def _trigger_names() -> list[str]:
    names = list(DERIVED_GIDS)
    for table in SHARED:
        names += [f"sync_{table.name}_{suffix}" for suffix in ("ai", "au", "ad")]
        for _field, (link, _code) in table.links.items():
            names += [f"sync_{link}_ai", f"sync_{link}_ad"]
    return names


TRIGGERS = tuple(_trigger_names())


def capture_sql() -> list[str]:
    """Every trigger's CREATE statement."""
    statements = list(DERIVED_GIDS.values())
    for table in SHARED:
        statements += [_insert_trigger(table), _update_trigger(table), _delete_trigger(table)]
        for field, (link, code) in table.links.items():
            statements += _link_triggers(table, field, link, code)
    return statements


def install_capture(connection: Connection) -> None:
    """(Re)create every trigger: a table rebuilt by a migration loses its own."""
    from sqlalchemy import text

    for name in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    for statement in capture_sql():
        connection.execute(text(statement))


def capture_installed(connection: Connection) -> bool:
    from sqlalchemy import text

    found = set(
        connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
    )
    return set(TRIGGERS) <= found


# --- bulk loads ----------------------------------------------------------------------------


def _bulk_triggers() -> dict[str, str]:
    """The triggers a bulk load does without: inserts and links (name → CREATE statement)."""
    found = {}
    for table in SHARED:
        found[f"sync_{table.name}_ai"] = _insert_trigger(table)
        for field, (link, code) in table.links.items():
            for statement in _link_triggers(table, field, link, code):
                found[statement.split()[2]] = statement
    return found


@contextmanager
def changes_recorded_in_bulk(connection: Connection, touched: set[int]) -> Iterator[None]:
    """Inside the block, inserts and link changes are not recorded row by row; after it, every
    row inserted becomes a ``create`` and each entity in ``touched`` (existing entities whose
    sectors or tags the caller may have changed) a ``set`` of both lists. Updates and deletes
    are recorded as always. The triggers are dropped and re-created inside the caller's
    transaction, so a failure rolls them back with the data. With recording off (the seed),
    nothing changes."""
    from sqlalchemy import text

    if not connection.execute(text("SELECT capture FROM sync_clock WHERE id = 1")).scalar():
        yield
        return
    floors = {
        table.name: connection.execute(
            text(f"SELECT coalesce(max(rowid), 0) FROM {table.name}")
        ).scalar_one()
        for table in SHARED
        if table.local_key != "entity_id"
    }
    contacts = set(connection.execute(text("SELECT entity_id FROM contact")).scalars())
    triggers = _bulk_triggers()
    for name in triggers:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    yield
    new_rows = {name: f"r.rowid > {int(floor)}" for name, floor in floors.items()}
    known = ",".join(str(int(key)) for key in contacts) or "NULL"
    new_rows["contact"] = f"r.entity_id NOT IN ({known})"
    for table in SHARED:
        _record_creates(connection, table, new_rows[table.name])
    entity = next(t for t in SHARED if t.name == "entity")
    for entity_id in sorted(touched):
        for field, (link, code) in entity.links.items():
            _record_links(connection, field, link, code, int(entity_id))
    for statement in triggers.values():
        connection.execute(text(statement))


def _record_creates(connection: Connection, table: SharedTable, new: str) -> None:
    """One ``create`` per new row, in one statement. The record itself is read when the
    change is sent (an empty value says so): building 100,000 JSON objects here would cost an
    import a second, and the record may change again before it leaves anyway."""
    from sqlalchemy import text

    count = connection.execute(text(f"SELECT count(*) FROM {table.name} r WHERE {new}")).scalar()
    if not count:
        return
    connection.execute(text(_TICK.format(when="")))
    connection.execute(
        text(
            f"{_INSERT} SELECT '{table.name}', r.gid, '', 'create', NULL, NULL, NULL,"
            " printf('%016x.%s', c.hlc + row_number() OVER (ORDER BY r.rowid), c.replica)"
            f" FROM {table.name} r JOIN sync_clock c ON c.id = 1 WHERE {new}{_FOLD}"
        )
    )
    connection.execute(
        text("UPDATE sync_clock SET hlc = hlc + :count + 1 WHERE id = 1"), {"count": count}
    )


def _record_links(connection: Connection, field: str, link: str, code: str, entity: int) -> None:
    from sqlalchemy import text

    connection.execute(text(_TICK.format(when="")))
    connection.execute(
        text(
            f"{_INSERT} SELECT 'entity', e.gid, '{field}', 'set', NULL,"
            f" json_quote({_codes(link, code, 'entity_id = e.id')}),"
            f" json_extract(k.clocks, '$.{field}'), {_VERSION}"
            " FROM entity e JOIN sync_clock c ON c.id = 1 LEFT JOIN sync_known k ON k.gid = e.gid"
            f" WHERE e.id = :entity AND NOT EXISTS (SELECT 1 FROM sync_outbox o"
            f" WHERE o.gid = e.gid AND o.op = 'create'){_FOLD}"
        ),
        {"entity": entity},
    )
