"""Sending this laptop's changes: the outbox appended to the team's history.

The send is one server transaction; only after it commits are the sent rows removed from the
outbox, and only if they were not edited meanwhile (a later edit of the same field gives the
row a new version, which goes with the next sync). A sync killed between the two resends the
same versions next time, and the server, which keys its history by version, keeps the first.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, text

from desktop.core.kb.identity import SHARED_BY_NAME
from desktop.core.sync.local_rows import current_rows
from desktop.core.sync.materialize import CREATED

_OUTBOX = (
    "SELECT id, table_name, gid, field, op, old_value, new_value, base, clock"
    " FROM sync_outbox ORDER BY id"
)
SEND_SQL = (
    "INSERT INTO team_change (clock, gid, field, replica, author, table_name, op, old_value,"
    " new_value, base) VALUES (:clock, :gid, :field, :replica, :author, :table_name, :op,"
    " :old_value, :new_value, :base) ON CONFLICT DO NOTHING"
)


@dataclass(frozen=True)
class Change:
    """One change as it is sent (a row of the outbox, its record filled in)."""

    id: int
    table_name: str
    gid: str
    field: str
    op: str
    old_value: str | None
    new_value: str | None
    base: str | None
    clock: str


def outbox(connection: Connection) -> list[Change]:
    """Every change waiting to be sent, oldest first; a create recorded without its record
    (by a bulk load) gets the record as it is now."""
    changes = [Change(*row) for row in connection.execute(text(_OUTBOX))]
    unread: dict[str, list[int]] = {}
    for position, change in enumerate(changes):
        if change.op == "create" and change.new_value is None:
            unread.setdefault(change.table_name, []).append(position)
    for table_name, positions in unread.items():
        found = current_rows(
            connection, SHARED_BY_NAME[table_name], [changes[p].gid for p in positions]
        )
        for position in positions:
            change = changes[position]
            record = found.get(change.gid)
            if record is not None:
                value = json.dumps(record[1], default=str)
                changes[position] = replace(change, new_value=value)
    return [c for c in changes if not (c.op == "create" and c.new_value is None)]


def waiting(connection: Connection) -> int:
    return int(connection.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def send(server: Connection, changes: list[Change], *, replica: str, author: str) -> None:
    """Append ``changes`` to the team's history (inside the caller's server transaction)."""
    if changes:
        server.execute(
            text(SEND_SQL),
            [{**asdict(change), "replica": replica, "author": author} for change in changes],
        )


def forget_sent(
    connection: Connection, changes: list[Change], *, replica: str, author: str, at: datetime
) -> None:
    """Move what the server now has from the outbox to this laptop's own history (what a
    change package since an earlier sync is made of), as it was sent; an outbox row edited
    since stays, with its newer version, for the next sync."""
    if not changes:
        return
    connection.execute(
        text(
            "INSERT INTO team_change (clock, gid, field, seq, replica, author, table_name, op,"
            " old_value, new_value, base, received_at) VALUES (:clock, :gid, :field, 0,"
            " :replica, :author, :table_name, :op, :old_value, :new_value, :base, :at)"
            " ON CONFLICT DO NOTHING"
        ),
        [{**asdict(change), "replica": replica, "author": author, "at": at} for change in changes],
    )
    connection.execute(
        text("DELETE FROM sync_outbox WHERE id = :id AND clock = :clock"),
        [{"id": change.id, "clock": change.clock} for change in changes],
    )
    # A record made here is now the team's: remember when it was created, which decides
    # which of two records with one slug gives way, even before the pull brings it back.
    created = [
        {
            "gid": change.gid,
            "table": change.table_name,
            "clocks": json.dumps({CREATED: change.clock}),
        }
        for change in changes
        if change.op == "create"
    ]
    if created:
        connection.execute(
            text(
                "INSERT INTO sync_known (gid, table_name, clocks) VALUES (:gid, :table, :clocks)"
                " ON CONFLICT (gid) DO NOTHING"
            ),
            created,
        )
