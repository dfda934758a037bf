"""SQLite's own checks: page integrity, foreign keys, and whether the schema can be read.

Each takes a path (opened read-only for the check) or a connection already open, DB-API or
SQLAlchemy: a migration checks inside its own transaction, the health check works on files the
ORM cannot open (damaged, older, a backup).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.language.messages import Message, counted, message
from desktop.core.storage.sqlite.connection import (
    connect_existing,
    driver_message,
    is_locked_error,
)

MAX_REPORTED = 20  # problems listed per check; a damaged file can produce thousands


def integrity_problems(connection_or_path: Any, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or the cheaper ``quick_check``) as a list; empty when ok.

    SQLite may refuse to read a badly damaged file at all; that refusal is the finding. The
    lines are SQLite's own words (English whatever the reader's language).
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with _checking(connection_or_path) as connection:
            found = [str(row[0]) for row in _rows(connection, f"PRAGMA {pragma}({MAX_REPORTED})")]
    except Exception as error:
        if is_locked_error(error):
            raise
        return [driver_message(error)]
    return [] if found == ["ok"] else found


def foreign_key_problems(connection_or_path: Any) -> list[Message]:
    """Rows whose foreign key points at a missing row, one sentence each; empty when none."""
    problems: list[Message] = []
    with _checking(connection_or_path) as connection:
        found = _rows(connection, "PRAGMA foreign_key_check")
        for table, rowid, parent, key_id in found[:MAX_REPORTED]:
            keys = {row[0]: row for row in _rows(connection, f'PRAGMA foreign_key_list("{table}")')}
            column = keys[key_id][3] if key_id in keys else message("a column")
            value = "?"
            if rowid is not None and key_id in keys:
                value = _rows(connection, f'SELECT "{column}" FROM "{table}" WHERE rowid = {rowid}')
                value = value[0][0] if value else "?"
            problems.append(
                message(
                    "Row {row} of table {table} refers to {parent} {value} ({column}), "
                    "which does not exist.",
                    row=rowid,
                    table=table,
                    parent=parent,
                    value=value,
                    column=column,
                )
            )
    if len(found) > MAX_REPORTED:
        problems.append(
            counted(
                "… and {count} more row with missing references.",
                "… and {count} more rows with missing references.",
                count=len(found) - MAX_REPORTED,
            )
        )
    return problems


def can_read_schema(path: Path) -> bool:
    """Whether SQLite can read the table definitions of ``path`` (a damaged file may not)."""
    try:
        connection = connect_existing(path)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


@contextmanager
def _checking(connection_or_path: Any) -> Iterator[Any]:
    if isinstance(connection_or_path, str | Path):
        connection = connect_existing(Path(connection_or_path))
        try:
            connection.execute("PRAGMA query_only = ON")
            yield connection
        finally:
            connection.close()
    else:
        yield connection_or_path


def _rows(connection: Any, sql: str) -> list[Any]:
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(sql).fetchall()
    return list(connection.exec_driver_sql(sql).fetchall())
