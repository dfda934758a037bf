"""Writing what the team holds into a laptop file, a batch of merged records at a time.

The server has already merged every change (the server backend's merge); a laptop only has to
make its rows say what the team's records say, with three exceptions that keep local work:

- a field this laptop changed and has not pushed yet keeps the local value (the next push
  sends it, and the server decides);
- a record this laptop deleted and has not pushed yet stays deleted;
- a record the team deleted but this laptop edited since stays (the edit resurrects it).

A record lives here when it has been created, is not deleted and every record it cannot live
without (an entity for its relation) lives here; otherwise its row is removed. A record the
team never saw created (a change to a row only this laptop has) is left alone. Records can
arrive before what they point at (ordered by when they last changed, not by kind), so a record
whose references are not here yet waits until the end of the pull. Two records with the same
slug (made on two laptops) are both kept: the one created later is renamed, and the rename is
recorded as this laptop's change so every replica ends alike. Every write here is made with
recording off: it is the team's change, not this laptop's.

A batch is compared with the rows as they are (one query per table for the whole batch) and
only what differs is written, so a pull of 10,000 records that changed one field each writes
10,000 fields, not 10,000 whole records. Statements go to the driver directly: at a hundred
thousand records, SQLAlchemy's per-statement work would cost more than the database's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from desktop.core.kb.identity import SHARED, SHARED_BY_NAME, STAMPED, SharedTable
from desktop.core.sync import versions as v
from desktop.core.sync.local_rows import LocalIds, current_rows

CREATED = "~created"
ORDER = {table.name: position for position, table in enumerate(SHARED)}


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

    def __init__(self, connection: Connection, *, touched: set[int] | None = None) -> None:
        self.connection = connection
        self.sql = connection.exec_driver_sql
        self.ids = LocalIds(connection)
        self.waiting: list[RecordState] = []
        self.touched_entities: set[int] = touched if touched is not None else set()
        self.pending_fields: dict[str, set[str]] = {}
        self.pending_deletes: set[str] = set()
        for gid, field, op in self.sql("SELECT gid, field, op FROM sync_outbox"):
            if op == "delete":
                self.pending_deletes.add(gid)
            self.pending_fields.setdefault(gid, set()).add(field)
        self.known_tags = {code for (code,) in self.sql("SELECT code FROM tag")}
        self.known_sectors = {code for (code,) in self.sql("SELECT code FROM sector")}

    # --- batches ---------------------------------------------------------------------------

    def write(self, state: RecordState) -> None:
        self.write_batch([state])

    def write_batch(self, states: Iterable[RecordState], *, last_chance: bool = False) -> None:
        by_table: dict[str, list[RecordState]] = {}
        for state in states:
            if state.table in SHARED_BY_NAME and state.gid not in self.pending_deletes:
                by_table.setdefault(state.table, []).append(state)
        for name in sorted(by_table, key=ORDER.__getitem__):
            table, group = SHARED_BY_NAME[name], by_table[name]
            self._remember_versions(group)
            rows = current_rows(self.connection, table, [state.gid for state in group])
            for state in group:
                self._write_one(table, state, rows.get(state.gid), last_chance=last_chance)

    def finish(self) -> None:
        """Write the records that waited for what they point at (now here, or never)."""
        waiting, self.waiting = self.waiting, []
        self.write_batch(waiting, last_chance=True)

    # --- one record ------------------------------------------------------------------------

    def _write_one(
        self, table: SharedTable, state: RecordState, row: Any, *, last_chance: bool
    ) -> None:
        local, current = row if row is not None else (None, None)
        if state.deleted:
            self._remove(table, state.gid, local)
            return
        if not state.created:
            return  # the team never saw this record made: it is not the team's to write
        resolved, missing = self._references(table, state)
        if missing and not last_chance:
            self.waiting.append(state)
            return
        if any(name in table.required for name in missing):
            self._remove(table, state.gid, local)
            return
        resolved.update(dict.fromkeys(missing))
        pending = self.pending_fields.get(state.gid, set())
        wanted = {
            name: resolved[name] if name in table.references else state.fields.get(name)
            for name in table.columns
            if name not in pending
        }
        stamp = v.wall_time(state.latest())
        if local is None:
            self._insert(table, state, wanted, stamp)
        else:
            team_form = {n: state.fields.get(n) for n in table.columns if n not in pending}
            changed = {n: wanted[n] for n, value in team_form.items() if current[n] != value}
            self._update(table, state, local, changed, stamp)
            self._set_links(table, state, local, current, pending)

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
            if not set(self._codes(state, name, known_only=False)) <= self._known(name):
                missing.append(name)
        return resolved, missing

    def _remember_versions(self, states: list[RecordState]) -> None:
        self.sql(
            "INSERT INTO sync_known (gid, table_name, clocks) VALUES (?, ?, ?)"
            " ON CONFLICT (gid) DO UPDATE SET clocks = excluded.clocks",
            [
                (s.gid, s.table, json.dumps({name: e[0] for name, e in s.versions.items()}))
                for s in states
            ],
        )

    # --- writing rows ----------------------------------------------------------------------

    def _remove(self, table: SharedTable, gid: str, local: Any) -> None:
        if local is None or gid in self.pending_fields:
            return
        self.sql(f"DELETE FROM {table.name} WHERE {table.local_key} = ?", (local,))
        self.ids.removed(table.name, gid)
        if table.name == "entity":
            self.touched_entities.discard(local)

    def _insert(self, table: SharedTable, state: RecordState, values: dict, stamp: str) -> None:
        if table.natural_key and table.natural_key in values:
            values[table.natural_key] = self._free_name(table, state, values[table.natural_key])
        row = {**values, "gid": state.gid}
        if table.name in STAMPED:
            row["updated_at"] = stamp
        names = list(row)
        cursor = self.sql(
            f"INSERT INTO {table.name} ({', '.join(names)})"
            f" VALUES ({', '.join('?' for _ in names)})",
            tuple(row.values()),
        )
        local = row.get(table.local_key, cursor.lastrowid)
        self.ids.add(table.name, state.gid, local)
        for name, (link, code) in table.links.items():
            for each in self._codes(state, name):
                self.sql(f"INSERT INTO {link} (entity_id, {code}) VALUES (?, ?)", (local, each))
        if table.name == "entity":
            self.touched_entities.add(local)
        if table.name == "tag":
            self.known_tags.add(state.fields["code"])

    def _update(
        self, table: SharedTable, state: RecordState, local: Any, changed: dict, stamp: str
    ) -> None:
        if not changed:
            return
        key = table.natural_key
        if key in changed:
            changed[key] = self._free_name(table, state, changed[key])
        if table.name in STAMPED:
            changed["updated_at"] = stamp
        assignments = ", ".join(f"{name} = ?" for name in changed)
        self.sql(
            f"UPDATE {table.name} SET {assignments} WHERE {table.local_key} = ?",
            (*changed.values(), local),
        )
        if table.name == "entity":
            self.touched_entities.add(local)

    def _set_links(
        self, table: SharedTable, state: RecordState, local: Any, current: dict, pending: set
    ) -> None:
        for name, (link, code) in table.links.items():
            wanted = self._codes(state, name)
            if name in pending or " ".join(wanted) == (current.get(name) or ""):
                continue
            have = set(str(current.get(name) or "").split())
            for gone in have - set(wanted):
                self.sql(f"DELETE FROM {link} WHERE entity_id = ? AND {code} = ?", (local, gone))
            for new in [c for c in wanted if c not in have]:
                self.sql(f"INSERT INTO {link} (entity_id, {code}) VALUES (?, ?)", (local, new))
            self.touched_entities.add(local)

    def _codes(self, state: RecordState, name: str, *, known_only: bool = True) -> list[str]:
        codes = sorted(set(str(state.fields.get(name) or "").split()))
        return [c for c in codes if c in self._known(name)] if known_only else codes

    def _known(self, name: str) -> set[str]:
        return self.known_tags if name == "tags" else self.known_sectors

    # --- the same slug made on two laptops -------------------------------------------------

    def _free_name(self, table: SharedTable, state: RecordState, name: Any) -> Any:
        """``name`` if no other record here has it; else the later-created one gives way."""
        key = table.natural_key
        clash = self.sql(
            f"SELECT gid FROM {table.name} WHERE {key} = ? AND gid <> ?", (name, state.gid)
        ).fetchone()
        if clash is None:
            return name
        theirs = self._created_version(clash[0])
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
            self.sql(
                f"UPDATE {table.name} SET {key} = ? WHERE gid = ?",
                (v.renamed(name, clash[0]), clash[0]),
            )
        return name

    def _created_version(self, gid: str) -> str:
        """When a record here was created, as far as this laptop knows ('' = before the
        team: the seed, the earliest of all)."""
        known = self.sql("SELECT clocks FROM sync_known WHERE gid = ?", (gid,)).fetchone()
        if known is not None:
            return json.loads(known[0]).get(CREATED, "")
        unsent = self.sql(
            "SELECT clock FROM sync_outbox WHERE gid = ? AND op = 'create'", (gid,)
        ).fetchone()
        return unsent[0] if unsent else ""
