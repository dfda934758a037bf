"""The engine factory, the schema version this program writes, and what driver errors mean.

The engine comes from :func:`make_engine` (a path or a URL), never at import time, so the CLI,
the window and each test point it wherever they like; the backend for the target sets up its
connections. Wherever a driver error surfaces — at opening, at any read, in the window's plain
reader — :func:`driver_error` turns the ones a person can act on (damage, a busy lock, a
read-only medium) into :mod:`desktop.core.errors`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnreadableError,
    DossierError,
    NewerSchemaError,
)
from desktop.core.language.messages import message
from desktop.core.storage import files as db_files
from desktop.core.storage import locking
from desktop.core.storage.backend import backend_for

if TYPE_CHECKING:
    from sqlalchemy import Engine

# 1: knowledge base. 2: prospects, briefs, the sent register, fact topics.
# 3: audit journal, fact.verified_by. 4: global ids, the team's changes.
# 5: the consultant's choices on suggestions (local).
# 6: texts in other languages with their records, sector labels in every language.
SCHEMA_VERSION = 6
SCHEMA_VERSION_SQL = "SELECT value FROM meta WHERE key = 'schema_version'"


def make_engine(target: Path | str, *, immediate: bool = False) -> Engine:
    """An engine for a file path or a SQLAlchemy URL.

    ``immediate``: every transaction takes the write lock first (a command that writes), so it
    waits for another writer instead of failing half-way. Driver errors that mean damage, a busy
    lock or a read-only medium are raised as :mod:`desktop.core.errors`, wherever they happen.
    """
    backend = backend_for(target)
    file = backend.database_file(target)
    translate = (lambda error: driver_error(file, error)) if file else None
    return backend.create_engine(target, immediate=immediate, translate=translate)


def check_version(version: object, path: Path) -> int:
    """The schema version read from ``path`` as a number; raises when it is missing or newer
    than this program understands."""
    if version is None or not str(version).isdigit():
        raise DatabaseUnreadableError(path, message("its schema version is missing"))
    if int(str(version)) > SCHEMA_VERSION:
        raise NewerSchemaError(path, int(str(version)), SCHEMA_VERSION)
    return int(str(version))


def driver_error(path: Path, error: BaseException) -> DossierError | None:
    """The error to raise instead of a driver error found at any read or write of ``path``;
    None for errors that are bugs (bad SQL) and keep their traceback.

    Damage inside pages passes the quick check at start and shows only when a query reaches
    it; a busy lock shows only when a write waits too long; both must say what to do.
    """
    backend = backend_for(path)
    original = getattr(error, "orig", None) or error
    if backend.is_locked_error(original):
        return DatabaseLockedError(path, locking.describe_holder(path))
    if backend.is_not_a_database_error(original):
        return DatabaseDamagedError(
            path, message("SQLite says: {detail}", detail=backend.driver_message(original))
        )
    if backend.is_read_only_error(original):
        reason = db_files.read_only_reason(path)
        if reason is not None:
            return DatabaseReadOnlyError(path, reason)
    return None


@contextlib.contextmanager
def driver_errors_translated(path: Path) -> Iterator[None]:
    """Raise :func:`driver_error`'s error instead of a driver error from the block: for plain
    DB-API connections (the window's reader), which have no engine to translate for them."""
    backend = backend_for(path)
    try:
        yield
    except backend.driver_errors as error:
        translated = driver_error(path, error)
        if translated is None:
            raise
        raise translated from error


def open_error(path: Path, error: BaseException) -> DatabaseError:
    """The user-facing error for a driver error raised while opening ``path``."""
    backend = backend_for(path)
    translated = driver_error(path, error)
    if isinstance(translated, DatabaseLockedError | DatabaseReadOnlyError):
        return translated
    if backend.is_missing_table_error(error):
        return DatabaseUnreadableError(path, message("it holds no Dossier Desk data"))
    if backend.is_not_a_database_error(error):
        return DatabaseUnreadableError(path, message("the file is not a database or is damaged"))
    return DatabaseUnreadableError(path, str(error).strip() or type(error).__name__)
