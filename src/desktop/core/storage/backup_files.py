"""The backup files: where they live, what they are called, which ones rotation keeps.

Backups live in ``<db folder>/backups/<db stem>/`` by default, named
``<stem>-YYYYmmdd-HHMMSS[-reason].sqlite3`` in local time (what a person reads and what "one
per day" means to them), each with its content digest in ``<name>.sha256`` beside it. Taking
them is :mod:`desktop.core.storage.backup`, restoring them :mod:`desktop.core.storage.restore`;
this module holds what both read.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import DossierError
from desktop.core.storage import files as db_files

SUFFIX = ".sqlite3"
DIGEST_SUFFIX = ".sha256"
STAMP = "%Y%m%d-%H%M%S"


class BackupError(DossierError):
    """A backup could not be made, or a file is not a usable backup."""


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


def default_folder(db_path: Path) -> Path:
    """``<db folder>/backups/<db stem>``: beside the data, one folder per database."""
    return db_files.backups_folder(db_path)


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
            digest_path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    return removed


# --- names and files -----------------------------------------------------------------------


def clean_reason(reason: str | None) -> str | None:
    """Letters and single hyphens only, so a name splits back into stamp, reason and counter."""
    cleaned = re.sub(r"[^a-z]+", "-", (reason or "").lower()).strip("-")
    return cleaned or None


def free_name(folder: Path, stem: str, now: datetime, reason: str | None) -> Path:
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


def digest_path(backup_path: Path) -> Path:
    """Where a backup's content digest is kept."""
    return backup_path.with_name(backup_path.name + DIGEST_SUFFIX)


def remove_with_side_files(path: Path) -> None:
    """Delete a database file and the -wal/-shm/-journal that belong to it by name."""
    for suffix in ("", *db_files.SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
