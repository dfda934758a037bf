"""Backups, restore and checks of the database file, the same for the window and the CLI.

These work on the *file*, not through an open store: a check reads it with connections of its
own (so it can report on a file the ORM would trip over), a backup copies it while others keep
reading, and a restore replaces it — the caller closes its own connections first. Hence they
take the database's path.

The rules live here once: how many backups to keep (``keep``: the newest N, 10 by default, plus
daily and weekly ones), when an automatic backup is worth taking, and that an undo by restore
is refused when the data moved on since.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import DossierError
from desktop.core.storage import backup, health
from desktop.core.storage.backup import BackupInfo, RestoreResult
from desktop.core.storage.health import Report

if TYPE_CHECKING:
    from desktop.app.store import Store


class ChangedSinceError(DossierError):
    """The data moved on after the state a restore would replace; restoring would lose that."""


@dataclass(frozen=True)
class Restored:
    """A restore, with the content digest right after it (what a later undo compares)."""

    result: RestoreResult
    digest: str


def back_up(
    db_path: Path, *, reason: str, out: Path | None = None, keep: int | None = None
) -> BackupInfo:
    """A checked copy into the backups folder (rotated to ``keep``), or into the new file
    ``out``; BackupError, with nothing left behind, when the copy fails its check."""
    return backup.backup(db_path, reason=reason, out=out, retention=_retention(keep))


def back_up_if_changed(db_path: Path, *, reason: str, keep: int | None = None) -> BackupInfo | None:
    """A backup when the data changed since the newest one; None when it did not.

    Comparing content digests reads every row (seconds on a large database), and most starts
    and half-hours change nothing: when neither the file nor its write-ahead log was written
    since the newest backup, the answer is no at once.
    """
    if not backup.written_since_newest_backup(db_path):
        return None
    return backup.backup_if_changed(db_path, reason, retention=_retention(keep))


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of this database, newest first."""
    return backup.list_backups(db_path)


def backups_folder(db_path: Path) -> Path:
    return backup.default_folder(db_path)


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes its integrity check (offered when the file is damaged)."""
    return backup.latest_good_backup(db_path)


def restore(db_path: Path, *, source: Path) -> RestoreResult:
    """Replace the database with the backup ``source``; the current file is kept aside.

    Nothing may hold the database open meanwhile: the window runs this with its database
    closed, the CLI closes its own first.
    """
    return backup.restore(db_path, source)


def restore_if_unchanged(db_path: Path, *, source: Path, expected: str | None) -> Restored:
    """Restore ``source`` only while the content is still ``expected`` (the digest taken right
    after the step being undone); ChangedSinceError otherwise, with nothing touched."""
    if expected is not None and backup.digest_of(db_path) != expected:
        raise ChangedSinceError("{name} changed since; nothing was restored.", name=db_path.name)
    result = backup.restore(db_path, source)
    return Restored(result, backup.digest_of(db_path))


def check(db_path: Path) -> Report:
    """The full check: page integrity, foreign keys and the search index."""
    return health.check(db_path)


def quick_check(db_path: Path) -> Report:
    """The start-up check: the file is a database and passes the engine's quick check."""
    return health.quick_check(db_path)


def finish_search_index(store: Store) -> bool:
    """Make what a bulk load (an import, a sync) left of the search index for later: the
    rank index of a large database, seconds of work that would otherwise have held up the
    import. True when there was something to do; cheap when not."""
    return store.database.finish_search_index()


def _retention(keep: int | None) -> backup.Retention | None:
    return backup.Retention(last=keep) if keep else None
