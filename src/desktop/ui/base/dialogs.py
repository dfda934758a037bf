"""Every message box the app shows goes through here, so tests can patch one place.

Also the last line of defence: an unexpected exception is logged with its traceback to the
rotating log file and shown as a dialog naming that file, never as a silent crash.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import APP_NAME

log = logging.getLogger(__name__)
_log_file: Path | None = None


def setup_logging(log_dir: Path) -> Path:
    """Log to ``log_dir/dossier-desk.log``, rotating at 1 MB with 3 old files kept."""
    global _log_file
    from logging.handlers import RotatingFileHandler

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "dossier-desk.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_file = path
    return path


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal error a person can act on: what happened and what to do (in window terms)."""
    from desktop.ui.base.wording import for_window

    box = QMessageBox(
        QMessageBox.Icon.Critical, f"{title} — {APP_NAME}", for_window(message), parent=parent
    )
    box.setObjectName("errorDialog")
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    from desktop.ui.base.wording import for_window

    box = QMessageBox(
        QMessageBox.Icon.Information, f"{title} — {APP_NAME}", for_window(message), parent=parent
    )
    box.exec()


def confirm(parent: QWidget | None, title: str, message: str) -> bool:
    """Ask before something that cannot be undone; Cancel is the default."""
    answer = QMessageBox.question(
        parent,
        f"{title} — {APP_NAME}",
        message,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(
    parent: QWidget | None, suggested_name: str, file_filter: str = "PDF (*.pdf)"
) -> Path | None:
    """Where to save a file; None when cancelled. Tests patch this one function.

    Opens in the folder of the last save, else in Documents (never in the program's folder).
    """
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.base import folders

    folder = folders.save_folder()
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        "{} — {}".format(QCoreApplication.translate("Dialogs", "Save"), APP_NAME),
        str(folder / suggested_name),
        file_filter,
    )
    if not chosen:
        return None
    path = Path(chosen)
    default_suffix = Path(suggested_name).suffix
    path = path if path.suffix else path.with_suffix(default_suffix)
    folders.remember_folder(path.parent)
    return path


def ask_open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """A file to read; None when cancelled. Tests patch this one function."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.base.folders import documents_folder

    chosen, _filter = QFileDialog.getOpenFileName(
        parent, f"{title} — {APP_NAME}", str(documents_folder()), file_filter
    )
    return Path(chosen) if chosen else None


def show_about(parent: QWidget | None, db_path: Path) -> None:
    from desktop import __version__

    show_info(
        parent,
        QCoreApplication.translate("Dialogs", "About"),
        QCoreApplication.translate(
            "Dialogs",
            "{app} {version}\nThe investor consultants' desk for the Leipzig life-sciences "
            "cluster.\n\nDatabase: {path}",
        ).format(app=APP_NAME, version=__version__, path=db_path),
    )


def report_unexpected(parent: QWidget | None, error: BaseException) -> None:
    """Log an exception that is a bug and tell the user where the details are."""
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    details = QCoreApplication.translate("Dialogs", "Details were written to:")
    where = f"\n\n{details}\n{_log_file}" if _log_file else ""
    show_error(
        parent,
        QCoreApplication.translate("Dialogs", "Unexpected error"),
        QCoreApplication.translate(
            "Dialogs",
            "Something went wrong that Dossier Desk did not expect ({kind}: {error}). Your data "
            "is safe; the last action may not have completed.",
        ).format(kind=type(error).__name__, error=error)
        + where,
    )


def install_excepthook() -> None:
    """Route uncaught exceptions in Qt callbacks to :func:`report_unexpected`."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        try:
            report_unexpected(None, error)
        except Exception:  # the dialog itself failed: at least print the original
            traceback.print_exception(kind, error, tb)

    sys.excepthook = hook
