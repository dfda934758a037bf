"""Who has a database open: the window's lock files and the announcements of writers.

The database's own locks say *that* a file is busy, never *who* holds it. The window holds a
QLockFile ``<db>.lock`` (and one named after the file's device and inode, so a hard link does
not get a second window); commands that write announce themselves with :func:`announce_writer`,
which leaves ``<db>.writer-<pid>-<n>`` beside the database while they run.
:func:`describe_holder` reads those files to name the holder in a message ("the Dossier Desk
window (process 4711 on office-pc)"). A file holds the writer's name in English (another
process, in another language, may read it); the names this program writes are said in the
reader's language.

Everything here is plain file I/O on those side files, never on the database file itself:
closing any descriptor of the database would drop every POSIX lock this process holds on it
(fcntl semantics), and the database engine in another process would then take the file for
unused.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.language.messages import Message, message

WINDOW = "the Dossier Desk window"
COMMAND = "a Dossier Desk command"
UPDATING = "dossier-desk (updating the database)"
WRITER_INFIX = ".writer-"
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
_counter = itertools.count(1)


@dataclass(frozen=True)
class Holder:
    """One process that has the database open, as its lock or announcement file says."""

    pid: int
    what: str
    host: str
    file: Path
    boot: str = ""  # the kernel's boot id when written (Linux): a lock from before a reboot

    def describe(self) -> Message:
        """Who it is, for a message: the window and our own writers in the reader's language
        (each a whole phrase, so a language may fit it into any sentence), a command by the
        name it gave ("dossier-desk import")."""
        pid, host = self.pid, self.host
        if self.what == WINDOW:
            if host:
                return message(
                    "the Dossier Desk window (process {pid} on {host})", pid=pid, host=host
                )
            return message("the Dossier Desk window (process {pid})", pid=pid)
        if self.what == COMMAND:
            if host:
                return message(
                    "a Dossier Desk command (process {pid} on {host})", pid=pid, host=host
                )
            return message("a Dossier Desk command (process {pid})", pid=pid)
        updating = message("dossier-desk (updating the database)")
        what = updating if self.what == UPDATING else self.what
        if host:
            return message("{what} (process {pid} on {host})", what=what, pid=pid, host=host)
        return message("{what} (process {pid})", what=what, pid=pid)


def window_lock_path(db_path: Path) -> Path:
    """The window's single-instance lock for the database at this path."""
    return Path(f"{db_path}.lock")


def inode_lock_path(db_path: Path) -> Path | None:
    """A lock named after the file's device and inode, so every name of one file (hard links)
    maps to the same lock; None when the file does not exist yet."""
    try:
        status = os.stat(db_path)
    except OSError:
        return None
    return Path(tempfile.gettempdir()) / f"dossier-desk-{status.st_dev:x}-{status.st_ino}.lock"


def holders(db_path: Path, *, include_self: bool = False) -> list[Holder]:
    """Every live process that holds a lock on or announced itself as writing ``db_path``."""
    db_path = Path(db_path)
    found: list[Holder] = []
    for path, default in _candidates(db_path):
        holder = _read(path, default)
        if holder is None or not _alive(holder):
            continue
        if holder.pid == os.getpid() and not include_self:
            continue
        found.append(holder)
    return found


def describe_holder(db_path: Path) -> Message | None:
    """Who else has ``db_path`` open, for a message; None when no other process says so."""
    found = holders(db_path)
    windows = [holder for holder in found if holder.what == WINDOW]
    return (windows or found)[0].describe() if found else None


def stale_announcements(db_path: Path) -> list[Path]:
    """Announcement files left by writers that no longer run (killed); safe to delete."""
    stale = []
    for path, default in _candidates(db_path):
        if WRITER_INFIX not in path.name:
            continue
        holder = _read(path, default)
        if holder is None or not _alive(holder):
            stale.append(path)
    return stale


@contextlib.contextmanager
def announce_writer(db_path: Path, what: str) -> Iterator[None]:
    """Say, for as long as the block runs, that this process is writing ``db_path``.

    The file holds the same lines a QLockFile does (pid, name, host, machine, boot), so one
    reader serves both. Where nothing can be written (a read-only folder) the block just runs:
    the write it announces will fail there anyway, with its own message.
    """
    db_path = Path(db_path)
    path = db_path.with_name(f"{db_path.name}{WRITER_INFIX}{os.getpid()}-{next(_counter)}")
    lines = [str(os.getpid()), what, _host_name(), "", _boot_id() or ""]
    from desktop.core import atomic_files  # not needed to start the window

    written = False
    with contextlib.suppress(OSError):  # OutputFileError is one too
        atomic_files.write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))
        written = True
    try:
        yield
    finally:
        if written:
            with contextlib.suppress(OSError):
                path.unlink()


# --- reading lock files --------------------------------------------------------------------


def _candidates(db_path: Path) -> Iterator[tuple[Path, str]]:
    """(file, what it means when it names no application) for every lock and announcement."""
    yield window_lock_path(db_path), WINDOW
    inode_lock = inode_lock_path(db_path)
    if inode_lock is not None:
        yield inode_lock, WINDOW
    with contextlib.suppress(OSError):
        prefix = db_path.name + WRITER_INFIX
        for entry in os.scandir(db_path.parent):
            # ".new": the temporary name an earlier version wrote its announcement under
            if entry.name.startswith(prefix) and not entry.name.endswith(".new"):
                yield Path(entry.path), COMMAND


def _read(path: Path, default: str) -> Holder | None:
    """The holder a lock file names; None when there is none or it cannot be parsed."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    what = default if default == WINDOW else (lines[1].strip() if len(lines) > 1 else default)
    host = lines[2].strip() if len(lines) > 2 else ""
    boot = lines[4].strip() if len(lines) > 4 else ""
    return Holder(int(lines[0]), what or default, host, path, boot)


def _alive(holder: Holder) -> bool:
    """Whether the process a lock file names still runs. A lock from another host, or where
    that cannot be told, counts as held: better a refusal than a second writer."""
    if holder.host and holder.host != _host_name():
        return True
    boot = _boot_id()
    if holder.boot and boot and holder.boot != boot:
        return False  # written before the last reboot
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would terminate the process there
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _host_name() -> str:
    """This machine's name, as lock files record it. The socket module is imported only here:
    the window's start looks for a writer's lock file before its first paint and usually
    finds none, so it need not load it."""
    import socket

    return socket.gethostname()


def _boot_id() -> str | None:
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip() or None
    except OSError:
        return None
