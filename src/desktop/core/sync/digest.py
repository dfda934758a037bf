"""One hash over what a team shares, comparable between a laptop file and the team server.

A file's own content digest covers its local ids and journal, which differ on every laptop;
this one covers only the shared records, by gid, with references as gids — what two replicas
must agree on once both have synced. The server's side applies the same rules a laptop does
when it writes a record (created, not deleted, everything it cannot live without alive,
references to records that are not alive left empty), so equal digests mean the laptops hold
exactly what the server's merge holds.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.kb.identity import SHARED, tag_gid
from desktop.core.sync.local_rows import team_rows
from desktop.core.sync.materialize import RecordState


def _hash(rows: list[tuple[str, str, dict[str, Any]]]) -> str:
    digest = hashlib.sha256()
    for table, gid, fields in sorted(rows, key=lambda row: (row[0], row[1])):
        digest.update(json.dumps([table, gid, fields], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def replica_digest(connection: Connection) -> str:
    """The digest of a laptop file's shared records."""
    rows = [
        (table.name, gid, fields)
        for table in SHARED
        for gid, fields in team_rows(connection, table)
    ]
    return _hash(rows)


def server_digest(connection: Connection) -> str:
    """The digest of the team server's merged records, as a laptop would hold them."""
    states: dict[str, dict[str, RecordState]] = {table.name: {} for table in SHARED}
    for row in connection.execute(
        text("SELECT gid, table_name, fields, versions, deleted FROM team_record")
    ):
        state = RecordState.from_row(row)
        if state.created and not state.deleted and state.table in states:
            states[state.table][state.gid] = state
    alive: dict[str, set[str]] = {}
    rows = []
    for table in SHARED:  # parents first: a record's targets are decided before it
        alive[table.name] = set()
        for gid, state in states[table.name].items():
            fields = {name: state.fields.get(name) for name in table.fields}
            lost = [
                name
                for name, target in table.references.items()
                if fields[name] is not None and fields[name] not in alive[target]
            ]
            if any(name in table.required for name in lost):
                continue
            fields.update(dict.fromkeys(lost))
            if "tags" in table.links:
                fields["tags"] = " ".join(
                    code
                    for code in str(fields["tags"] or "").split()
                    if tag_gid(code) in alive["tag"]
                )
            alive[table.name].add(gid)
            rows.append((table.name, gid, fields))
    return _hash(rows)
