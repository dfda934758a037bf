"""Which brief editor File ▸ Export and File ▸ Print preview act on, from the main window.

The active brief window, else the one that had the focus last, else the newest one shown; with
none open, the Prospects tab comes forward with a hint on how to get to an export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QStatusBar

if TYPE_CHECKING:
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.briefs.briefs_desk import BriefsDesk


def no_editor_hint() -> str:
    """How to get to an export when no brief is open (translated when shown, not at import)."""
    return QCoreApplication.translate(
        "EditorTracking",
        "To export a dossier, open a brief: choose a prospect here, then Open (or New brief), "
        "and use File ▸ Export again or the brief's Export PDF… button.",
    )


class EditorsWindow(Protocol):
    """What the tracking needs of the main window."""

    desk: BriefsDesk
    last_editor: BriefEditor | None

    def show_tab(self, index: int) -> None: ...
    def statusBar(self) -> QStatusBar: ...


def current_editor(window: EditorsWindow) -> BriefEditor | None:
    """The brief editor File ▸ Export and Print preview act on: the active one, else the one
    used last, else None."""
    editors = [e for e in window.desk.editors.values() if e.isVisible()]
    if not editors:
        return None
    for editor in editors:
        if editor.isActiveWindow():
            return editor
    last = window.last_editor
    return last if last in editors else editors[-1]


class _EditorTracker(QObject):
    """Child of the main window, so the connection to the application ends with the window."""

    def __init__(self, window: EditorsWindow) -> None:
        super().__init__(window if isinstance(window, QObject) else None)
        self.window = window

    @Slot(QWindow)
    def focused(self, handle: QWindow | None) -> None:
        for editor in self.window.desk.editors.values():
            if handle is not None and editor.windowHandle() is handle:
                self.window.last_editor = editor


def track_last_editor(window: EditorsWindow) -> None:
    """Remember the brief editor that had the focus last: File ▸ Export acts on it."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.focusWindowChanged.connect(_EditorTracker(window).focused)


def export_from_window(window: EditorsWindow) -> None:
    editor = current_editor(window)
    if editor is None:
        show_no_editor_hint(window)
        return
    editor.raise_()
    editor.activateWindow()
    editor.export()


def show_no_editor_hint(window: EditorsWindow) -> None:
    """No brief is open: show the Prospects tab and say how to get to an export."""
    window.show_tab(2)
    window.statusBar().showMessage(no_editor_hint(), 20_000)
