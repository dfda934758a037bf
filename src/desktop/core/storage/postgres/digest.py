"""The content digest of the team's server database: one hash over every row.

Like a laptop file's (see the SQLite backend's digest), so tests and tools can tell whether
anything changed. Text keys are ordered byte-wise (``COLLATE "C"``), so the digest does not
depend on the server's locale. Values are hashed as psycopg returns them: comparable between
server databases, not with a laptop file.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The database's own identity (the replica id its migration gave it), not what it knows.
NOT_CONTENT = frozenset({"sync_clock"})


def content_digest(engine: Engine) -> str:
    """SHA-256 over every row of every table, in primary-key order."""
    from sqlalchemy import String, select
    from sqlmodel import SQLModel

    from desktop.core.kb import models  # noqa: F401  (registers the tables)

    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in sorted(SQLModel.metadata.sorted_tables, key=lambda t: t.name):
            if table.name in NOT_CONTENT:
                continue
            digest.update(table.name.encode())
            keys = list(table.primary_key.columns) or list(table.columns)
            ordering = [key.collate("C") if isinstance(key.type, String) else key for key in keys]
            for row in connection.execute(select(table).order_by(*ordering)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
