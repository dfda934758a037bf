"""Is the database file sound? Integrity, references and the search index, in plain sentences.

:func:`check` is the full check behind ``dossier-desk check``; :func:`quick_check` is cheap
enough for every start (the engine's quick check skips verifying index contents). Both work on
the path with the backend's plain connections, not the ORM, because they must report on files
the ORM cannot open; and they never write (the search-index check runs inside a transaction
that is rolled back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.storage import files as db_files
from desktop.core.storage.backend import StorageBackend, backend_for

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
    """Full check: page integrity, foreign keys and the full-text index."""
    return _run(Path(path), quick=False)


def quick_check(path: Path) -> Report:
    """Start-up check: the file is a database and the engine's quick check passes."""
    return _run(Path(path), quick=True)


def _run(path: Path, *, quick: bool) -> Report:
    backend = backend_for(path)
    unreadable = _unreadable(path, backend)
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
    damage = backend.integrity_problems(path, quick=quick)
    problems = [f"The file is damaged: {line}" for line in damage]
    if damage and not backend.can_read_schema(path):
        return Report(path, tuple(checks), tuple(problems))
    marker = _ours(path, backend)
    if marker:
        return Report(path, tuple(checks), (*problems, marker))
    if quick:
        return Report(path, tuple(checks), tuple(problems))
    checks.append(FOREIGN_KEYS)
    problems += _guarded(backend, FOREIGN_KEYS, lambda: backend.foreign_key_problems(path))
    if db_files.read_only_reason(path) is None:  # the index check may write (rolled back)
        checks.append(SEARCH_INDEX)
        problems += [
            f"Search index: {problem}."
            for problem in _guarded(
                backend, SEARCH_INDEX, lambda: backend.search_index_problems(path)
            )
        ]
    return Report(path, tuple(checks), tuple(problems))


_CANNOT_OPEN = "SQLite cannot open the file (or create its -wal/-shm beside it)."


def _unreadable(path: Path, backend: StorageBackend) -> str | None:
    """Why ``path`` cannot be checked at all, or None.

    Asked through ``stat`` and the driver, never by opening the file: the window checks its own
    database while it holds connections on it, and closing a plain file descriptor of it would
    drop those connections' POSIX locks (see :mod:`desktop.core.storage.locking`).
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
        backend.probe(path)
    except backend.driver_errors as error:
        if backend.is_locked_error(error):
            raise
        if backend.is_not_a_database_error(error):
            return "The file is not a database, or its first page is damaged."
        if backend.is_read_only_error(error):
            return _CANNOT_OPEN
        return f"The file cannot be read: {backend.driver_message(error)}."
    return None


def _ours(path: Path, backend: StorageBackend) -> str | None:
    """A sentence when the file is not a Dossier Desk database, else None."""
    try:
        connection = backend.connect_existing(path)
        try:
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        finally:
            connection.close()
    except backend.driver_errors as error:
        if backend.is_missing_table_error(error):
            return "The file holds no Dossier Desk data (it has no meta table)."
        return f"The schema version cannot be read: {error}."
    if row is None:
        return "The file's schema version is missing."
    return None


def _guarded(backend: StorageBackend, name: str, run: Callable[[], list[str]]) -> list[str]:
    """Run one check; a check that cannot run at all is itself a finding."""
    try:
        return list(run())
    except Exception as error:
        if backend.is_locked_error(error):
            raise
        return [f"The {name} check could not run: {backend.driver_message(error)}."]
