"""Joining a team: the first sync of a laptop file, after a backup, nothing left behind.

Before the first pull, the laptop's file may hold what the team does not: prospects and briefs,
entities added by hand or by import, edits of seeded records. :func:`plan_join` counts them so
the consultant sees what will be uploaded; :func:`join` backs the file up, gives the file a
replica id of its own (a copied file must not write the same versions as its original), puts
every record only this laptop has into the outbox as a create, and syncs. Records the team
deleted are removed here unless this laptop edited them since; everything else the team holds
arrives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, text

from desktop.core.kb.identity import SHARED, new_replica_id
from desktop.core.sync import session, versions


@dataclass(frozen=True)
class JoinPlan:
    """What joining would upload, and what the team holds."""

    local_only: dict[str, int]  # table → records only this laptop has
    edits: int  # changes to records the team has too, waiting to be sent
    team_records: int

    @property
    def uploads(self) -> int:
        return sum(self.local_only.values()) + self.edits


def plan_join(local: Engine, server: Engine) -> JoinPlan:
    team = _team_gids(server)
    with local.connect() as connection:
        counts = Counter(table for table, _gid in _local_only(connection, team))
        for table, op, number in connection.execute(
            text("SELECT table_name, op, count(*) FROM sync_outbox GROUP BY table_name, op")
        ):
            if op == "create":
                counts[table] += number
            else:
                counts["~edits"] += number
    edits = counts.pop("~edits", 0)
    return JoinPlan(dict(counts), edits, len(team))


def join(local: Engine, server: Engine, *, member: str, team: str) -> session.SyncReport:
    """Make this file a replica of ``team`` (the server's redacted name) and sync it.

    ``local`` takes the write lock when a transaction begins; the caller has backed the file
    up (and shown :func:`plan_join`'s account of what will be uploaded).
    """
    known = _team_gids(server)
    with local.begin() as connection:
        connection.execute(
            text("UPDATE sync_clock SET replica = :replica WHERE id = 1"),
            {"replica": new_replica_id()},
        )
        for table, gid in list(_local_only(connection, known)):
            _offer(connection, table, gid)
        session.write_state(
            connection,
            team=team,
            member=member,
            pulled_seq=0,
            joined_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    return session.sync(local, server, member=member)


def _team_gids(server: Engine) -> set[str]:
    with server.connect() as connection:
        return set(connection.execute(text("SELECT gid FROM team_record")).scalars())


def _local_only(connection: Connection, team: set[str]) -> Iterator[tuple[str, str]]:
    """``(table, gid)`` of the records only this file has and has not put in its outbox."""
    unsent = set(
        connection.execute(text("SELECT gid FROM sync_outbox WHERE op = 'create'")).scalars()
    )
    for table in SHARED:
        for gid in connection.execute(text(f"SELECT gid FROM {table.name}")).scalars():
            if gid not in team and gid not in unsent:
                yield table.name, gid


def _offer(connection: Connection, table: str, gid: str) -> None:
    """Put a record only this laptop has into the outbox as a create (its value is read when
    it is sent)."""
    connection.execute(
        text(
            "INSERT INTO sync_outbox (table_name, gid, field, op, clock)"
            " VALUES (:table, :gid, '', 'create', :clock)"
        ),
        {"table": table, "gid": gid, "clock": versions.next_version(connection)},
    )
