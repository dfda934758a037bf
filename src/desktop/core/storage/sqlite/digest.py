"""The content digest: one hash over every row, so two databases can be compared cheaply.

Backups store it beside the copy (a new backup is taken only when the content changed), and
tests use it to prove that a refused import or a rebuild changed nothing. It hashes the values
as the driver returns them, so it is comparable only between databases of one engine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.storage.sqlite.connection import connect_existing

if TYPE_CHECKING:
    from sqlalchemy import Engine


# The file's own identity (its replica id and clock), not what it knows: two files built from
# the same seed hold the same content.
NOT_CONTENT = frozenset({"sync_clock"})


def content_digest(engine: Engine) -> str:
    """SHA-256 over every row of every table, in primary-key order."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from desktop.core.kb import models  # noqa: F401  (registers the tables)

    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in sorted(SQLModel.metadata.sorted_tables, key=lambda t: t.name):
            if table.name in NOT_CONTENT:
                continue
            digest.update(table.name.encode())
            ordering = list(table.primary_key.columns) or list(table.columns)
            for row in connection.execute(select(table).order_by(*ordering)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """:func:`content_digest` of a file, read in one transaction (one consistent snapshot)
    without the pragmas of our usual engine, so a backup file is never switched to WAL by
    being read."""
    from sqlalchemy import create_engine, event

    engine = create_engine("sqlite://", creator=lambda: connect_existing(path))
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    try:
        return content_digest(engine)
    finally:
        engine.dispose()
