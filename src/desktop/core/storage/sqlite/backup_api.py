"""Backups through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.storage.sqlite.connection import connect_existing


def backup_to(source: sqlite3.Connection | Path, target: Path) -> None:
    """Copy a consistent snapshot of ``source`` into the new file ``target`` (backup API).

    A file copy of an open WAL database misses what is still in the log; the backup API reads
    through SQLite in one read transaction. The copy is switched to rollback-journal mode so it
    is one self-contained file that opens without creating -wal/-shm files beside it.
    """
    owned = not isinstance(source, sqlite3.Connection)
    connection = connect_existing(Path(source)) if owned else source
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        if owned:
            connection.close()
