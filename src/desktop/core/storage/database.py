"""Opening, creating and describing a knowledge-base database.

The engine comes from :func:`make_engine` (a path or a URL), never at import time, so the CLI,
the window and each test point it wherever they like. Opening checks that the file is ours and
not from a newer version before anything reads it, and turns driver errors into
:mod:`desktop.core.errors` a person can act on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    DatabaseUnreadableError,
    DossierError,
    NewerSchemaError,
)
from desktop.core.storage import files as db_files
from desktop.core.storage import locking
from desktop.core.storage.sqlite import connection as sqlite_backend
from desktop.core.storage.sqlite import search_index as sqlite_search

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

# 1: knowledge base. 2: prospects, briefs, the sent register, fact topics.
# 3: audit journal, fact.verified_by.
SCHEMA_VERSION = 3


def make_engine(target: Path | str, *, immediate: bool = False) -> Engine:
    """An engine for a file path or a SQLAlchemy URL (``sqlite:///…``, later ``postgresql://…``).

    ``immediate``: every transaction takes the write lock first (a command that writes), so it
    waits for another writer instead of failing half-way. Driver errors that mean damage, a busy
    lock or a read-only medium are raised as :mod:`desktop.core.errors`, wherever they happen.
    """
    from sqlalchemy import create_engine

    url = str(target) if "://" in str(target) else f"sqlite:///{Path(target)}"
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args=sqlite_backend.connect_args())
        file = engine.url.database
        sqlite_backend.configure_engine(
            engine,
            immediate=immediate,
            translate=(lambda error: driver_error(Path(file), error)) if file else None,
        )
        return engine
    return create_engine(url)


@dataclass
class Database:
    """An open knowledge base: its location and engine."""

    path: Path
    engine: Engine

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        create: bool = True,
        seed_dir: Path | None = None,
        immediate: bool = False,
    ) -> Database:
        """Open ``path``; when it does not exist and ``create`` is set, build it from the seed.

        Raises a :class:`~desktop.core.errors.DatabaseError` subclass for anything a person
        must fix (missing folder, not our file, damaged, read-only, newer schema, locked).
        ``immediate`` is for commands that write (see :func:`make_engine`).
        """
        path = _prepare(Path(path).expanduser(), create=create, seed_dir=seed_dir)
        engine = make_engine(path, immediate=immediate)
        try:
            version = _check_schema_version(engine, path)
        except BaseException:
            engine.dispose()
            raise
        if version < SCHEMA_VERSION:  # back up, migrate with foreign keys off, check, reopen
            from desktop.core.storage import migrations

            engine.dispose()
            migrations.upgrade(path)
            engine = make_engine(path, immediate=immediate)
        return cls(path=path, engine=engine)

    def session(self) -> Session:
        # SQLModel is imported on first use: searching needs only SQLAlchemy Core, and the
        # window shows its first results before paying for the ORM.
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error.

        It begins IMMEDIATE: a write waits (the busy timeout) while another process writes,
        where a deferred transaction that read first would fail at once.
        """
        from sqlmodel import Session

        engine = self.engine.execution_options(**{sqlite_backend.IMMEDIATE: True})
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_reader(path: Path, *, create: bool = True, seed_dir: Path | None = None) -> Any:
    """A plain DB-API connection for searching, checked like :meth:`Database.open`.

    The window's first screen needs only search and browse; this path answers them without
    importing SQLAlchemy (a quarter of a second), which loads meanwhile for everything else.
    """
    path = _prepare(Path(path).expanduser(), create=create, seed_dir=seed_dir)
    connection = sqlite_backend.open_reader(path)
    try:
        version = sqlite_backend.schema_version(connection)
    except Exception as error:
        connection.close()
        raise _open_error(path, error) from error
    try:
        current = _check_version(version, path)
    except BaseException:
        connection.close()
        raise
    if current < SCHEMA_VERSION:  # an older file: let the full path upgrade it, then read
        connection.close()
        Database.open(path, create=False).close()
        connection = sqlite_backend.open_reader(path)
    return connection


def _prepare(path: Path, *, create: bool, seed_dir: Path | None) -> Path:
    """Make sure ``path`` is an SQLite file we can write (building it from the seed if allowed).

    Only a *missing* file is built from the seed: an empty or unreadable one is damaged, and
    replacing it would hide the backup that could bring its data back.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise DatabaseUnreadableError(path, error.strerror or str(error)) from error
    if status is None:
        if not create or not path.parent.is_dir():
            raise DatabaseMissingError(path)
        _check_writable(path)
        build_seeded_database(path, seed_dir=seed_dir)
        return path
    if stat.S_ISDIR(status.st_mode):
        raise DatabaseUnreadableError(path, "it is a folder")
    if status.st_size == 0:
        raise DatabaseDamagedError(path, "the file is empty (0 bytes)")
    _check_writable(path)
    _check_header(path)
    return path


def _check_writable(path: Path) -> None:
    reason = db_files.read_only_reason(path)
    if reason is not None:
        raise DatabaseReadOnlyError(path, reason)


def create_schema(engine: Engine) -> None:
    """Create every table, the search index and the version stamps in one transaction."""
    from sqlmodel import SQLModel

    from desktop.core.kb import models

    with engine.begin() as connection:
        SQLModel.metadata.create_all(connection)
        sqlite_search.install_search_index(connection)
        connection.execute(
            models.Meta.__table__.insert(),
            [{"key": "schema_version", "value": str(SCHEMA_VERSION)}],
        )
        from desktop.core.storage.migrations import stamp_head

        stamp_head(connection)  # built from the models = the head revision's schema


def build_seeded_database(path: Path, *, seed_dir: Path | None = None) -> None:
    """Build a new database from the seed files next to ``path``, then move it into place.

    Building aside means a crash or a bad seed never leaves a half-filled file where the app
    looks for its data.
    """
    from desktop.core.kb.seed import load_seed

    building = path.with_name(path.name + ".building")
    _remove_database_files(building)
    engine = make_engine(building)
    try:
        create_schema(engine)
        load_seed(engine, seed_dir=seed_dir)
        with engine.connect() as connection:
            sqlite_backend.checkpoint(connection)
    except BaseException:
        engine.dispose()
        _remove_database_files(building)
        raise
    engine.dispose()
    os.replace(building, path)
    _remove_database_files(building)


def content_digest(engine: Engine) -> str:
    """SHA-256 over every row of every table, in primary-key order.

    Two databases with the same digest hold the same knowledge base; tests use it to prove that
    a rejected import or a rebuild changed nothing.
    """
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from desktop.core.kb import models  # noqa: F401  (registers the tables)

    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in sorted(SQLModel.metadata.sorted_tables, key=lambda t: t.name):
            digest.update(table.name.encode())
            ordering = list(table.primary_key.columns) or list(table.columns)
            for row in connection.execute(select(table).order_by(*ordering)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _check_header(path: Path) -> None:
    """Is it an SQLite file at all? Asked through SQLite, never with ``open()``: this process
    may already hold connections on the file (see :func:`sqlite_backend.probe`)."""
    try:
        sqlite_backend.probe(path)
    except sqlite3.Error as error:
        raise _open_error(path, error) from error


def _check_schema_version(engine: Engine, path: Path) -> int:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as connection:
            version = connection.execute(
                text("SELECT value FROM meta WHERE key = 'schema_version'")
            ).scalar_one_or_none()
    except DBAPIError as error:
        raise _open_error(path, error.orig or error) from error
    return _check_version(version, path)


def _check_version(version: object, path: Path) -> int:
    if version is None or not str(version).isdigit():
        raise DatabaseUnreadableError(path, "its schema version is missing")
    if int(str(version)) > SCHEMA_VERSION:
        raise NewerSchemaError(path, int(str(version)), SCHEMA_VERSION)
    return int(str(version))


def _open_error(path: Path, error: BaseException) -> DatabaseError:
    """The user-facing error for a driver error raised while opening ``path``."""
    translated = driver_error(path, error)
    if isinstance(translated, DatabaseLockedError | DatabaseReadOnlyError):
        return translated
    if "no such table" in str(error):
        return DatabaseUnreadableError(path, "it holds no Dossier Desk data")
    if sqlite_backend.is_not_a_database_error(error):
        return DatabaseUnreadableError(path, "the file is not a database or is damaged")
    return DatabaseUnreadableError(path, str(error).strip() or type(error).__name__)


def driver_error(path: Path, error: BaseException) -> DossierError | None:
    """The error to raise instead of a driver error found at any read or write of ``path``;
    None for errors that are bugs (bad SQL) and keep their traceback.

    Damage inside pages passes the quick check at start and shows only when a query reaches
    it; a busy lock shows only when a write waits too long; both must say what to do.
    """
    original = getattr(error, "orig", None) or error
    if sqlite_backend.is_locked_error(original):
        return DatabaseLockedError(path, locking.describe_holder(path))
    if sqlite_backend.is_not_a_database_error(original):
        return DatabaseDamagedError(path, f"SQLite says: {sqlite_backend.driver_message(original)}")
    if sqlite_backend.is_read_only_error(original):
        reason = db_files.read_only_reason(path)
        if reason is not None:
            return DatabaseReadOnlyError(path, reason)
    return None


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
