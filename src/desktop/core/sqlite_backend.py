"""What only SQLite understands about connections, backups and checks.

The rest of ``desktop.core`` speaks portable SQL through SQLAlchemy; a PostgreSQL backend would
replace this module (pragmas → server settings, the backup API → ``pg_dump``) and
:mod:`desktop.core.sqlite_search` (FTS5 → ``tsvector``), and nothing else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection, Engine

# --- connections ---------------------------------------------------------------------------


def configure_engine(engine: Engine) -> None:
    """Apply our pragmas to every new connection and make transactions explicit.

    pysqlite opens transactions lazily and not before DDL; taking over BEGIN ourselves (the
    SQLAlchemy-documented recipe) makes DDL transactional too, which the bulk-load path relies on.
    """
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def checkpoint(connection: Connection) -> None:
    """Fold the write-ahead log into the main file, so the file alone is the whole database."""
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def open_reader(path: Path) -> sqlite3.Connection:
    """A stdlib connection for the search read path: autocommit, so every read sees the
    latest commit; ``query_only`` so it can never write; rows readable by column name."""
    connection = sqlite3.connect(path, check_same_thread=False, timeout=5.0, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("PRAGMA query_only = ON")
    return connection


def schema_version(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else row[0]


def connect_args() -> dict[str, Any]:
    """Driver arguments: one serialising executor may use a connection from another thread."""
    return {"check_same_thread": False, "timeout": 5.0}


def is_not_a_database_error(error: BaseException) -> bool:
    """True when SQLite says the file is not a database (or is damaged beyond opening)."""
    message = str(error).lower()
    return "file is not a database" in message or "database disk image is malformed" in message


def is_locked_error(error: BaseException) -> bool:
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


# --- backups and checks --------------------------------------------------------------------
#
# These take a DB-API connection (or a path, or, for the checks, a SQLAlchemy connection): the
# backup and check paths must work on files the ORM cannot open (damaged, older, a backup).

MAX_REPORTED = 20  # problems listed per check; a damaged file can produce thousands


def connect_existing(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-write connection to an existing file; unlike ``sqlite3.connect`` it never creates
    an empty database where a file is missing (``mode=rw``). Autocommit, no pragmas set."""
    uri = f"{Path(path).resolve().as_uri()}?mode=rw"
    connection = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return connection


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


def integrity_problems(connection_or_path: Any, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or the cheaper ``quick_check``) as a list; empty when ok.

    SQLite may refuse to read a badly damaged file at all; that refusal is the finding.
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


def foreign_key_problems(connection_or_path: Any) -> list[str]:
    """Rows whose foreign key points at a missing row, one sentence each; empty when none."""
    problems: list[str] = []
    with _checking(connection_or_path) as connection:
        found = _rows(connection, "PRAGMA foreign_key_check")
        for table, rowid, parent, key_id in found[:MAX_REPORTED]:
            keys = {row[0]: row for row in _rows(connection, f'PRAGMA foreign_key_list("{table}")')}
            column = keys[key_id][3] if key_id in keys else "a column"
            value = "?"
            if rowid is not None and key_id in keys:
                value = _rows(connection, f'SELECT "{column}" FROM "{table}" WHERE rowid = {rowid}')
                value = value[0][0] if value else "?"
            problems.append(
                f"Row {rowid} of table {table} refers to {parent} {value} ({column}), "
                "which does not exist."
            )
    if len(found) > MAX_REPORTED:
        problems.append(f"… and {len(found) - MAX_REPORTED} more rows with missing references.")
    return problems


def is_in_use(path: Path, *, timeout: float = 1.0) -> bool:
    """True when another connection, in this process or another, has the WAL database open.

    An exclusive lock cannot be had while any other connection is attached to a WAL database,
    even an idle one; that is what makes it safe to move the file afterwards. A file SQLite
    cannot read as a database counts as not in use: nothing can be using it as one.
    """
    connection = connect_existing(path, timeout=timeout)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        return is_locked_error(error)
    finally:
        connection.close()
    return False


def prepare_migration_connection(dbapi_connection: sqlite3.Connection) -> None:
    """Foreign keys off, set at connect time: inside a transaction the pragma is ignored, and a
    batch rebuild (copy, drop, rename) of a parent table with them on cascades deletes into its
    children. Legacy ALTER TABLE semantics, so renaming the rebuilt table does not trip over
    the view and triggers that name it."""
    dbapi_connection.execute("PRAGMA foreign_keys = OFF")
    dbapi_connection.execute("PRAGMA legacy_alter_table = ON")


def foreign_keys_enforced(connection: Connection) -> bool:
    """Whether this connection enforces foreign keys (a migration must see False)."""
    return bool(connection.exec_driver_sql("PRAGMA foreign_keys").scalar())


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


def driver_message(error: BaseException) -> str:
    """SQLite's own words for an error, without SQLAlchemy's wrapping and SQL echo."""
    original = getattr(error, "orig", None) or error
    return str(original).strip() or type(original).__name__
