"""Filling a new team database: every record of a laptop file (or the bundled seed) becomes a
``create`` in the team's history, merged by the server like any other change.

Publishing through the history rather than writing the merged tables directly means the
team's first state has an author and a version like every later change, and the server's
merge is the only code that ever writes ``team_record``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from desktop.core.kb.identity import SHARED
from desktop.core.sync import push, versions
from desktop.core.sync.local_rows import team_rows

BATCH = 2_000


def publish_database(server: Engine, database_path: Path | None, *, author: str) -> int:
    """Append a create for every shared record of ``database_path`` (None: the bundled
    seed) to the team's history; returns how many. One server transaction: all or nothing."""
    from desktop.core.storage.database import Database

    with tempfile.TemporaryDirectory(prefix="dossier-publish-") as folder:
        path = database_path or Path(folder) / "seed.sqlite3"
        database = Database.open(path, create=database_path is None)
        try:
            return _publish(database.engine, server, author=author)
        finally:
            database.close()


def _publish(local: Engine, server: Engine, *, author: str) -> int:
    count = 0
    with local.begin() as connection, server.begin() as team:
        replica = versions.replica_id(connection)
        batch: list[dict] = []
        for table in SHARED:
            for gid, fields in team_rows(connection, table):
                batch.append(
                    {
                        "clock": versions.next_version(connection),
                        "gid": gid,
                        "field": "",
                        "table_name": table.name,
                        "op": "create",
                        "old_value": None,
                        "new_value": json.dumps(fields, default=str),
                        "base": None,
                        "replica": replica,
                        "author": author,
                    }
                )
                if len(batch) >= BATCH:
                    count += _send(team, batch)
                    batch = []
        count += _send(team, batch)
    return count


def _send(team: Connection, batch: list[dict]) -> int:
    if batch:
        team.execute(text(push.SEND_SQL), batch)
    return len(batch)
