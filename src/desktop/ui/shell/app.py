"""Start the window: application set-up, single-instance lock, and the window factory.

Before the window is visible only Qt, the frame's modules and what the lock and the language
need are imported; the window's database and panels follow right after the first paint, its
services, logging and garbage collection once the first list and its counts are on screen
(see desktop.ui.shell.staging). SQLAlchemy and the ORM load later still, on a side thread.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QLockFile, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop import APP_ID, APP_NAME, __version__


def build_main_window(db_path: Path) -> QMainWindow:
    """The main window for the database at ``db_path`` (created from the seed if missing).

    Needs a ``QApplication``. The window shows at once; the database opens in the background
    and any problem with it is reported in a dialog, not raised.
    """
    from desktop.ui.shell.main_window import MainWindow

    return MainWindow(Path(db_path))


def ensure_application(argv: Sequence[str] = ()) -> QApplication:
    from desktop.ui.base.qt_runtime import guard_none_refcount

    guard_none_refcount()  # before any Qt call: PySide6 6.12 leaks references to None on 3.11
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication([sys.argv[0] if sys.argv else APP_ID, *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")  # follows the system colour scheme (light/dark) on every platform
    from desktop.app import language
    from desktop.ui.base.style import apply_style
    from desktop.ui.base.translation import install_translations

    chosen = language.ui_language(QLocale.system().name())
    language.use(chosen)
    app.setProperty("translators", install_translations(app, chosen))
    apply_style(app)
    return app


class WindowLock:
    """The window's locks on one database: by path (``<db>.lock``) and by device and inode,
    so a second name for the same file (a hard link) does not get a second window."""

    def __init__(self, locks: list[QLockFile]) -> None:
        self._locks = locks

    def unlock(self) -> None:
        for lock in reversed(self._locks):
            lock.unlock()


def acquire_lock(db_path: Path) -> WindowLock | str:
    """Hold the window's locks while it is open; return a message if another process has one."""
    from desktop.core.storage import locking

    locks: list[QLockFile] = []
    paths = [locking.window_lock_path(db_path), locking.inode_lock_path(db_path)]
    for index, path in enumerate(p for p in paths if p is not None):
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)  # a lock left by a crashed process is reclaimed, never timed out
        if not lock.tryLock(100):
            WindowLock(locks).unlock()
            return _already_open(db_path, lock, under_another_name=index > 0)
        locks.append(lock)
    return WindowLock(locks)


def _already_open(db_path: Path, lock: QLockFile, *, under_another_name: bool) -> str:
    """Who holds the lock, in the window's language (the application exists by now)."""
    info = lock.getLockInfo()  # (pid, hostname, application name), or empty when unknown
    if info and info[0] and info[2]:
        holder = QCoreApplication.translate(
            "ShellStart", "process {pid} ({program}) on {host}"
        ).format(pid=info[0], program=info[2], host=info[1])
    elif info and info[0]:
        holder = QCoreApplication.translate("ShellStart", "process {pid} on {host}").format(
            pid=info[0], host=info[1]
        )
    else:
        holder = QCoreApplication.translate("ShellStart", "another process")
    if under_another_name:
        text = QCoreApplication.translate(
            "ShellStart",
            "{path} is already open in Dossier Desk under another name (a link to the same "
            "file) (held by {holder}). Switch to that window, or close it and start again.",
        )
    else:
        text = QCoreApplication.translate(
            "ShellStart",
            "{path} is already open in Dossier Desk (held by {holder}). Switch to that "
            "window, or close it and start again.",
        )
    return text.format(path=db_path, holder=holder)


