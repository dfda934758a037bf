"""Writing what the team holds into a laptop file: one merged record at a time.

The server has already merged every change (:mod:`desktop.core.storage.postgres.merge`); a
laptop only has to make its rows say what the team's records say, with three exceptions that
keep local work:

- a field this laptop changed and has not pushed yet keeps the local value (the next push
  sends it, and the server decides);
- a record this laptop deleted and has not pushed yet stays deleted;
- a record the team deleted but this laptop edited since stays (the edit resurrects it).

A record lives here when it has been created, is not deleted and every record it cannot live
without (an entity for its relation) lives here; otherwise its row is removed. Records can
arrive before what they point at (ordered by when they last changed, not by kind), so a record
whose references are not here yet waits until the end of the pull. Two records with the same
slug (made on two laptops) are both kept: the one created later is renamed, and the rename is
recorded as this laptop's change so every replica ends alike. Every write here is made with
recording off: it is the team's change, not this laptop's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.kb.identity import SHARED, SHARED_BY_NAME, STAMPED, SharedTable
from desktop.core.sync import versions as v
from desktop.core.sync.local_rows import LocalIds

CREATED = "~created"


@dataclass(frozen=True)
class RecordState:
    """One record as ``team_record`` holds it."""

    gid: str
    table: str
    fields: dict[str, Any]
    versions: dict[str, list[Any]]  # field → [version, base, author]
    deleted: bool

    @property
    def created(self) -> bool:
        return CREATED in self.versions

    def version(self, field: str) -> str | None:
        entry = self.versions.get(field)
        return entry[0] if entry else None

    def latest(self) -> str:
        return max(entry[0] for entry in self.versions.values())

    @classmethod
    def from_row(cls, row: Any) -> RecordState:
        return cls(
            row.gid, row.table_name, json.loads(row.fields), json.loads(row.versions), row.deleted
        )


class Materializer:
    """Writes team records into one open transaction of a laptop file (recording off)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.ids = LocalIds(connection)
        self.waiting: list[RecordState] = []
        self.written = 0
        self.pending_fields: dict[str, set[str]] = {}
        self.pending_deletes: set[str] = set()
        for gid, field, op in connection.execute(text("SELECT gid, field, op FROM sync_outbox")):
            if op == "delete":
                self.pending_deletes.add(gid)
            self.pending_fields.setdefault(gid, set()).add(field)
        self.known_tags = set(connection.execute(text("SELECT code FROM tag")).scalars())
        self.known_sectors = set(connection.execute(text("SELECT code FROM sector")).scalars())

    # --- the record ------------------------------------------------------------------------

    def write(self, state: RecordState, *, last_chance: bool = False) -> None:
        table = SHARED_BY_NAME.get(state.table)
        if table is None or state.gid in self.pending_deletes:
            return
        self._remember_versions(state)
        if not state.created or state.deleted:
            self._remove(table, state.gid)
            return
        resolved, missing = self._references(table, state)
        if missing and not last_chance:
            self.waiting.append(state)
            return
        if any(name in table.required for name in missing):
            self._remove(table, state.gid)
            return
        resolved.update(dict.fromkeys(missing))
        self._write_present(table, state, resolved)
        if table.name == "tag":
            self.known_tags.add(state.fields["code"])
        self.written += 1

    def finish(self) -> None:
        """Write the records that waited for what they point at (now here, or never)."""
        order = {table.name: position for position, table in enumerate(SHARED)}
        waiting, self.waiting = self.waiting, []
        for state in sorted(waiting, key=lambda s: order.get(s.table, 99)):
            self.write(state, last_chance=True)

    def _references(self, table: SharedTable, state: RecordState) -> tuple[dict, list[str]]:
        resolved: dict[str, Any] = {}
        missing = []
        for name, target in table.references.items():
            gid = state.fields.get(name)
            local = self.ids.get(target, gid)
            if gid is not None and local is None:
                missing.append(name)
            else:
                resolved[name] = local
        for name in table.links:
            codes = set(str(state.fields.get(name) or "").split())
            known = self.known_tags if name == "tags" else self.known_sectors
            if not codes <= known:
                missing.append(name)
        return resolved, missing

    def _remember_versions(self, state: RecordState) -> None:
        clocks = json.dumps({name: entry[0] for name, entry in state.versions.items()})
        self.connection.execute(
            text(
                "INSERT INTO sync_known (gid, table_name, clocks) VALUES (:gid, :table, :clocks)"
                " ON CONFLICT (gid) DO UPDATE SET clocks = excluded.clocks"
            ),
            {"gid": state.gid, "table": state.table, "clocks": clocks},
        )

    # --- writing rows ----------------------------------------------------------------------

    def _remove(self, table: SharedTable, gid: str) -> None:
        local = self.ids.get(table.name, gid)
        if local is None or gid in self.pending_fields:
            return
        self.connection.execute(
            text(f"DELETE FROM {table.name} WHERE {table.local_key} = :key"), {"key": local}
        )
        self.ids.forget_children()  # cascades may have removed rows of other tables

    def _write_present(self, table: SharedTable, state: RecordState, resolved: dict) -> None:
        pending = self.pending_fields.get(state.gid, set())
        values = {
            name: resolved[name] if name in table.references else state.fields.get(name)
            for name in table.columns
            if name not in pending
        }
        if table.natural_key and table.natural_key in values:
            values[table.natural_key] = self._free_name(table, state, values[table.natural_key])
        local = self.ids.get(table.name, state.gid)
        stamp = v.wall_time(state.latest())
        if local is None:
            local = self._insert(table, state, values, stamp)
        else:
            self._update(table, local, values, stamp)
        for name, (link, code) in table.links.items():
            if name not in pending:
                known = self.known_tags if name == "tags" else self.known_sectors
                codes = [c for c in str(state.fields.get(name) or "").split() if c in known]
                self._set_links(link, code, local, codes)

    def _insert(self, table: SharedTable, state: RecordState, values: dict, stamp: str) -> Any:
        row = {**values, "gid": state.gid}
        if table.name in STAMPED:
            row["updated_at"] = stamp
        names = list(row)
        self.connection.execute(
            text(
                f"INSERT INTO {table.name} ({', '.join(names)})"
                f" VALUES ({', '.join(':' + n for n in names)})"
            ),
            row,
        )
        local = self.connection.execute(
            text(f"SELECT {table.local_key} FROM {table.name} WHERE gid = :gid"),
            {"gid": state.gid},
        ).scalar_one()
        self.ids.add(table.name, state.gid, local)
        return local

    def _update(self, table: SharedTable, local: Any, values: dict, stamp: str) -> None:
        if not values:
            return
        names = list(values)
        current = self.connection.execute(
            text(f"SELECT {', '.join(names)} FROM {table.name} WHERE {table.local_key} = :key"),
            {"key": local},
        ).one()
        changed = {n: values[n] for n, old in zip(names, current, strict=True) if old != values[n]}
        if not changed:
            return
        if table.name in STAMPED:
            changed["updated_at"] = stamp
        assignments = ", ".join(f"{name} = :{name}" for name in changed)
        self.connection.execute(
            text(f"UPDATE {table.name} SET {assignments} WHERE {table.local_key} = :key_"),
            {**changed, "key_": local},
        )

    def _set_links(self, link: str, code: str, entity_id: Any, codes: list[str]) -> None:
        current = set(
            self.connection.execute(
                text(f"SELECT {code} FROM {link} WHERE entity_id = :id"), {"id": entity_id}
            ).scalars()
        )
        wanted = set(codes)
        for gone in current - wanted:
            self.connection.execute(
                text(f"DELETE FROM {link} WHERE entity_id = :id AND {code} = :code"),
                {"id": entity_id, "code": gone},
            )
        for new in sorted(wanted - current):
            self.connection.execute(
                text(f"INSERT INTO {link} (entity_id, {code}) VALUES (:id, :code)"),
                {"id": entity_id, "code": new},
            )

    # --- the same slug made on two laptops -------------------------------------------------

    def _free_name(self, table: SharedTable, state: RecordState, name: Any) -> Any:
        """``name`` if no other record here has it; else the later-created one gives way."""
        key = table.natural_key
        clash = self.connection.execute(
            text(f"SELECT gid FROM {table.name} WHERE {key} = :name AND gid <> :gid"),
            {"name": name, "gid": state.gid},
        ).scalar_one_or_none()
        if clash is None:
            return name
        theirs = self._created_version(clash)
        ours = state.version(CREATED) or ""
        if ours > theirs:  # the arriving record is the later one: it is renamed
            renamed = v.renamed(name, state.gid)
            v.record_change(
                self.connection,
                table=table.name,
                gid=state.gid,
                field=key,
                old=name,
                new=renamed,
                base=state.version(key),
            )
            return renamed
        with v.recording(self.connection):  # the record here is the later one
            self.connection.execute(
                text(f"UPDATE {table.name} SET {key} = :renamed WHERE gid = :gid"),
                {"renamed": v.renamed(name, clash), "gid": clash},
            )
        return name

    def _created_version(self, gid: str) -> str:
        """When a record here was created, as far as this laptop knows ('' = before the
        team: the seed, the earliest of all)."""
        known = self.connection.execute(
            text("SELECT clocks FROM sync_known WHERE gid = :gid"), {"gid": gid}
        ).scalar_one_or_none()
        if known is not None:
            return json.loads(known).get(CREATED, "")
        unsent = self.connection.execute(
            text("SELECT clock FROM sync_outbox WHERE gid = :gid AND op = 'create'"),
            {"gid": gid},
        ).scalar_one_or_none()
        return unsent or ""
