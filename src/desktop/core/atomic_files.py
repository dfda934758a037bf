"""Writing a file so that it is whole or not there: the program's one atomic writer.

One writer for every export (a PDF dossier, a data export) and every small file beside the
database: the bytes go to a temporary file beside the target, are flushed to the disk, and the
temporary file is then renamed over the target in one step — a crash, a full disk or a
cancelled export leaves the previous file as it was and no half-written one. A file another
writer made complete (a database built or copied aside) is put in place with :func:`replace`,
which makes the same guarantees.

Only a regular file (or a new path) is ever replaced: a folder, a symbolic link, a device node or
a named pipe at the target is refused before anything is written, and checked again right before
the rename, so one swapped in meanwhile is not replaced either (a new path is linked into place,
which fails if anything appeared there). Temporary names are ``.<name>.<pid>.<random>.part``;
the next export into the same folder removes those older than an hour whose process is gone
(left behind by a killed export). Every ``OSError`` becomes one sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from desktop.core.errors import DossierError
from desktop.core.language.messages import Message, message

STALE_AFTER_SECONDS = 3600
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.(?:[0-9a-f]{8,32}\.part|partial)$")


class OutputFileError(DossierError, OSError):
    """The output file cannot be written where asked; nothing was written.

    Also an ``OSError``, so callers that handle failed writes as such keep working.
    """

    def __init__(
        self, sentence: str | Message, /, *, code: int | None = None, **values: object
    ) -> None:
        super().__init__(sentence, **values)
        self.errno = code


def describe_os_error(error: OSError, path: Path) -> OutputFileError:
    """One line for an ``OSError`` met while writing ``path``: what happened, what to do."""
    folder = path.parent
    code = error.errno
    no_permission = message(
        "no permission to write in {folder}; choose another folder", folder=folder
    )
    reasons: dict[int, Message] = {
        errno.ENOSPC: message("the disk is full; free some space or choose another folder"),
        errno.EROFS: message(
            "{folder} is on a read-only disk; choose another folder", folder=folder
        ),
        errno.EACCES: no_permission,
        errno.EPERM: no_permission,
        errno.EISDIR: message("it is a folder; give a file name"),
        errno.ENOTDIR: message("a part of the path is a file, not a folder; check the path"),
        errno.ENAMETOOLONG: message("the file name is too long; choose a shorter one"),
        errno.ENOENT: message("the folder {folder} does not exist", folder=folder),
    }
    if hasattr(errno, "EDQUOT"):
        reasons[errno.EDQUOT] = message("your disk quota is used up; free some space")
    # The system's own words where we have none (they come in the system's language).
    reason: Message | str = reasons.get(code or 0) or (
        error.strerror or str(error) or type(error).__name__
    ).rstrip(".")
    return OutputFileError(
        "Cannot write {path}: {reason}. Nothing was written.", code=code, path=path, reason=reason
    )


def check_target(path: Path) -> os.stat_result | None:
    """Refuse a target that is not a regular file; return its status, None for a new path.

    Called before the work starts (so a wrong path is said at once, not after rendering) and
    again by :func:`write_file` right before the rename.
    """
    path = Path(path)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise describe_os_error(error, path) from None
    if status is not None:
        mode = status.st_mode
        if stat.S_ISLNK(mode):
            raise OutputFileError(
                "{path} is a symbolic link; give the path of a file, not a link. "
                "Nothing was written.",
                path=path,
            )
        if stat.S_ISDIR(mode):
            raise OutputFileError(
                "{path} is a folder; give a file name. Nothing was written.", path=path
            )
        if not stat.S_ISREG(mode):
            raise OutputFileError(
                "{path} is not a regular file (a device, a pipe or a socket); choose another "
                "name. Nothing was written.",
                path=path,
            )
    try:
        parent = os.stat(path.parent)
    except OSError as error:
        if error.errno == errno.ENOENT:
            raise OutputFileError(
                "Cannot write {path}: the folder {folder} does not exist.",
                path=path,
                folder=path.parent,
            ) from None
        raise describe_os_error(error, path) from None
    if not stat.S_ISDIR(parent.st_mode):
        raise OutputFileError(
            "Cannot write {path}: {folder} is not a folder.", path=path, folder=path.parent
        )
    return status


def write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically (see the module's docstring)."""
    write_file(path, lambda handle: handle.write(payload))


def write_file(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a binary handle on a temporary file, then move it over ``path``.

    The temporary file never stays: on any error it is removed, and the target is untouched.
    Any ``OSError`` (disk full, read-only folder, no permission …) is raised as one
    :class:`OutputFileError`.
    """
    path = Path(path)
    before = check_target(path)
    remove_stale_temporaries(path.parent)
    try:
        temporary, descriptor = _create_temporary(path)
    except OSError as error:
        raise describe_os_error(error, path) from None
    try:
        if before is not None and hasattr(os, "fchmod"):
            os.fchmod(descriptor, stat.S_IMODE(before.st_mode))  # keep the file's permissions
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _move_into_place(temporary, path, before)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise describe_os_error(error, path) from None
        raise
    sync_folder(path.parent)


def replace(source: Path, target: Path) -> None:
    """Move the finished file ``source`` over ``target`` in one step, durably.

    For files written whole by someone else (a database built or copied aside by the database
    engine): its content is flushed to the disk before the rename, and the folder after it, so
    a crash leaves either the old file or the new one. Errors are raised as they are; the
    caller knows what the file is and what to say.
    """
    _sync_file(Path(source))
    os.replace(source, target)
    sync_folder(Path(target).parent)


def _create_temporary(path: Path) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    prefix = f".{path.name}"[:200]  # room for the pid and the random part in a 255-byte name
    for _attempt in range(20):
        temporary = path.with_name(f"{prefix}.{os.getpid()}.{secrets.token_hex(4)}.part")
        try:
            # 0o666 less the umask: the mode a new file gets in that folder.
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def _move_into_place(temporary: Path, path: Path, before: os.stat_result | None) -> None:
    now = check_target(path)  # a link, folder or device swapped in meanwhile is refused here
    if now is None:
        _link_new(temporary, path)
    elif before is None:
        raise OutputFileError(
            "{path} was created by another program while exporting; nothing was replaced.",
            path=path,
        )
    elif (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
        raise OutputFileError(
            "{path} was replaced by another program while exporting; nothing was written.",
            path=path,
        )
    else:
        os.replace(temporary, path)


def _link_new(temporary: Path, path: Path) -> None:
    """Put the file at a path that has nothing: a hard link fails if anything has appeared
    there since the check, where a rename would replace it. File systems without hard links
    fall back to the rename."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise OutputFileError(
            "{path} was created by another program while exporting; nothing was replaced.",
            path=path,
        ) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        os.replace(temporary, path)
    else:
        os.unlink(temporary)


def _sync_file(path: Path) -> None:
    """Flush a closed file's content to the disk. Where a read-only handle cannot be synced
    (Windows), the rename goes ahead without it."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EBADF, errno.EINVAL):
            raise
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); harmless where folders cannot be opened."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files of killed exports in ``folder``; return what was removed.

    Only names this module (or an earlier version's exporter) makes are touched, only regular
    files, only when older than :data:`STALE_AFTER_SECONDS` and when the process whose id is in
    the name no longer runs.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < STALE_AFTER_SECONDS:
            continue
        if _process_alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: leave the file alone
    return True
