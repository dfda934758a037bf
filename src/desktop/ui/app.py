"""Start the window: application set-up, single-instance lock, and the window factory.

Only Qt and our UI modules are imported before the window is visible; the database layer
(SQLAlchemy, SQLModel) is imported by the first background job.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop import APP_ID, APP_NAME, __version__


def build_main_window(db_path: Path) -> QMainWindow:
    """The main window for the database at ``db_path`` (created from the seed if missing).

    Needs a ``QApplication``. The window shows at once; the database opens in the background
    and any problem with it is reported in a dialog, not raised.
    """
    from desktop.ui.main_window import MainWindow

    return MainWindow(Path(db_path))


def ensure_application(argv: Sequence[str] = ()) -> QApplication:
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
    from desktop.ui.style import apply_style

    apply_style(app)
    return app


def acquire_lock(db_path: Path) -> QLockFile | str:
    """Hold ``<db>.lock`` while the window is open; return a message if another process has it."""
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed process is reclaimed, never timed out
    if lock.tryLock(100):
        return lock
    info = lock.getLockInfo()  # (pid, hostname, application name), or empty when unknown
    if info and info[0]:
        holder = f"process {info[0]}" + (f" ({info[2]})" if info[2] else "") + f" on {info[1]}"
    else:
        holder = "another process"
    return (
        f"{db_path} is already open in Dossier Desk (held by {holder}). Switch to that window, or "
        "close it and start again."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    from desktop.paths import default_db_path, user_log_dir
    from desktop.ui import dialogs

    db_path = (args.db or default_db_path()).expanduser().resolve()
    app = ensure_application()
    dialogs.install_excepthook()
    if not db_path.parent.is_dir():
        if args.db is not None:
            message = f"The folder of {db_path} does not exist. Check the path given with --db."
            print(f"{APP_ID}: error: {message}", file=sys.stderr)
            dialogs.show_error(None, "Cannot open the database", message)
            return 1
        db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = acquire_lock(db_path)
    if isinstance(lock, str):
        print(f"{APP_ID}: {lock}", file=sys.stderr)
        dialogs.show_info(None, "Already open", lock)
        return 0
    window = build_main_window(db_path)
    if os.environ.get("DOSSIER_DESK_STARTUP_PROBE"):
        from desktop.ui.startup_probe import StartupProbe

        StartupProbe(window, app)
    window.show()
    QTimer.singleShot(0, lambda: dialogs.setup_logging(user_log_dir()))
    if os.environ.get("DOSSIER_DESK_SMOKE"):  # packaging check: start, show, quit
        QTimer.singleShot(500, app.quit)
    try:
        return app.exec()
    finally:
        lock.unlock()


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_ID, description=f"{APP_NAME} window")
    parser.add_argument("--db", type=Path, metavar="PATH")
    return parser.parse_args(argv)
