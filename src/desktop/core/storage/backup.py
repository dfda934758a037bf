"""Backups of the knowledge base: take, check, rotate, list and restore.

The data is the product, so a backup must be a real, readable database:

* it is made with SQLite's backup API (a file copy of an open WAL database can miss everything
  still in the log), into a ``.partial`` file that becomes the backup only after
  SQLite's ``integrity_check`` passed; a bad copy is deleted and reported, so a damaged database
  never pushes good backups out of the rotation;
* its content digest (:func:`desktop.core.storage.database.content_digest`, computed on the
  copy itself) is stored beside it, so :func:`backup_if_changed` can tell whether anything
  changed with one read of the live database. We compare digests rather than a change counter
  because SQLite has no persistent one that WAL mode keeps up to date (``data_version`` is per
  connection, the header's change counter is not maintained for WAL commits), and a digest
  ignores what is not content (checkpoints, index rebuilds, VACUUM). It costs one read of the
  tables, the same order as the backup it may save;
* a restore never overwrites the current file without keeping it: it is moved aside (with its
  -wal/-shm) to ``<name>.before-restore-<timestamp>``.

Backups live in ``<db folder>/backups/<db stem>/`` by default, named
``<stem>-YYYYmmdd-HHMMSS[-reason].sqlite3`` in local time (what a person reads and what "one per
day" means to them).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import DatabaseInUseError, DatabaseLockedError, DossierError
from desktop.core.storage import files as db_files
from desktop.core.storage import locking
from desktop.core.storage.sqlite import connection as sqlite_backend

SUFFIX = ".sqlite3"
DIGEST_SUFFIX = ".sha256"
STAMP = "%Y%m%d-%H%M%S"
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(DossierError):
    """A backup could not be made, or a file is not a usable backup."""


__all__ = ["BackupError", "DatabaseInUseError"]  # DatabaseInUseError is re-exported here


@dataclass(frozen=True)
class Retention:
    """Which backups rotation keeps: the newest ``last``, plus the newest of each calendar day
    for ``daily_days`` days and of each ISO week for ``weekly_days`` days."""

    last: int = 10
    daily_days: int = 7
    weekly_days: int = 31


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str | None


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the database path, now holding the backup's content
    source: Path  # the backup it came from
    previous: Path | None  # where the replaced file was kept; None when there was none


# --- taking backups ------------------------------------------------------------------------


def default_folder(db_path: Path) -> Path:
    """``<db folder>/backups/<db stem>``: beside the data, one folder per database."""
    db_path = Path(db_path)
    return db_path.parent / "backups" / db_path.stem


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
        raise BackupError(f"No database at {db_path} to back up.")
    if out is not None:
        target = Path(out)
        if target.exists():
            raise BackupError(f"{target} already exists. Choose another file name.")
        if not target.parent.is_dir():
            raise BackupError(f"The folder {target.parent} does not exist.")
    else:
        folder = Path(folder) if folder else default_folder(db_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _folder_error(folder, error) from error
        target = _free_name(folder, db_path.stem, now, _clean_reason(reason))
    with locking.announce_writer(db_path, "dossier-desk backup"):
        info = _backup_into(db_path, target, reason, now)
    if out is None:
        rotate(db_path, folder=target.parent, retention=retention, now=now)
    return info


def _backup_into(db_path: Path, target: Path, reason: str | None, now: datetime) -> BackupInfo:
    partial = target.with_name(target.name + db_files.BACKUP_PARTIAL_SUFFIX)
    _remove_with_side_files(partial)
    try:
        sqlite_backend.backup_to(db_path, partial)
        problems = sqlite_backend.integrity_problems(partial)
        if problems:
            raise BackupError(
                f"The backup of {db_path} failed its integrity check and was deleted "
                f"({problems[0]}). The database is probably damaged: run 'dossier-desk check'."
            )
        digest = recorded_digest(partial)  # None for a file of an older schema: no sidecar
        os.replace(partial, target)
    except sqlite3.Error as error:
        _remove_with_side_files(partial)
        if sqlite_backend.is_locked_error(error):
            raise DatabaseLockedError(db_path, locking.describe_holder(db_path)) from error
        if sqlite_backend.is_read_only_error(error) and db_files.read_only_reason(partial):
            raise _folder_error(partial.parent, OSError(errno.EROFS, "read-only")) from error
        if sqlite_backend.is_not_a_database_error(error):
            raise BackupError(
                f"{db_path} is damaged ({error}); no backup was made. Run 'dossier-desk check'."
            ) from error
        raise BackupError(f"Could not back up {db_path}: {error}.") from error
    except OSError as error:
        _remove_with_side_files(partial)
        raise _folder_error(partial.parent, error) from error
    except BaseException:
        _remove_with_side_files(partial)
        raise
    if digest is not None:
        _digest_path(target).write_text(digest + "\n", encoding="ascii")
    _fsync_folder(target.parent)
    return BackupInfo(target, now.replace(microsecond=0), _clean_reason(reason))


def _folder_error(folder: Path, error: OSError) -> BackupError:
    """A backup folder that cannot be written: say so, and where a backup could go instead."""
    if db_files.is_read_only_error(error):
        return BackupError(
            f"Cannot write the backup into {folder}: the folder or its medium is read-only. "
            "Back up to a writable folder with 'dossier-desk backup --out FILE', or copy the "
            "database to a writable folder."
        )
    return BackupError(f"Cannot write the backup into {folder}: {error.strerror or error}.")


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


def digest_of(path: Path) -> str:
    """:func:`~desktop.core.storage.database.content_digest` of a file, read in one
    transaction (one consistent snapshot) without the pragmas
    :func:`~desktop.core.storage.database.make_engine` sets, so a backup file is never switched
    to WAL by being read."""
    from sqlalchemy import create_engine, event

    from desktop.core.storage.database import content_digest

    engine = create_engine("sqlite://", creator=lambda: sqlite_backend.connect_existing(path))
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    try:
        return content_digest(engine)
    finally:
        engine.dispose()


def recorded_digest(backup_path: Path) -> str | None:
    """The digest stored beside a backup, else computed from it; None when it cannot be read
    (for example a backup from an older schema): the caller then assumes a change."""
    with contextlib.suppress(OSError):
        text = _digest_path(backup_path).read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{64}", text):
            return text
    try:
        return digest_of(backup_path)
    except Exception:
        return None


# --- listing and rotation ------------------------------------------------------------------


def list_backups(db_path: Path, *, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of ``db_path`` in its backups folder, newest first."""
    db_path = Path(db_path)
    folder = Path(folder) if folder else default_folder(db_path)
    pattern = re.compile(
        re.escape(db_path.stem)
        + r"-(\d{8}-\d{6})(?:-([a-z]+(?:-[a-z]+)*))?(?:-(\d+))?"
        + re.escape(SUFFIX)
    )
    found: list[tuple[datetime, int, BackupInfo]] = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if not match:
            continue
        try:
            taken_at = datetime.strptime(match[1], STAMP)
        except ValueError:
            continue
        info = BackupInfo(path=path, taken_at=taken_at, reason=match[2])
        found.append((taken_at, int(match[3] or 1), info))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [info for *_, info in found]


