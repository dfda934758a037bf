"""Receiving the team's changes: every record merged since this laptop last read, written here.

One read of the server (one snapshot: records, conflicts and the history agree) and one local
transaction: a pull killed half-way leaves the file as it was, and the next pull starts from
the same number. Records stream in batches, so joining a large team keeps memory flat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.kb.sync_tables import changes_unrecorded
from desktop.core.sync import versions
from desktop.core.sync.materialize import Materializer, RecordState

BATCH = 2_000
_RECORDS = (
    "SELECT gid, table_name, fields, versions, deleted, seq FROM team_record"
    " WHERE seq > :since ORDER BY seq"
)
_CONFLICT_COLUMNS = (
    "id, seq, table_name, gid, field, kept_value, kept_version, kept_author, lost_value,"
    " lost_version, lost_author, resolved_by, resolved_at"
)
_COPY_CONFLICT = (
    f"INSERT INTO team_conflict ({_CONFLICT_COLUMNS}) VALUES"
    f" ({', '.join(':' + c.strip() for c in _CONFLICT_COLUMNS.split(','))})"
    " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq,"
    " resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at"
)


@dataclass(frozen=True)
class Pulled:
    records: int
    conflicts: int
    last_seq: int
    changes: list[Any]  # what other laptops changed since (for the journal)


def pull(
    local: Connection,
    server: Connection,
    *,
    since: int,
    replica: str,
    touched: set[int] | None = None,
) -> Pulled:
    """Write every record merged after ``since`` into ``local`` (the caller's transaction);
    the ids of the entities written are added to ``touched`` (for the search index)."""
    materializer = Materializer(local, touched=touched)
    last_seq, newest, count = since, None, 0
    with changes_unrecorded(local):
        stream = server.execution_options(stream_results=True, yield_per=BATCH)
        batch: list[RecordState] = []
        for row in stream.execute(text(_RECORDS), {"since": since}):
            state = RecordState.from_row(row)
            batch.append(state)
            last_seq = max(last_seq, row.seq)
            if state.versions:
                latest = state.latest()
                newest = latest if newest is None or latest > newest else newest
            if len(batch) >= BATCH:
                materializer.write_batch(batch)
                count, batch = count + len(batch), []
        materializer.write_batch(batch)
        count += len(batch)
        materializer.finish()
        conflicts = server.execute(
            text(f"SELECT {_CONFLICT_COLUMNS} FROM team_conflict WHERE seq > :since"),
            {"since": since},
        ).all()
        if conflicts:
            local.execute(text(_COPY_CONFLICT), [conflict._asdict() for conflict in conflicts])
            last_seq = max(last_seq, *(conflict.seq for conflict in conflicts))
    changes = []
    if since:  # a first pull (joining) brings the whole team: not journalled record by record
        changes = server.execute(
            text(
                "SELECT c.clock, c.author, c.table_name, c.gid, c.field, c.op, c.old_value,"
                " c.new_value, r.fields AS record_fields FROM team_change c"
                " LEFT JOIN team_record r ON r.gid = c.gid"
                " WHERE c.seq > :since AND c.seq <= :last AND c.replica <> :replica"
                " ORDER BY c.seq"
            ),
            {"since": since, "last": last_seq, "replica": replica},
        ).all()
    versions.advance_clock(local, newest)
    return Pulled(count, len(conflicts), last_seq, changes)
