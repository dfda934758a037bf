"""Sending this laptop's changes: the outbox appended to the team's history.

The send is one server transaction; only after it commits are the sent rows removed from the
outbox, and only if they were not edited meanwhile (a later edit of the same field gives the
row a new version, which goes with the next sync). A sync killed between the two resends the
same versions next time, and the server, which keys its history by version, keeps the first.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

_OUTBOX = (
    "SELECT id, table_name, gid, field, op, old_value, new_value, base, clock"
    " FROM sync_outbox ORDER BY id"
)
SEND_SQL = (
    "INSERT INTO team_change (clock, gid, field, replica, author, table_name, op, old_value,"
    " new_value, base) VALUES (:clock, :gid, :field, :replica, :author, :table_name, :op,"
    " :old_value, :new_value, :base) ON CONFLICT DO NOTHING"
)


def outbox(connection: Connection) -> list[Any]:
    """Every change waiting to be sent, oldest first."""
    return list(connection.execute(text(_OUTBOX)).all())


def waiting(connection: Connection) -> int:
    return int(connection.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one())


def send(server: Connection, changes: list[Any], *, replica: str, author: str) -> None:
    """Append ``changes`` to the team's history (inside the caller's server transaction)."""
    if changes:
        server.execute(
            text(SEND_SQL),
            [{**row._asdict(), "replica": replica, "author": author} for row in changes],
        )


def forget_sent(
    connection: Connection, changes: list[Any], *, replica: str, author: str, at: datetime
) -> None:
    """Move what the server now has from the outbox to this laptop's own history (what a
    change package since an earlier sync is made of); a row edited since stays, with its
    newer version, for the next sync."""
    if not changes:
        return
    connection.execute(
        text(
            "INSERT INTO team_change (clock, gid, field, seq, replica, author, table_name, op,"
            " old_value, new_value, base, received_at) SELECT clock, gid, field, 0, :replica,"
            " :author, table_name, op, old_value, new_value, base, :at FROM sync_outbox"
            " WHERE id = :id AND clock = :clock ON CONFLICT DO NOTHING"
        ),
        [
            {"id": row.id, "clock": row.clock, "replica": replica, "author": author, "at": at}
            for row in changes
        ],
    )
    connection.execute(
        text("DELETE FROM sync_outbox WHERE id = :id AND clock = :clock"),
        [{"id": row.id, "clock": row.clock} for row in changes],
    )
    # A record made here is now the team's: remember when it was created, which decides
    # which of two records with one slug gives way, even before the pull brings it back.
    created = [
        {"gid": row.gid, "table": row.table_name, "clocks": json.dumps({"~created": row.clock})}
        for row in changes
        if row.op == "create"
    ]
    if created:
        connection.execute(
            text(
                "INSERT INTO sync_known (gid, table_name, clocks) VALUES (:gid, :table, :clocks)"
                " ON CONFLICT (gid) DO NOTHING"
            ),
            created,
        )