def backups_to_keep(
    stamps: Iterable[datetime], now: datetime, retention: Retention | None = None
) -> set[datetime]:
    """The timestamps rotation keeps: the newest ``last``, the newest of each of the last
    ``daily_days`` calendar days, the newest of each ISO week within ``weekly_days`` days, and
    anything dated after ``now`` (the clock moved back: better keep than guess)."""
    retention = retention or Retention()
    ordered = sorted(set(stamps), reverse=True)
    keep = {stamp for stamp in ordered if stamp > now}
    keep.update(ordered[: max(1, retention.last)])
    days: dict[object, datetime] = {}
    weeks: dict[object, datetime] = {}
    for stamp in ordered:  # newest first, so the first stamp of a bucket is its newest
        age = (now.date() - stamp.date()).days
        if 0 <= age < retention.daily_days:
            days.setdefault(stamp.date(), stamp)
        if 0 <= age < retention.weekly_days:
            weeks.setdefault(stamp.isocalendar()[:2], stamp)
    return keep | set(days.values()) | set(weeks.values())


def rotate(
    db_path: Path,
    *,
    folder: Path | None = None,
    retention: Retention | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Delete the backups :func:`backups_to_keep` does not keep; returns the deleted paths."""
    backups = list_backups(db_path, folder=folder)
    kept = backups_to_keep([b.taken_at for b in backups], now or datetime.now(), retention)
    removed = []
    for info in backups:
        if info.taken_at not in kept:
            info.path.unlink(missing_ok=True)
            _digest_path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    return removed


# --- checking and restoring ----------------------------------------------------------------


def check_backup(path: Path) -> int:
    """Raise :class:`BackupError` unless ``path`` passes every health check and is a Dossier
    Desk database this version can open; returns its schema version."""
    from desktop.core.storage import health
    from desktop.core.storage.database import SCHEMA_VERSION

    report = health.check(Path(path))
    if not report.ok:
        raise BackupError(f"{path} cannot be restored: {report.problems[0]}")
    connection = sqlite_backend.connect_existing(Path(path))
    try:
        version = int(sqlite_backend.schema_version(connection) or 0)
    finally:
        connection.close()
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{path} was written by a newer Dossier Desk (schema {version}). "
            "Update Dossier Desk to restore it."
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

    Order matters: check the backup, copy it (backup API) to ``<name>.restoring`` and check the
    copy, and only then move the current file and its -wal/-shm aside and put the copy in place
    with an atomic rename. A failure before the rename leaves the current file untouched; a
    failure after it puts the previous file back. Nothing may have the database open.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if db_path.resolve() == backup_path.resolve():
        raise BackupError("A database cannot be restored from itself.")
    holder = locking.describe_holder(db_path)  # another window, restore, import, backup
    if holder is not None:
        raise DatabaseInUseError(db_path, holder, action="restore a backup")
    reason = db_files.read_only_reason(db_path)
    if reason is not None:
        raise BackupError(
            f"Cannot restore into {db_path}: {reason}. Copy the database and the backup to a "
            "writable folder and restore there."
        )
    with locking.announce_writer(db_path, "dossier-desk restore"):
        return _restore(db_path, backup_path, now or datetime.now())


def _restore(db_path: Path, backup_path: Path, now: datetime) -> RestoreResult:
    check_backup(backup_path)
    if db_path.exists() and sqlite_backend.is_in_use(db_path):
        raise DatabaseInUseError(db_path, action="restore a backup")
    restoring = db_path.with_name(db_path.name + ".restoring")
    _remove_with_side_files(restoring)
    try:
        sqlite_backend.backup_to(backup_path, restoring)
        problems = sqlite_backend.integrity_problems(restoring)
        if problems:
            raise BackupError(f"The restored copy failed its integrity check ({problems[0]}).")
    except BaseException:
        _remove_with_side_files(restoring)
        raise
    previous = _move_aside(db_path, now) if db_path.exists() else None
    try:
        os.replace(restoring, db_path)
        problems = sqlite_backend.integrity_problems(db_path)
        if problems:
            raise BackupError(f"The restored database failed its integrity check ({problems[0]}).")
    except BaseException:
        _remove_with_side_files(db_path)
        if previous is not None:
            _move_files(previous, db_path)
        raise
    _fsync_folder(db_path.parent)
    return RestoreResult(restored=db_path, source=backup_path, previous=previous)


# --- helpers -------------------------------------------------------------------------------


def _clean_reason(reason: str | None) -> str | None:
    """Letters and single hyphens only, so a name splits back into stamp, reason and counter."""
    cleaned = re.sub(r"[^a-z]+", "-", (reason or "").lower()).strip("-")
    return cleaned or None


def _free_name(folder: Path, stem: str, now: datetime, reason: str | None) -> Path:
    """The next name for this second; a counter orders backups taken within the same second."""
    stamp = f"{stem}-{now:{STAMP}}"
    taken = len(list(folder.glob(f"{glob.escape(stamp)}*{SUFFIX}")))
    base = stamp + (f"-{reason}" if reason else "")
    counter = taken + 1
    candidate = folder / (f"{base}-{counter}{SUFFIX}" if counter > 1 else f"{base}{SUFFIX}")
    while candidate.exists():
        counter += 1
        candidate = folder / f"{base}-{counter}{SUFFIX}"
    return candidate


def _digest_path(backup_path: Path) -> Path:
    return backup_path.with_name(backup_path.name + DIGEST_SUFFIX)


def _move_aside(db_path: Path, now: datetime) -> Path:
    """Move the database and its side files to a name not yet taken; returns the new path."""
    base = f"{db_path.name}.before-restore-{now:{STAMP}}"
    aside, counter = db_path.with_name(base), 1
    while any(aside.with_name(aside.name + s).exists() for s in ("", *_SIDE_FILES)):
        counter += 1
        aside = db_path.with_name(f"{base}-{counter}")
    _move_files(db_path, aside)
    return aside


def _move_files(source: Path, target: Path) -> None:
    """Move a database and its -wal/-shm/-journal, which belong to it by name."""
    os.replace(source, target)
    for suffix in _SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.replace(
                source.with_name(source.name + suffix), target.with_name(target.name + suffix)
            )


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
