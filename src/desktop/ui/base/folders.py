"""Where file dialogs open: the folder of the last save, else Documents (never the program's
folder, which a consultant should not have to find again)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop.ui.base.settings import app_settings

FOLDER_KEY = "export/last_folder"


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder where there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def save_folder() -> Path:
    """Where a save dialog opens: the folder of the last save if it still exists."""
    last = str(app_settings().value(FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(folder: Path) -> None:
    settings = app_settings()
    settings.setValue(FOLDER_KEY, str(folder))
    settings.sync()
