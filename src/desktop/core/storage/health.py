"""Is the database file sound? Integrity, references and the search index, in plain sentences.

:func:`check` is the full check behind ``dossier-desk check``; :func:`quick_check` is cheap
enough for every start (SQLite's ``quick_check`` skips verifying index contents). Both work on
the path with plain ``sqlite3`` connections, not the ORM, because they must report on files the
ORM cannot open; and they never write (the search-index check runs inside a transaction that
is rolled back).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.storage import files as db_files
from desktop.core.storage.sqlite import connection as sqlite_backend
from desktop.core.storage.sqlite import search_index as sqlite_search

INTEGRITY, FOREIGN_KEYS, SEARCH_INDEX, QUICK = (
    "integrity",
    "foreign keys",
    "search index",
    "quick integrity",
)


@dataclass(frozen=True)
class Report:
    """What was checked and what was found; ``ok`` when nothing was."""

    path: Path
    checks: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)
    # The file could not be checked because it cannot be written (read-only medium, folder):
    # nothing says it is damaged, so nobody should be told to restore a backup.
    read_only: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        """One line when sound; otherwise a line per problem, for the CLI and the log."""
        checked = ", ".join(self.checks) or "nothing"
        if self.ok:
            return f"ok: {self.path} passed every check ({checked})."
        count = len(self.problems)
        lines = [f"{self.path} has {count} problem{'s' if count != 1 else ''} ({checked} checked):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def check(path: Path) -> Report:
    """Full check: ``integrity_check``, ``foreign_key_check`` and the FTS5 index check."""
    return _run(Path(path), quick=False)


def quick_check(path: Path) -> Report:
    """Start-up check: the file is a database and SQLite's ``quick_check`` passes."""
    return _run(Path(path), quick=True)


def _run(path: Path, *, quick: bool) -> Report:
    unreadable = _unreadable(path)
    if unreadable:
        reason = db_files.read_only_reason(path) if unreadable == _CANNOT_OPEN else None
        if reason is not None:
            sentence = (
                f"{path} cannot be checked where it is: {reason}. Copy the database to a "
                "writable folder and check the copy."
            )
            return Report(path, (), (sentence,), read_only=True)
        return Report(path, (), (unreadable,))
    checks = [QUICK if quick else INTEGRITY]
    damage = sqlite_backend.integrity_problems(path, quick=quick)
    problems = [f"The file is damaged: {line}" for line in damage]
    if damage and not _can_read_schema(path):
        return Report(path, tuple(checks), tuple(problems))
    marker = _ours(path)
    if marker:
        return Report(path, tuple(checks), (*problems, marker))
    if quick:
        return Report(path, tuple(checks), tuple(problems))
    checks.append(FOREIGN_KEYS)
    problems += _guarded(FOREIGN_KEYS, lambda: sqlite_backend.foreign_key_problems(path))
    if db_files.read_only_reason(path) is None:  # FTS5 spells its check as a write
        checks.append(SEARCH_INDEX)
        problems += [
            f"Search index: {problem}."
            for problem in _guarded(SEARCH_INDEX, lambda: _search_index_problems(path))
        ]
    return Report(path, tuple(checks), tuple(problems))


_CANNOT_OPEN = "SQLite cannot open the file (or create its -wal/-shm beside it)."


def _unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be checked at all, or None.

    Asked through ``stat`` and SQLite, never by opening the file: the window checks its own
    database while it holds connections on it, and closing a plain file descriptor of it would
    drop those connections' POSIX locks (see :func:`sqlite_backend.probe`).
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return f"There is no database at {path}."
    except OSError as error:
        return f"The file cannot be read: {error.strerror or error}."
    if path.is_dir():
        return "It is a folder, not a database file."
    if size == 0:
        return "The file is empty (0 bytes): it is not a database."
    try:
        sqlite_backend.probe(path)
    except sqlite3.Error as error:
        if sqlite_backend.is_locked_error(error):
            raise
        if sqlite_backend.is_not_a_database_error(error):
            return "The file is not a database, or its first page is damaged."
        if sqlite_backend.is_read_only_error(error):
            return _CANNOT_OPEN
        return f"The file cannot be read: {sqlite_backend.driver_message(error)}."
    return None


def _can_read_schema(path: Path) -> bool:
    try:
        connection = sqlite_backend.connect_existing(path)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


def _ours(path: Path) -> str | None:
    """A sentence when the file is not a Dossier Desk database, else None."""
    try:
        connection = sqlite_backend.connect_existing(path)
        try:
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if "no such table" in str(error):
            return "The file holds no Dossier Desk data (it has no meta table)."
        return f"The schema version cannot be read: {error}."
    if row is None:
        return "The file's schema version is missing."
    return None


def _guarded(name: str, run: Callable[[], list[str]]) -> list[str]:
    """Run one check; a check that cannot run at all is itself a finding."""
    try:
        return list(run())
    except Exception as error:
        if sqlite_backend.is_locked_error(error):
            raise
        return [f"The {name} check could not run: {sqlite_backend.driver_message(error)}."]


def _search_index_problems(path: Path) -> list[str]:
    """:func:`sqlite_search.search_index_problems` over one plain connection, rolled back.

    FTS5's integrity check is spelled as an INSERT, so the connection must be writable; the
    surrounding transaction is rolled back, so the check writes nothing.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    raw = sqlite_backend.connect_existing(path)
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
    try:
        raw.execute("BEGIN")
        with engine.connect() as connection:
            return sqlite_search.search_index_problems(connection)
    finally:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        engine.dispose()
        raw.close()
