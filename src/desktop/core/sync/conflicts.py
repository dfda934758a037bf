"""Conflicts: values that lost to a concurrent change, listed until a consultant settles them.

The server lists every conflict once; each laptop keeps a copy (pulled with the records).
Settling one is itself a change that syncs: keeping the winner sends ``resolve``; taking the
other value writes it here like an edit (recorded by the triggers, based on the winner's
version, so it wins everywhere without a new conflict) and sends ``resolve`` too. For a
delete that lost to an edit, taking the other means deleting the record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.kb.identity import SHARED_BY_NAME
from desktop.core.language.messages import Message, message
from desktop.core.sync import versions

DELETED = "deleted"


@dataclass(frozen=True)
class Conflict:
    id: int
    table: str
    gid: str
    record: str | Message  # how a consultant names the record (its name, else kind and id)
    field: str  # "" when a delete lost to an edit
    kept_value: Any
    kept_author: str
    kept_at: datetime
    lost_value: Any
    lost_author: str
    lost_at: datetime
    resolved_by: str | None
    resolved_at: datetime | None

    @property
    def is_delete(self) -> bool:
        return self.field == ""


def conflicts(connection: Connection, *, open_only: bool = True) -> list[Conflict]:
    """The conflicts this laptop knows, newest first."""
    where = "WHERE resolved_by IS NULL" if open_only else ""
    rows = connection.execute(text(f"SELECT * FROM team_conflict {where} ORDER BY seq DESC"))
    return [
        Conflict(
            row.id,
            row.table_name,
            row.gid,
            _record_name(connection, row.table_name, row.gid),
            row.field,
            _value(row.kept_value),
            row.kept_author,
            versions.moment(row.kept_version),
            _value(row.lost_value),
            row.lost_author,
            versions.moment(row.lost_version),
            row.resolved_by,
            row.resolved_at,
        )
        for row in rows
    ]


def resolve(connection: Connection, conflict_id: int, *, take_other: bool, who: str) -> None:
    """Settle a conflict (inside the caller's write transaction; recording on)."""
    row = connection.execute(
        text("SELECT * FROM team_conflict WHERE id = :id"), {"id": conflict_id}
    ).one()
    if take_other:
        if row.field == "":
            _delete(connection, row.table_name, row.gid)
        else:
            _write_value(connection, row.table_name, row.gid, row.field, _value(row.lost_value))
    connection.execute(
        text(
            "INSERT INTO sync_outbox (table_name, gid, field, op, clock)"
            " VALUES (:table, :gid, :field, 'resolve', :clock)"
            " ON CONFLICT (gid, field) DO NOTHING"
        ),
        {
            "table": row.table_name,
            "gid": row.gid,
            "field": str(conflict_id),
            "clock": versions.next_version(connection),
        },
    )
    connection.execute(
        text(
            "UPDATE team_conflict SET resolved_by = :who, resolved_at = CURRENT_TIMESTAMP"
            " WHERE id = :id"
        ),
        {"who": who, "id": conflict_id},
    )


def _write_value(connection: Connection, table_name: str, gid: str, field: str, value: Any) -> None:
    table = SHARED_BY_NAME[table_name]
    local = connection.execute(
        text(f"SELECT {table.local_key} FROM {table_name} WHERE gid = :gid"), {"gid": gid}
    ).scalar_one_or_none()
    if local is None:
        return  # the record is gone here; nothing to take
    if field in table.links:
        link, code = table.links[field]
        connection.execute(text(f"DELETE FROM {link} WHERE entity_id = :id"), {"id": local})
        for each in str(value or "").split():
            connection.execute(
                text(f"INSERT INTO {link} (entity_id, {code}) VALUES (:id, :code)"),
                {"id": local, "code": each},
            )
        return
    if field in table.references and value is not None:
        value = connection.execute(
            text(f"SELECT id FROM {table.references[field]} WHERE gid = :gid"), {"gid": value}
        ).scalar_one_or_none()
    connection.execute(
        text(f"UPDATE {table_name} SET {field} = :value WHERE gid = :gid"),
        {"value": value, "gid": gid},
    )


def _delete(connection: Connection, table_name: str, gid: str) -> None:
    connection.execute(text(f"DELETE FROM {table_name} WHERE gid = :gid"), {"gid": gid})


def _value(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


# A record without a name of its own (or no longer here): its kind and the start of its gid.
_UNNAMED: dict[str, Callable[[str], Message]] = {
    "source": lambda gid: message("source {id}", id=gid),
    "tag": lambda gid: message("tag {id}", id=gid),
    "entity": lambda gid: message("entity {id}", id=gid),
    "relation": lambda gid: message("relation {id}", id=gid),
    "space_offer": lambda gid: message("space offer {id}", id=gid),
    "fact": lambda gid: message("key figure {id}", id=gid),
    "contact": lambda gid: message("contact {id}", id=gid),
    "prospect": lambda gid: message("prospect {id}", id=gid),
    "brief": lambda gid: message("brief {id}", id=gid),
    "brief_item": lambda gid: message("brief item {id}", id=gid),
    "sent_dossier": lambda gid: message("sent dossier {id}", id=gid),
}


def _record_name(connection: Connection, table_name: str, gid: str) -> str | Message:
    named_by = {"entity": "name", "fact": "label", "source": "title", "prospect": "company_name"}
    column = named_by.get(table_name)
    if column:
        name = connection.execute(
            text(f"SELECT {column} FROM {table_name} WHERE gid = :gid"), {"gid": gid}
        ).scalar_one_or_none()
        if name:
            return str(name)
    unnamed = _UNNAMED.get(table_name)
    return unnamed(gid[:8]) if unnamed else f"{table_name} {gid[:8]}"
