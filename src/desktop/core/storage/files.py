"""The files around a database: can they be written, and what a killed process left behind.

A database is more than one file: the engine creates ``-wal``/``-shm`` beside it, and our own
operations write temporary files next to it (``.building`` while seeding, ``.restoring`` while
restoring, ``.partial`` while backing up) that become the real file only when complete.
A kill leaves them behind, at the size of the whole database; :func:`remove_stale` deletes
them at the next start, when no other process is using the database. Backups go to
:func:`backups_folder`.

Nothing here opens the database file itself (see :mod:`desktop.core.storage.locking` for why).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from desktop.core.language.messages import Message, message
from desktop.core.storage import locking
from desktop.core.storage.backend import backend_for

READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
TEMPORARY_SUFFIXES = (".building", ".restoring")
BACKUP_PARTIAL_SUFFIX = ".partial"
SIDE_FILES = ("-wal", "-shm", "-journal")
WRITTEN_SIDE_FILES = ("-wal", "-journal")  # what a write changes (-shm changes on reads too)


def backups_folder(db_path: Path) -> Path:
    """``<db folder>/backups/<db stem>``: beside the data, one folder per database."""
    db_path = Path(db_path)
    return db_path.parent / "backups" / db_path.stem


def read_only_reason(path: Path) -> Message | None:
    """Why the database at ``path`` cannot be written, in the reader's words; None when it can.

    The folder must be writable too (the engine creates ``-wal`` and ``-shm`` there). Only
    ``os.access``/``statvfs``, so nothing is opened.
    """
    path = Path(path)
    folder = path.parent
    if _on_read_only_medium(folder):
        return message("the medium holding {folder} is read-only", folder=folder)
    if path.exists() and not os.access(path, os.W_OK):
        return message("the file is read-only")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return message("the folder {folder} is read-only", folder=folder)
    return None


def is_read_only_error(error: BaseException) -> bool:
    """An OS error that means "cannot write here" (read-only medium, no permission)."""
    return isinstance(error, OSError) and error.errno in READ_ONLY_ERRNOS


def stale_files(db_path: Path) -> list[Path]:
    """Temporary files of ``db_path`` left by a process that was killed while writing them.

    Empty while any other process has the database open or announced (it may be writing one
    of them right now); otherwise every such file that no database connection holds.
    """
    db_path = Path(db_path)
    candidates = [db_path.with_name(db_path.name + suffix) for suffix in TEMPORARY_SUFFIXES]
    folder = backups_folder(db_path)
    if folder.is_dir():
        candidates += sorted(folder.glob(f"{_glob_escape(db_path.stem)}-*{BACKUP_PARTIAL_SUFFIX}"))
    present = [path for path in candidates if _exists_with_side_files(path)]
    if not present or locking.describe_holder(db_path) is not None:
        return []
    return [path for path in present if not _held_open(path)]


def remove_stale(db_path: Path) -> list[Path]:
    """Delete :func:`stale_files` (with their -wal/-shm/-journal) and announcement files of
    writers that no longer run; returns the temporary files removed."""
    removed = []
    for path in stale_files(db_path):
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(OSError):
                path.with_name(path.name + suffix).unlink()
        removed.append(path)
    for announcement in locking.stale_announcements(Path(db_path)):
        with contextlib.suppress(OSError):
            announcement.unlink()
    return removed


def _exists_with_side_files(path: Path) -> bool:
    return any(path.with_name(path.name + suffix).exists() for suffix in ("", *SIDE_FILES))


def _held_open(path: Path) -> bool:
    """True when a connection (of any process) still has this temporary database open."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        return backend_for(path).is_in_use(path, timeout=0.1)
    except Exception:  # unreadable debris: nobody can be using it as a database
        return False


def _on_read_only_medium(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)
