"""Is the database file sound? Integrity, references and the search index, in plain sentences.

:func:`check` is the full check behind ``dossier-desk check``; :func:`quick_check` is cheap
enough for every start (the engine's quick check skips verifying index contents). Both work on
the path with the backend's plain connections, not the ORM, because they must report on files
the ORM cannot open; and they never write (the search-index check runs inside a transaction
that is rolled back).

A finding is a :class:`~desktop.core.language.messages.Message` (the engine's own words inside
it stay as the engine wrote them): :meth:`Report.text` writes the report in English for the log
and ``--json``, in the reader's language for the window and the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.language.catalogues import SOURCE_LANGUAGE
from desktop.core.language.messages import Message, counted, message, said
from desktop.core.storage import files as db_files
from desktop.core.storage.backend import StorageBackend, backend_for

INTEGRITY, FOREIGN_KEYS, SEARCH_INDEX, QUICK = (
    "integrity",
    "foreign keys",
    "search index",
    "quick integrity",
)
# The checks as a person reads them (``Report.checks`` keeps the names above, for programs).
CHECK_NAMES = {
    INTEGRITY: message("integrity"),
    FOREIGN_KEYS: message("foreign keys"),
    SEARCH_INDEX: message("search index"),
    QUICK: message("quick integrity"),
}
Finding = Message | str  # a str: a finding made elsewhere, shown as it is


@dataclass(frozen=True)
class Report:
    """What was checked and what was found; ``ok`` when nothing was."""

    path: Path
    checks: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    # The file could not be checked because it cannot be written (read-only medium, folder):
    # nothing says it is damaged, so nobody should be told to restore a backup.
    read_only: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def problems(self) -> tuple[str, ...]:
        """The findings in English, for the log, ``--json`` and programs that match them."""
        return tuple(str(finding) for finding in self.findings)

    def text(self, language: str = SOURCE_LANGUAGE) -> str:
        """One line when sound; otherwise a line per problem: in English for the log, in the
        reader's ``language`` for the window and the command line."""
        names = [said(CHECK_NAMES.get(check, check), language) for check in self.checks]
        checked = ", ".join(names) or message("nothing").said(language)
        if self.ok:
            return message(
                "ok: {path} passed every check ({checks}).", path=self.path, checks=checked
            ).said(language)
        heading = counted(
            "{path} has {count} problem ({checks} checked):",
            "{path} has {count} problems ({checks} checked):",
            count=len(self.findings),
            path=self.path,
            checks=checked,
        )
        lines = [heading.said(language)]
        lines += [f"  - {said(finding, language)}" for finding in self.findings]
        return "\n".join(lines)

    def said(self, language: str) -> str:
        """The report for a person (what :func:`desktop.core.language.messages.said` asks)."""
        return self.text(language)


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
        reason = db_files.read_only_reason(path) if unreadable is _CANNOT_OPEN else None
        if reason is not None:
            sentence = message(
                "{path} cannot be checked where it is: {reason}. Copy the database to a "
                "writable folder and check the copy.",
                path=path,
                reason=reason,
            )
            return Report(path, (), (sentence,), read_only=True)
        return Report(path, (), (unreadable,))
    checks = [QUICK if quick else INTEGRITY]
    damage = backend.integrity_problems(path, quick=quick)  # the engine's own words
    problems: list[Finding] = [
        message("The file is damaged: {detail}", detail=line) for line in damage
    ]
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
            message("Search index: {problem}.", problem=problem)
            for problem in _guarded(
                backend, SEARCH_INDEX, lambda: backend.search_index_problems(path)
            )
        ]
    return Report(path, tuple(checks), tuple(problems))


_CANNOT_OPEN = message("SQLite cannot open the file (or create its -wal/-shm beside it).")


def _unreadable(path: Path, backend: StorageBackend) -> Message | None:
    """Why ``path`` cannot be checked at all, or None.

    Asked through ``stat`` and the driver, never by opening the file: the window checks its own
    database while it holds connections on it, and closing a plain file descriptor of it would
    drop those connections' POSIX locks (see :mod:`desktop.core.storage.locking`).
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return message("There is no database at {path}.", path=path)
    except OSError as error:
        return message("The file cannot be read: {error}.", error=error.strerror or str(error))
    if path.is_dir():
        return message("It is a folder, not a database file.")
    if size == 0:
        return message("The file is empty (0 bytes): it is not a database.")
    try:
        backend.probe(path)
    except backend.driver_errors as error:
        if backend.is_locked_error(error):
            raise
        if backend.is_not_a_database_error(error):
            return message("The file is not a database, or its first page is damaged.")
        if backend.is_read_only_error(error):
            return _CANNOT_OPEN
        return message("The file cannot be read: {error}.", error=backend.driver_message(error))
    return None


def _ours(path: Path, backend: StorageBackend) -> Message | None:
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
            return message("The file holds no Dossier Desk data (it has no meta table).")
        return message("The schema version cannot be read: {error}.", error=str(error))
    if row is None:
        return message("The file's schema version is missing.")
    return None


def _guarded(
    backend: StorageBackend, name: str, run: Callable[[], Sequence[Finding]]
) -> list[Finding]:
    """Run one check; a check that cannot run at all is itself a finding."""
    try:
        return list(run())
    except Exception as error:
        if backend.is_locked_error(error):
            raise
        return [
            message(
                "The {check} check could not run: {error}.",
                check=CHECK_NAMES.get(name, name),
                error=backend.driver_message(error),
            )
        ]
