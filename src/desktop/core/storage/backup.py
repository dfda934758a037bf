"""Backups of the knowledge base: take them, and tell whether anything changed since the last.

The data is the product, so a backup must be a real, readable database:

* it is made with the backend's backup (a file copy of an open database can miss everything
  still in its write-ahead log), into a ``.partial`` file that becomes the backup only after
  the engine's integrity check passed; a bad copy is deleted and reported, so a damaged
  database never pushes good backups out of the rotation;
* its content digest (computed on the copy itself) is stored beside it, so
  :func:`backup_if_changed` can tell whether anything changed with one read of the live
  database. We compare digests rather than a change counter because the engine keeps none that
  survives its write-ahead log, and a digest ignores what is not content (checkpoints, index
  rebuilds, VACUUM). It costs one read of the tables, the same order as the backup it may save;
* a restore (:mod:`desktop.core.storage.restore`) never overwrites the current file without
  keeping it.

Names, listing and rotation are in :mod:`desktop.core.storage.backup_files`; this module
re-exports them, and the restore functions, as the one place callers look for backups.
"""

from __future__ import annotations

import errno
import re
from datetime import datetime
from pathlib import Path

from desktop.core import atomic_files
from desktop.core.errors import DatabaseInUseError, DatabaseLockedError
from desktop.core.storage import files as db_files
from desktop.core.storage import locking
from desktop.core.storage.backend import backend_for
from desktop.core.storage.backup_files import (
    DIGEST_SUFFIX,
    STAMP,
    SUFFIX,
    BackupError,
    BackupInfo,
    Retention,
    backups_to_keep,
    clean_reason,
    default_folder,
    digest_path,
    free_name,
    list_backups,
    remove_with_side_files,
    rotate,
)
from desktop.core.storage.restore import (
    RestoreResult,
    check_backup,
    latest_good_backup,
    restore,
)

__all__ = [
    "DIGEST_SUFFIX",
    "STAMP",
    "SUFFIX",
    "BackupError",
    "BackupInfo",
    "DatabaseInUseError",  # re-exported: what a restore raises when the file is open
    "RestoreResult",
    "Retention",
    "backup",
    "backup_if_changed",
    "backups_to_keep",
    "check_backup",
    "default_folder",
    "digest_of",
    "latest_good_backup",
    "list_backups",
    "recorded_digest",
    "restore",
    "rotate",
]


def backup(
    db_path: Path,
    *,
    reason: str | None = None,
    folder: Path | None = None,
    out: Path | None = None,
    retention: Retention | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Back up ``db_path`` into the backups folder (then rotate it), or into the new file ``out``.

    Raises :class:`BackupError` when the database cannot be read or the copy fails its check;
    nothing is left behind then.
    """
    db_path, now = Path(db_path), now or datetime.now()
    if not db_path.is_file():
        raise BackupError("No database at {path} to back up.", path=db_path)
    if out is not None:
        target = Path(out)
        if target.exists():
            raise BackupError("{path} already exists. Choose another file name.", path=target)
        if not target.parent.is_dir():
            raise BackupError("The folder {folder} does not exist.", folder=target.parent)
    else:
        folder = Path(folder) if folder else default_folder(db_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _folder_error(folder, error) from error
        target = free_name(folder, db_path.stem, now, clean_reason(reason))
    with locking.announce_writer(db_path, "dossier-desk backup"):
        info = _backup_into(db_path, target, reason, now)
    if out is None:
        rotate(db_path, folder=target.parent, retention=retention, now=now)
    return info


def _backup_into(db_path: Path, target: Path, reason: str | None, now: datetime) -> BackupInfo:
    backend = backend_for(db_path)
    partial = target.with_name(target.name + db_files.BACKUP_PARTIAL_SUFFIX)
    remove_with_side_files(partial)
    try:
        backend.backup_to(db_path, partial)
        problems = backend.integrity_problems(partial)
        if problems:
            raise BackupError(
                "The backup of {path} failed its integrity check and was deleted "
                "({problem}). The database is probably damaged: run 'dossier-desk check'.",
                path=db_path,
                problem=problems[0],
            )
        digest = recorded_digest(partial)  # None for a file of an older schema: no sidecar
        atomic_files.replace(partial, target)
    except backend.driver_errors as error:
        remove_with_side_files(partial)
        if backend.is_locked_error(error):
            raise DatabaseLockedError(db_path, locking.describe_holder(db_path)) from error
        if backend.is_read_only_error(error) and db_files.read_only_reason(partial):
            raise _folder_error(partial.parent, OSError(errno.EROFS, "read-only")) from error
        if backend.is_not_a_database_error(error):
            raise BackupError(
                "{path} is damaged ({error}); no backup was made. Run 'dossier-desk check'.",
                path=db_path,
                error=str(error),
            ) from error
        raise BackupError(
            "Could not back up {path}: {error}.", path=db_path, error=str(error)
        ) from error
    except OSError as error:
        remove_with_side_files(partial)
        raise _folder_error(partial.parent, error) from error
    except BaseException:
        remove_with_side_files(partial)
        raise
    if digest is not None:
        atomic_files.write_bytes(digest_path(target), (digest + "\n").encode("ascii"))
    return BackupInfo(target, now.replace(microsecond=0), clean_reason(reason))


def _folder_error(folder: Path, error: OSError) -> BackupError:
    """A backup folder that cannot be written: say so, and where a backup could go instead."""
    if db_files.is_read_only_error(error):
        return BackupError(
            "Cannot write the backup into {folder}: the folder or its medium is read-only. "
            "Back up to a writable folder with 'dossier-desk backup --out FILE', or copy the "
            "database to a writable folder.",
            folder=folder,
        )
    return BackupError(
        "Cannot write the backup into {folder}: {error}.",
        folder=folder,
        error=error.strerror or str(error),
    )


def backup_if_changed(
    db_path: Path,
    reason: str | None = None,
    *,
    folder: Path | None = None,
    retention: Retention | None = None,
    now: datetime | None = None,
) -> BackupInfo | None:
    """A backup when the content differs from the latest backup's; None when it does not."""
    backups = list_backups(db_path, folder=folder)
    if backups:
        recorded = recorded_digest(backups[0].path)
        if recorded is not None and recorded == digest_of(Path(db_path)):
            return None
    return backup(db_path, reason=reason, folder=folder, retention=retention, now=now)


def written_since_newest_backup(db_path: Path, *, folder: Path | None = None) -> bool:
    """Whether the database or one of its side files was written after the newest backup.

    When not, nothing can have changed, and the digest (a read of every row) is not needed.
    """
    backups = list_backups(db_path, folder=folder)
    if not backups:
        return True
    newest = backups[0].path.stat().st_mtime
    files = (Path(db_path), *(Path(f"{db_path}{side}") for side in db_files.WRITTEN_SIDE_FILES))
    written = [path.stat().st_mtime for path in files if path.exists()]
    return max(written, default=newest + 1) > newest


def digest_of(path: Path) -> str:
    """The content digest of a file, read in one consistent snapshot without the set-up our
    usual engine does, so reading a backup never changes it."""
    return backend_for(path).file_digest(Path(path))


def recorded_digest(backup_path: Path) -> str | None:
    """The digest stored beside a backup, else computed from it; None when it cannot be read
    (for example a backup from an older schema): the caller then assumes a change."""
    try:
        text = digest_path(backup_path).read_text(encoding="ascii").strip()
    except OSError:
        text = ""
    if re.fullmatch(r"[0-9a-f]{64}", text):
        return text
    try:
        return digest_of(backup_path)
    except Exception:
        return None
