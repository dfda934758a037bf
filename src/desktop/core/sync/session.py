"""One sync: send this laptop's changes, receive the team's, remember how far it read.

Three steps, each safe to be killed at any moment:

1. read the outbox and append it to the team's history in one server transaction (with this
   laptop's visit: who, when, how far it had read);
2. forget what was sent (a kill before this step resends the same versions; the server keeps
   the first of each);
3. receive every record merged since the last pull in one local transaction, with the number
   it reached (a kill leaves the file and the number as they were).

Joining is the first sync of a file: it takes a backup, offers the records only this laptop
has for upload (so nothing made before joining is dropped), and pulls everything.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, text

from desktop.core.storage.backend import backend_of
from desktop.core.sync import push, versions
from desktop.core.sync.journal import write_remote_changes
from desktop.core.sync.pull import Pulled, pull

BULK_PULL = 500  # records; below this the index follows each write


@dataclass(frozen=True)
class SyncReport:
    sent: int
    received: int
    new_conflicts: int
    open_conflicts: int
    waiting: int
    synced_at: datetime


def read_state(connection: Connection) -> dict[str, str]:
    rows = connection.execute(text("SELECT key, value FROM sync_state"))
    return dict(rows.all())


def write_state(connection: Connection, **values: object) -> None:
    for key, value in values.items():
        connection.execute(
            text(
                "INSERT INTO sync_state (key, value) VALUES (:key, :value)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"key": key, "value": str(value)},
        )


def sync(local: Engine, server: Engine, *, member: str) -> SyncReport:
    """Push, then pull. ``local`` must take the write lock when a transaction begins."""
    with local.connect() as connection:
        changes = push.outbox(connection)
        replica = versions.replica_id(connection)
        since = int(read_state(connection).get("pulled_seq", "0"))
    now = datetime.now(UTC).replace(tzinfo=None)
    with server.begin() as team:
        push.send(team, changes, replica=replica, author=member)
        _visit(team, replica=replica, member=member, at=now, pulled_seq=since)
    with local.begin() as connection:
        push.forget_sent(connection, changes, replica=replica, author=member, at=now)
    pulled = _pull(local, server, since=since, replica=replica)
    with local.connect() as connection:
        waiting = push.waiting(connection)
        open_conflicts = int(
            connection.execute(
                text("SELECT count(*) FROM team_conflict WHERE resolved_by IS NULL")
            ).scalar_one()
        )
    return SyncReport(len(changes), pulled.records, pulled.conflicts, open_conflicts, waiting, now)


def _pull(local: Engine, server: Engine, *, since: int, replica: str) -> Pulled:
    reading = server.execution_options(isolation_level="REPEATABLE READ")
    with reading.connect() as team, team.begin(), local.begin() as connection:
        # A large pull is a bulk load: the search index is refreshed once after it (rebuilt
        # whole for the first pull, re-indexed for the entities written otherwise).
        backend = backend_of(connection)
        incoming = team.execute(
            text("SELECT count(*) FROM team_record WHERE seq > :since"), {"since": since}
        ).scalar_one()
        index = (
            backend.search_index_suspended(connection, incremental=bool(since))
            if incoming >= BULK_PULL
            else nullcontext(set())
        )
        with index as touched:
            pulled = pull(connection, team, since=since, replica=replica, touched=touched)
        backend.catch_up_search_index(connection)
        write_state(
            connection,
            pulled_seq=pulled.last_seq,
            last_sync_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        write_remote_changes(connection, pulled.changes)  # colleagues' changes, by name
    return pulled


def _visit(team: Connection, *, replica: str, member: str, at: datetime, pulled_seq: int) -> None:
    team.execute(
        text(
            "INSERT INTO team_visit (replica, member, last_sync_at, pulled_seq)"
            " VALUES (:replica, :member, :at, :seq) ON CONFLICT (replica) DO UPDATE"
            " SET member = excluded.member, last_sync_at = excluded.last_sync_at,"
            " pulled_seq = excluded.pulled_seq"
        ),
        {"replica": replica, "member": member, "at": at, "seq": pulled_seq},
    )