# What Qt's xcb plugin needs on Linux besides a display; Debian/Ubuntu package names.
QT_SYSTEM_LIBRARIES = (
    "libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 libxcb-cursor0"
)


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can be shown, in one sentence; None when a display seems available.

    Without a display Qt aborts with a long xcb message that names no remedy; say what to do.
    """
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): start Dossier Desk "
        "from a desktop session, or set QT_QPA_PLATFORM=offscreen to run it without a screen "
        "(the commands, e.g. 'dossier-desk summary', need none); a minimal system also needs "
        f"the Qt system libraries ({QT_SYSTEM_LIBRARIES})."
    )


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.ui.shell.source_scan import read_sources_cheaply

    read_sources_cheaply()  # before the window's modules load: PySide6 reads each one's source
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    problem = display_problem()
    if problem is not None:
        print(f"{APP_ID}: error: {problem}", file=sys.stderr)
        return 1
    from desktop.core.storage import files as db_files
    from desktop.paths import default_db_path

    db_path = (args.db or default_db_path()).expanduser().resolve()
    app = ensure_application()
    sys.excepthook = _report_unexpected
    if not db_path.parent.is_dir():
        if args.db is not None:
            from desktop.ui.base import dialogs

            message = QCoreApplication.translate(
                "ShellStart", "The folder of {path} does not exist. Check the path given with --db."
            ).format(path=db_path)
            print(f"{APP_ID}: error: {message}", file=sys.stderr)
            title = QCoreApplication.translate("ShellStart", "Cannot open the database")
            dialogs.show_error(None, title, message)
            return 1
        db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = acquire_lock(db_path)
    if isinstance(lock, str):
        from desktop.ui.base import dialogs

        print(f"{APP_ID}: {lock}", file=sys.stderr)
        dialogs.show_info(None, QCoreApplication.translate("ShellStart", "Already open"), lock)
        return 0
    db_files.remove_stale(db_path)  # left by a killed run; nothing of ours is open yet
    held = HeldRecords()
    held.hold()  # until the log file is set up
    try:
        window = build_main_window(db_path)
        if os.environ.get("DOSSIER_DESK_STARTUP_PROBE"):
            from desktop.ui.shell.startup_probe import StartupProbe

            StartupProbe(window, app)
        # logging and garbage collection once the first screen is complete: until then, they
        # would stand in front of its panels, rows and counts
        window.first_screen_shown.connect(lambda: _start_logging(held))
        window.first_screen_shown.connect(resume_garbage_collection)
        window.show()
        if os.environ.get("DOSSIER_DESK_SMOKE"):  # packaging check: start, show, quit
            QTimer.singleShot(500, app.quit)
        return app.exec()
    finally:
        held.hand_over()  # when the window never got as far as its log file
        lock.unlock()


def _report_unexpected(kind: type[BaseException], error: BaseException, tb: Any) -> None:
    """The window's hook for uncaught exceptions until the first one: it loads the dialogs'
    module (not needed for the first paint), whose hook then reports this and every later one."""
    from desktop.ui.base import dialogs

    dialogs.install_excepthook()
    sys.excepthook(kind, error, tb)


class HeldRecords(logging.Handler):
    """What is logged before the log file exists (it is set up once the first screen is
    complete): kept for the file, and warnings and errors shown on stderr at once, as Python
    shows them while no handler is set up."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        self._level = logging.WARNING

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if logging.lastResort is not None and record.levelno >= logging.lastResort.level:
            logging.lastResort.handle(record)

    def hold(self) -> None:
        root = logging.getLogger()
        self._level = root.level
        root.addHandler(self)
        root.setLevel(min(root.getEffectiveLevel(), logging.INFO))

    def hand_over(self) -> None:
        """Hand what was held to the handlers set up since (the log file); with none set up,
        leave logging as it was found."""
        root = logging.getLogger()
        root.removeHandler(self)
        records, self.records = self.records, []
        if not root.handlers:
            root.setLevel(self._level)
            return
        for record in records:
            if record.levelno >= root.getEffectiveLevel():
                root.handle(record)


def _start_logging(held: HeldRecords) -> None:
    """The log file, once the first screen is complete (see desktop.ui.base.dialogs), with what
    was logged until then."""
    from desktop.paths import user_log_dir
    from desktop.ui.base import dialogs

    dialogs.setup_logging(user_log_dir())
    held.hand_over()


def resume_garbage_collection() -> None:
    """Collect garbage again once the first screen is complete, if the start turned it off
    (``python -m desktop`` does). What was loaded until then lives as long as the program:
    frozen, it is never scanned again, which keeps later collections short."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _parse(argv: list[str]) -> argparse.Namespace:
    """The window's options (``--db PATH``). The usual command lines are read directly: argparse
    costs the first paint 3 ms (it loads the locale's message catalogue); it reads the rest, and
    says what is wrong with them."""
    if not argv:
        return argparse.Namespace(db=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return argparse.Namespace(db=Path(argv[1]))
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return argparse.Namespace(db=Path(argv[0].removeprefix("--db=")))
    parser = argparse.ArgumentParser(prog=APP_ID, description=f"{APP_NAME} window")
    parser.add_argument("--db", type=Path, metavar="PATH")
    return parser.parse_args(argv)
