"""What only SQLite understands about connections, backups and checks.

The rest of ``desktop.core`` speaks portable SQL through SQLAlchemy; a PostgreSQL backend would
replace this module (pragmas → server settings, the backup API → ``pg_dump``) and
:mod:`desktop.core.storage.sqlite.search_index` (FTS5 → ``tsvector``), and nothing else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection, Engine

# --- connections ---------------------------------------------------------------------------

BUSY_TIMEOUT_S = 5.0  # how long a connection waits for another's write lock before giving up
# Execution option: transactions on such a connection begin IMMEDIATE (take the write lock
# first). A deferred transaction that reads and then writes cannot wait for the lock (SQLite
# returns "database is locked" at once to avoid a deadlock), so writers begin IMMEDIATE.
IMMEDIATE = "dossier_desk_begin_immediate"


def configure_engine(
    engine: Engine,
    *,
    immediate: bool = False,
    translate: Callable[[BaseException], BaseException | None] | None = None,
) -> None:
    """Apply our pragmas to every new connection and make transactions explicit.

    pysqlite opens transactions lazily and not before DDL; taking over BEGIN ourselves (the
    SQLAlchemy-documented recipe) makes DDL transactional too, which the bulk-load path relies on.
    Every transaction begins IMMEDIATE when ``immediate`` is set (a command that writes), else
    only on connections with the :data:`IMMEDIATE` execution option. ``translate`` turns a
    driver error into the error to raise instead (or None to keep it): damage and busy locks
    found at any read become messages a person can act on.
    """
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if immediate or connection.get_execution_options().get(IMMEDIATE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    if translate is not None:

        @event.listens_for(engine, "handle_error")
        def _on_error(context: Any) -> None:
            replacement = translate(context.original_exception)
            if replacement is not None:
                raise replacement from context.original_exception


def checkpoint(connection: Connection) -> None:
    """Fold the write-ahead log into the main file, so the file alone is the whole database."""
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def open_reader(path: Path) -> sqlite3.Connection:
    """A stdlib connection for the search read path: autocommit, so every read sees the
    latest commit; ``query_only`` so it can never write; rows readable by column name."""
    connection = sqlite3.connect(
        path, check_same_thread=False, timeout=BUSY_TIMEOUT_S, isolation_level=None
    )
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    connection.execute("PRAGMA query_only = ON")
    return connection


def schema_version(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else row[0]


def connect_args() -> dict[str, Any]:
    """Driver arguments: one serialising executor may use a connection from another thread."""
    return {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}


def is_not_a_database_error(error: BaseException) -> bool:
    """True when SQLite says the file is not a database (or is damaged beyond opening)."""
    message = str(error).lower()
    return "file is not a database" in message or "database disk image is malformed" in message


def is_locked_error(error: BaseException) -> bool:
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


def is_read_only_error(error: BaseException) -> bool:
    """SQLite could not write the file or create its -wal/-shm (read-only file or medium)."""
    message = str(error).lower()
    return "readonly database" in message or "unable to open database file" in message


def probe(path: Path) -> None:
    """Read the header of an existing file through SQLite; raises
    :class:`sqlite3.DatabaseError` ("file is not a database") for anything else.

    Never read the database file with ordinary file I/O while this process may have a
    connection on it: closing that file drops every POSIX lock the process holds on the file,
    and SQLite in another process then deletes the -wal/-shm still in use here. SQLite's own
    connections share one lock table per file, so opening and closing one is safe.
    """
    connection = connect_existing(path, timeout=BUSY_TIMEOUT_S)
    try:
        connection.execute("PRAGMA schema_version").fetchone()  # the header, no schema parse
    finally:
        connection.close()


# --- backups and checks --------------------------------------------------------------------
#
# These take a DB-API connection (or a path, or, for the checks, a SQLAlchemy connection): the
# backup and check paths must work on files the ORM cannot open (damaged, older, a backup).

MAX_REPORTED = 20  # problems listed per check; a damaged file can produce thousands


def connect_existing(path: Path, *, timeout: float | None = None) -> sqlite3.Connection:
    """A read-write connection to an existing file; unlike ``sqlite3.connect`` it never creates
    an empty database where a file is missing (``mode=rw``). Autocommit, no pragmas set."""
    timeout = BUSY_TIMEOUT_S if timeout is None else timeout
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
