"""Versions: the hybrid-logical-clock text every change carries, and changes made by a merge.

A version is ``<clock as 16 hex digits>.<replica id>``, where the clock is milliseconds since
1970 × 65,536 plus a counter (the storage backend stamps every local write with it; see
:meth:`~desktop.core.storage.backend.StorageBackend.install_sync`). Compared as text, versions
order changes in time, ties broken by replica: the same order on every laptop and on the server.
A laptop's clock never goes below a version it has received, so a laptop whose wall clock is
wrong still orders its edits after what it has seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

TICKS_PER_MS = 65_536


def clock_of(version: str) -> int:
    return int(version.partition(".")[0], 16)


def wall_time(version: str) -> str:
    """The moment a version was made, as the file stores times (UTC)."""
    return moment(version).strftime("%Y-%m-%d %H:%M:%S.%f")


def moment(version: str) -> datetime:
    """The moment a version was made (UTC)."""
    return datetime.fromtimestamp(clock_of(version) // TICKS_PER_MS / 1000, UTC)


def renamed(name: str, gid: str) -> str:
    """The name a record gives way to when another record made elsewhere has its name."""
    return f"{name}-{gid[:6]}"


def replica_id(connection: Connection) -> str:
    """This file's replica id (the second part of every version it writes)."""
    return connection.execute(text("SELECT replica FROM sync_clock WHERE id = 1")).scalar_one()


def advance_clock(connection: Connection, seen: str | None) -> None:
    """After receiving ``seen``: this laptop's next version comes after it."""
    if seen:
        connection.execute(
            text("UPDATE sync_clock SET hlc = max(hlc, :seen) WHERE id = 1"),
            {"seen": clock_of(seen)},
        )


def next_version(connection: Connection) -> str:
    """Tick the clock and return the version of a change made now."""
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    connection.execute(
        text("UPDATE sync_clock SET hlc = max(hlc + 1, :now) WHERE id = 1"),
        {"now": now_ms * TICKS_PER_MS},
    )
    hlc, replica = connection.execute(
        text("SELECT hlc, replica FROM sync_clock WHERE id = 1")
    ).one()
    return f"{hlc:016x}.{replica}"


def record_change(
    connection: Connection,
    *,
    table: str,
    gid: str,
    field: str,
    old: Any,
    new: Any,
    base: str | None,
) -> None:
    """Put one change into the outbox as a trigger would (for a write the merge makes itself)."""
    connection.execute(
        text(
            "INSERT INTO sync_outbox (table_name, gid, field, op, old_value, new_value, base,"
            " clock) VALUES (:table, :gid, :field, 'set', :old, :new, :base, :clock)"
            " ON CONFLICT (gid, field) DO UPDATE"
            " SET new_value = excluded.new_value, clock = excluded.clock"
        ),
        {
            "table": table,
            "gid": gid,
            "field": field,
            "old": json.dumps(old),
            "new": json.dumps(new),
            "base": base,
            "clock": next_version(connection),
        },
    )


@contextmanager
def recording(connection: Connection) -> Iterator[None]:
    """Inside a merge (recording off), record the block's writes as this laptop's changes."""
    connection.execute(text("UPDATE sync_clock SET capture = :on WHERE id = 1"), {"on": True})
    try:
        yield
    finally:
        connection.execute(
            text("UPDATE sync_clock SET capture = :off WHERE id = 1"), {"off": False}
        )
