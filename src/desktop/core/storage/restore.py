"""Restoring a backup: check it, copy it aside, and only then swap it in, keeping the old file.

A restore never overwrites the current file without keeping it: it is moved aside (with its
-wal/-shm) to ``<name>.before-restore-<timestamp>``. Nothing may have the database open
meanwhile — another window, a command, a schema update — or it would go on writing into a
file that is no longer there.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core import atomic_files
from desktop.core.errors import DatabaseInUseError
from desktop.core.language.messages import message
from desktop.core.storage import files as db_files
from desktop.core.storage import health, locking
from desktop.core.storage.backend import backend_for
from desktop.core.storage.backup_files import (
    STAMP,
    BackupError,
    BackupInfo,
    list_backups,
    remove_with_side_files,
)
from desktop.core.storage.engine import SCHEMA_VERSION, SCHEMA_VERSION_SQL


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the database path, now holding the backup's content
    source: Path  # the backup it came from
    previous: Path | None  # where the replaced file was kept; None when there was none


def check_backup(path: Path) -> int:
    """Raise :class:`BackupError` unless ``path`` passes every health check and is a Dossier
    Desk database this version can open; returns its schema version."""
    report = health.check(Path(path))
    if not report.ok:
        raise BackupError(
            "{path} cannot be restored: {problem}", path=path, problem=report.findings[0]
        )
    connection = backend_for(path).connect_existing(Path(path))
    try:
        row = connection.execute(SCHEMA_VERSION_SQL).fetchone()
    finally:
        connection.close()
    version = int((row[0] if row else None) or 0)
    if version > SCHEMA_VERSION:
        raise BackupError(
            "{path} was written by a newer Dossier Desk (schema {version}). "
            "Update Dossier Desk to restore it.",
            path=path,
            version=version,
        )
    return version


def latest_good_backup(db_path: Path, *, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes :func:`check_backup`; what start-up offers to restore."""
    for info in list_backups(db_path, folder=folder):
        try:
            check_backup(info.path)
        except BackupError:
            continue
        return info
    return None


def restore(db_path: Path, backup_path: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace ``db_path`` with the content of ``backup_path``, keeping the current file aside.

    Order matters: check the backup, copy it (the backend's backup) to ``<name>.restoring`` and
    check the copy, and only then move the current file and its -wal/-shm aside and put the
    copy in place with an atomic rename. A failure before the rename leaves the current file
    untouched; a failure after it puts the previous file back. Nothing may have the database
    open.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if db_path.resolve() == backup_path.resolve():
        raise BackupError("A database cannot be restored from itself.")
    holder = locking.describe_holder(db_path)  # another window, restore, import, backup
    if holder is not None:
        raise DatabaseInUseError(db_path, holder, action=message("restore a backup"))
    reason = db_files.read_only_reason(db_path)
    if reason is not None:
        raise BackupError(
            "Cannot restore into {path}: {reason}. Copy the database and the backup to a "
            "writable folder and restore there.",
            path=db_path,
            reason=reason,
        )
    with locking.announce_writer(db_path, "dossier-desk restore"):
        return _restore(db_path, backup_path, now or datetime.now())


def _restore(db_path: Path, backup_path: Path, now: datetime) -> RestoreResult:
    backend = backend_for(db_path)
    check_backup(backup_path)
    if db_path.exists() and backend.is_in_use(db_path):
        raise DatabaseInUseError(db_path, action=message("restore a backup"))
    restoring = db_path.with_name(db_path.name + ".restoring")
    remove_with_side_files(restoring)
    try:
        backend.backup_to(backup_path, restoring)
        problems = backend.integrity_problems(restoring)
        if problems:
            raise BackupError(
                "The restored copy failed its integrity check ({problem}).", problem=problems[0]
            )
        _renew_replica(restoring)
    except BaseException:
        remove_with_side_files(restoring)
        raise
    previous = _move_aside(db_path, now) if db_path.exists() else None
    try:
        atomic_files.replace(restoring, db_path)
        problems = backend.integrity_problems(db_path)
        if problems:
            raise BackupError(
                "The restored database failed its integrity check ({problem}).",
                problem=problems[0],
            )
    except BaseException:
        remove_with_side_files(db_path)
        if previous is not None:
            _move_files(previous, db_path)
        raise
    return RestoreResult(restored=db_path, source=backup_path, previous=previous)


def _renew_replica(path: Path) -> None:
    """A restored file speaks as a new replica of its team. Its clock is as old as the backup:
    as the replica it was, it would give new changes versions it already gave changes the
    server has — and the server keeps the first change of each version."""
    from desktop.core.kb.identity import new_replica_id

    backend = backend_for(path)
    connection = backend.connect_existing(path)
    try:
        connection.execute("UPDATE sync_clock SET replica = ?", (new_replica_id(),))
        connection.commit()
    except backend.driver_errors as error:
        if not backend.is_missing_table_error(error):
            raise  # a backup made before schema 4 gets its replica when it is migrated
    finally:
        connection.close()


def _move_aside(db_path: Path, now: datetime) -> Path:
    """Move the database and its side files to a name not yet taken; returns the new path."""
    base = f"{db_path.name}.before-restore-{now:{STAMP}}"
    aside, counter = db_path.with_name(base), 1
    while any(aside.with_name(aside.name + s).exists() for s in ("", *db_files.SIDE_FILES)):
        counter += 1
        aside = db_path.with_name(f"{base}-{counter}")
    _move_files(db_path, aside)
    return aside


def _move_files(source: Path, target: Path) -> None:
    """Move a database and its -wal/-shm/-journal, which belong to it by name. Renames within
    one folder: the folder is synced when the restored copy is put in place."""
    os.replace(source, target)
    for suffix in db_files.SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.replace(
                source.with_name(source.name + suffix), target.with_name(target.name + suffix)
            )
