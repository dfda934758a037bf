"""SQLite connections: pragmas, explicit transactions, the read path and what errors mean.

Every engine gets the same set-up in one connect listener (WAL, foreign keys, a busy timeout);
the window's search reads through a plain ``sqlite3`` connection that is ready before
SQLAlchemy has loaded; the checks and backups open existing files without ever creating one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection, Engine

BUSY_TIMEOUT_S = 5.0  # how long a connection waits for another's write lock before giving up
# Execution option: transactions on such a connection begin IMMEDIATE (take the write lock
# first). A deferred transaction that reads and then writes cannot wait for the lock (SQLite
# returns "database is locked" at once to avoid a deadlock), so writers begin IMMEDIATE.
IMMEDIATE = "dossier_desk_begin_immediate"


# --- engines -------------------------------------------------------------------------------


def url_of(target: Path | str) -> str:
    """The SQLAlchemy URL for a file path, or the URL itself."""
    return str(target) if "://" in str(target) else f"sqlite:///{Path(target)}"


def database_file(target: Path | str) -> Path | None:
    """The file a path or ``sqlite://`` URL names; None for an in-memory database."""
    if "://" not in str(target):
        return Path(target)
    from sqlalchemy.engine import make_url

    database = make_url(str(target)).database
    return Path(database) if database and database != ":memory:" else None


def create_engine(
    target: Path | str,
    *,
    immediate: bool = False,
    translate: Callable[[BaseException], BaseException | None] | None = None,
) -> Engine:
    """An engine on the file (or URL) with :func:`configure_engine`'s set-up."""
    from sqlalchemy import create_engine

    engine = create_engine(url_of(target), connect_args=connect_args())
    configure_engine(engine, immediate=immediate, translate=translate)
    return engine


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


def writer(engine: Engine) -> Engine:
    """``engine`` whose transactions begin IMMEDIATE (see :data:`IMMEDIATE`)."""
    return engine.execution_options(**{IMMEDIATE: True})


def connect_args() -> dict[str, Any]:
    """Driver arguments: one serialising executor may use a connection from another thread."""
    return {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}


def checkpoint(connection: Connection) -> None:
    """Fold the write-ahead log into the main file, so the file alone is the whole database."""
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def configure_for_migration(engine: Engine) -> None:
    """Every new connection of ``engine`` gets :func:`prepare_migration_connection`. Listeners
    run in order, so this one runs after :func:`configure_engine`'s and wins."""
    from sqlalchemy import event

    event.listen(engine, "connect", lambda dbapi, _record: prepare_migration_connection(dbapi))


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


# --- plain connections ---------------------------------------------------------------------
#
# The read path and the checks use ``sqlite3`` directly: the window must not wait for
# SQLAlchemy, and the checks must work on files the ORM cannot open (damaged, older, a backup).


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


# --- what an error means -------------------------------------------------------------------


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


def is_missing_table_error(error: BaseException) -> bool:
    return "no such table" in str(error)


def driver_message(error: BaseException) -> str:
    """SQLite's own words for an error, without SQLAlchemy's wrapping and SQL echo."""
    original = getattr(error, "orig", None) or error
    return str(original).strip() or type(original).__name__
