"""File ▸ Open recent dossier: the PDFs exported from this computer, newest first.

The list lives in the window's settings file; files that were moved or deleted drop out when
the menu is shown. Opening goes through :func:`open_file`, one function tests replace, to the
system's PDF viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu

from desktop.ui.base.settings import app_settings, read_list

KEY = "recent/dossiers"
KEEP = 10


def recent() -> list[Path]:
    """The remembered dossiers that still exist, newest first."""
    return [path for path in map(Path, read_list(app_settings(), KEY)) if path.is_file()]


def add(path: Path) -> None:
    path = Path(path).absolute()
    paths = [path, *(p for p in map(Path, read_list(app_settings(), KEY)) if p != path)]
    _store(paths[:KEEP])


def clear() -> None:
    _store([])


def _store(paths: list[Path]) -> None:
    settings = app_settings()
    settings.setValue(KEY, [str(p) for p in paths])
    settings.sync()


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's program for it. Tests replace this function."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def fill_menu(menu: QMenu) -> None:
    """(Re)build the submenu from the list; called each time it is about to show."""
    menu.clear()
    paths = recent()
    for number, path in enumerate(paths, start=1):
        label = path.name.replace("&", "&&")
        action = menu.addAction(f"&{number % 10}  {label}" if number <= 10 else label)
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_file(p))
    if not paths:
        empty = menu.addAction(
            QCoreApplication.translate(
                "RecentDossiers", "No dossiers exported from this computer yet"
            )
        )
        empty.setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("RecentDossiers", "&Clear the list"), clear)
