"""Other laptops' changes in this laptop's audit journal: the real author and time of each.

A change arrives as the team's history has it (gid, field, JSON values, version); the journal
names records the way a consultant does (an entity's slug, a figure's key) and shows values as
the editor does. The time is the version's own (when the colleague made the change), not when
it arrived here.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from desktop.core.sync import versions
from desktop.core.upkeep import audit

# The journal's record types for the team's tables.
RECORD_TYPES = {"space_offer": "space", "brief_item": "brief item", "sent_dossier": "sent dossier"}
ACTIONS = {"create": "create", "set": "update", "delete": "delete"}
NAMED_BY = {"entity": "slug", "fact": "key", "source": "key", "tag": "code"}


def write_remote_changes(connection: Connection, changes: list[Any]) -> int:
    """Journal ``changes`` (rows of ``team_change``) in one statement; returns how many."""
    if not changes:
        return 0
    batch = audit.new_batch()
    entries = []
    for change in changes:
        if change.op not in ACTIONS:
            continue
        new = _value(change.new_value)
        entries.append(
            audit.entry(
                who=change.author,
                action=ACTIONS[change.op],
                record_type=RECORD_TYPES.get(change.table_name, change.table_name),
                key=_key(change.table_name, change.gid, change.record_fields),
                batch=batch,
                field=change.field or None,
                old=_value(change.old_value),
                new=None if change.op == "create" else new,
                at=versions.moment(change.clock),
            )
        )
    return audit.write_many(connection, entries)


def _value(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def _key(table: str, gid: str, record_fields: str | None) -> str:
    """The record's name as the team holds it now (a deleted record keeps its last name)."""
    column = NAMED_BY.get(table)
    fields = json.loads(record_fields) if record_fields else {}
    name = fields.get(column) if column else None
    return str(name) if name is not None else f"{RECORD_TYPES.get(table, table)}:{gid[:8]}"
