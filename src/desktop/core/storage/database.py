"""Opening, creating and describing a knowledge-base database.

Opening checks that the file is ours and not from a newer version before anything reads it,
upgrades an older one (:mod:`desktop.core.storage.migrations`), and turns driver errors into
:mod:`desktop.core.errors` a person can act on. A missing file is built from the seed aside and
moved into place whole. The engine factory, the schema version and the error translation live
in :mod:`desktop.core.storage.engine` and are re-exported here, where callers look for them.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    DatabaseUnreadableError,
)
from desktop.core.language.messages import message
from desktop.core.storage import files as db_files
from desktop.core.storage.backend import StorageBackend, backend_for, backend_of
from desktop.core.storage.engine import (
    SCHEMA_VERSION,
    SCHEMA_VERSION_SQL,
    check_version,
    driver_error,
    driver_errors_translated,
    make_engine,
    open_error,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

__all__ = [
    "SCHEMA_VERSION",
    "Database",
    "build_seeded_database",
    "content_digest",
    "create_schema",
    "driver_error",
    "driver_errors_translated",
    "make_engine",
    "open_reader",
]


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
            from desktop.core.storage import migrations  # loaded only when a file needs it

            engine.dispose()
            migrations.upgrade(path)
            engine = make_engine(path, immediate=immediate)
        return cls(path=path, engine=engine)

    @property
    def backend(self) -> StorageBackend:
        return backend_for(self.path)

    def session(self) -> Session:
        # SQLModel is imported on first use: searching needs only SQLAlchemy Core, and the
        # window shows its first results before paying for the ORM.
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error.

        It takes the write lock when it begins: a write waits (the busy timeout) while another
        process writes, where a transaction that read first would fail at once.
        """
        from sqlmodel import Session

        engine = self.backend.writer(self.engine)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
            session.flush()
            self.backend.catch_up_search_index(session.connection())

    def finish_search_index(self) -> bool:
        """Make what a bulk load left of the search index for later (the rank index of a large
        database: seconds); True when there was something. Meant for a background job once
        the bulk load committed, or the next start. Asked first with a plain read, so that
        the usual answer (nothing) takes no write lock — and a file on a read-only medium none
        at all."""
        with self.engine.connect() as connection:
            if not self.backend.search_index_behind(connection):
                return False
        with self.backend.writer(self.engine).begin() as connection:
            return self.backend.catch_up_search_index(connection, whole=True)

    def close(self) -> None:
        self.engine.dispose()


def open_reader(path: Path, *, create: bool = True, seed_dir: Path | None = None) -> Any:
    """A plain DB-API connection for searching, checked like :meth:`Database.open`.

    The window's first screen needs only search and browse; this path answers them without
    importing SQLAlchemy (a quarter of a second), which loads meanwhile for everything else.
    Wrap its use in :func:`driver_errors_translated` for errors a person can act on.
    """
    path = _prepare(Path(path).expanduser(), create=create, seed_dir=seed_dir)
    backend = backend_for(path)
    connection = backend.open_reader(path)
    try:
        version = connection.execute(SCHEMA_VERSION_SQL).fetchone()
    except Exception as error:
        connection.close()
        raise open_error(path, error) from error
    try:
        current = check_version(None if version is None else version[0], path)
    except BaseException:
        connection.close()
        raise
    if current < SCHEMA_VERSION:  # an older file: let the full path upgrade it, then read
        connection.close()
        Database.open(path, create=False).close()
        connection = backend.open_reader(path)
    return connection


def _prepare(path: Path, *, create: bool, seed_dir: Path | None) -> Path:
    """Make sure ``path`` is a database file we can write (building it from the seed if allowed).

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
        raise DatabaseUnreadableError(path, message("it is a folder"))
    if status.st_size == 0:
        raise DatabaseDamagedError(path, message("the file is empty (0 bytes)"))
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

    from desktop.core.kb import models, sync_tables
    from desktop.core.kb.identity import new_replica_id
    from desktop.core.storage import migrations

    backend = backend_of(engine)
    with engine.begin() as connection:
        SQLModel.metadata.create_all(connection)
        backend.install_search_index(connection)
        backend.install_sync(connection)
        connection.execute(
            models.Meta.__table__.insert(),
            [{"key": "schema_version", "value": str(SCHEMA_VERSION)}],
        )
        sync_tables.add_clock_row(connection, new_replica_id())
        migrations.stamp_head(connection)  # built from the models = the head revision's schema


def build_seeded_database(path: Path, *, seed_dir: Path | None = None) -> None:
    """Build a new database from the seed files next to ``path``, then move it into place.

    Building aside means a crash or a bad seed never leaves a half-filled file where the app
    looks for its data. The seed is one bulk load: the search index is built once at its end.
    Its rows are not changes of this laptop, and get the gids every laptop gives them.
    """
    from desktop.core import atomic_files
    from desktop.core.kb.identity import assign_natural_gids
    from desktop.core.kb.seed import load_seed
    from desktop.core.kb.sync_tables import changes_unrecorded

    building = path.with_name(path.name + ".building")
    _remove_database_files(building)
    backend = backend_for(building)
    engine = make_engine(building)
    try:
        create_schema(engine)
        with (
            engine.begin() as connection,
            backend.search_index_suspended(connection),
            changes_unrecorded(connection),
        ):
            load_seed(connection, seed_dir=seed_dir)
            assign_natural_gids(connection, every_row=True)
        with engine.connect() as connection:
            backend.checkpoint(connection)
    except BaseException:
        engine.dispose()
        _remove_database_files(building)
        raise
    engine.dispose()
    atomic_files.replace(building, path)
    _remove_database_files(building)


def content_digest(engine: Engine) -> str:
    """SHA-256 over every row of every table, in primary-key order.

    Two databases with the same digest hold the same knowledge base; tests use it to prove that
    a rejected import or a rebuild changed nothing.
    """
    return backend_of(engine).content_digest(engine)


def _check_header(path: Path) -> None:
    """Is it a database file at all? Asked through the driver, never with ``open()``: this
    process may already hold connections on the file (see
    :func:`desktop.core.storage.locking`)."""
    backend = backend_for(path)
    try:
        backend.probe(path)
    except backend.driver_errors as error:
        raise open_error(path, error) from error


def _check_schema_version(engine: Engine, path: Path) -> int:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as connection:
            version = connection.execute(text(SCHEMA_VERSION_SQL)).scalar_one_or_none()
    except DBAPIError as error:
        raise open_error(path, error.orig or error) from error
    return check_version(version, path)


def _remove_database_files(path: Path) -> None:
    for suffix in ("", *db_files.SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
