"""Exporting a dossier the way an office program does: from File ▸ Export or the brief editor.

The steps, in order: a contact page worth sending (the consultant's card, asked for in one small
dialog while it is empty; an empty page only after a clear, separate yes), where to save (the
last export folder, else Documents), the pre-export check, the file, and then a message that
offers to open the PDF. The questions are module functions, so tests replace them and never
wait on a modal dialog.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import APP_NAME
from desktop.ui.base import dialogs, folders
from desktop.ui.briefs import export_check, recent_dossiers
from desktop.ui.preferences import first_start

if TYPE_CHECKING:
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.shell.main_window import MainWindow

NO_EDITOR_HINT = (
    "To export a dossier, open a brief: choose a prospect here, then Open (or New brief), "
    "and use File ▸ Export again or the brief's Export PDF… button."
)


class Contact(enum.Enum):
    READY = "ready"  # the card has something to reach the consultant by
    CARD_SAVED = "card saved"  # just entered: assemble again so the dossier carries it
    EMPTY_CONFIRMED = "empty confirmed"  # the consultant chose to send an empty contact page
    STOP = "stop"


# --- the contact page ------------------------------------------------------------------------


def check_contact_page(parent: QWidget | None) -> Contact:
    """Ask for the card while it is empty; an empty page only after a separate yes."""
    if not first_start.card_is_empty(dialogs.consultant_card()):
        return Contact.READY
    if first_start.ask_consultant_card(parent):
        return Contact.CARD_SAVED
    return Contact.EMPTY_CONFIRMED if confirm_empty_contact_page(parent) else Contact.STOP


def confirm_empty_contact_page(parent: QWidget | None) -> bool:
    """The separate question before a dossier without the consultant's details goes out.
    Tests replace this function."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        f"Export without your contact details? — {APP_NAME}",
        "Your contact details are empty, so the dossier's contact page would show only a QR "
        "code: no name, no e-mail, no phone. The investor would not know whom to contact.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("emptyContactPage")
    box.setInformativeText("Enter them under Briefs ▸ Your contact details…, or export anyway.")
    export = box.addButton("Export without contact details", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    try:
        box.exec()
        return box.clickedButton() is export
    finally:
        box.deleteLater()


# --- the export ------------------------------------------------------------------------------


def export_dossier(editor: BriefEditor) -> None:
    """Export the editor's brief: contact page, file name, pre-export check, then the file."""
    if editor.current is None or editor.view is None:
        return
    contact = check_contact_page(editor)
    if contact is Contact.STOP:
        return
    if contact is Contact.CARD_SAVED:
        # the dossier must carry the card just entered: assemble again, then go on
        editor.assembled.connect(
            lambda: _write(editor, Contact.READY), Qt.ConnectionType.SingleShotConnection
        )
        editor._assemble()
        return
    _write(editor, contact)


def _write(editor: BriefEditor, contact: Contact) -> None:
    from desktop.ui.briefs.render_worker import RenderWorker, suggested_file_name, with_progress

    assembled = editor.current
    if assembled is None:
        return
    data = assembled.data
    path = dialogs.ask_save_path(
        editor, suggested_file_name(data.prepared_for, data.template, data.language)
    )
    if path is None:
        return
    findings = [
        finding.message
        for finding in assembled.findings
        # already answered by its own question, not repeated among the bullets
        if not (contact is Contact.EMPTY_CONFIRMED and finding.kind == "no-contact")
    ]
    choice = export_check.pre_export_check(editor, findings)
    if choice is None:
        return
    worker = RenderWorker(data, out=path, password=choice.password, parent=editor)
    with_progress(worker, editor, "Writing the dossier…")
    worker.cancelled.connect(lambda: editor.status.setText("Export cancelled; nothing written."))
    editor._start(worker, lambda result: editor._on_exported(assembled, result))


def after_export(parent: QWidget, path: Path) -> None:
    """The file is written: remember it (File ▸ Open recent dossier) and offer to open it."""
    recent_dossiers.add(path)
    folders.remember_folder(path.parent)
    offer_open_pdf(parent, path)


def offer_open_pdf(parent: QWidget | None, path: Path) -> QMessageBox:
    """ "Saved" with an Open PDF button; shown without blocking (the window stays live)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        f"Dossier saved — {APP_NAME}",
        f"The dossier was saved as {path.name}\nin {path.parent}.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("dossierSaved")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_pdf = box.addButton("Open PDF", QMessageBox.ButtonRole.AcceptRole)
    open_pdf.setObjectName("openPdf")
    folder = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    folder.setObjectName("showFolder")
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_pdf)
    box.setEscapeButton(close)

    def clicked(button: Any) -> None:
        if button is open_pdf:
            recent_dossiers.open_file(path)
        elif button is folder:
            recent_dossiers.open_file(path.parent)

    box.buttonClicked.connect(clicked)
    box.open()
    return box


# --- from the main window's File menu --------------------------------------------------------


def current_editor(window: MainWindow) -> BriefEditor | None:
    """The brief editor File ▸ Export and Print preview act on: the active one, else the one
    used last, else None."""
    editors = [e for e in window.desk.editors.values() if e.isVisible()]
    if not editors:
        return None
    last = getattr(window, "last_editor", None)
    for editor in editors:
        if editor.isActiveWindow():
            return editor
    return last if last in editors else editors[-1]


class _EditorTracker(QObject):
    """Child of the main window, so the connection to the application ends with the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @Slot(QWindow)
    def focused(self, handle: QWindow | None) -> None:
        for editor in self.window.desk.editors.values():
            if handle is not None and editor.windowHandle() is handle:
                self.window.last_editor = editor


def track_last_editor(window: MainWindow) -> None:
    """Remember the brief editor that had the focus last: File ▸ Export acts on it."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.focusWindowChanged.connect(_EditorTracker(window).focused)


def export_from_window(window: MainWindow) -> None:
    editor = current_editor(window)
    if editor is None:
        show_no_editor_hint(window)
        return
    editor.raise_()
    editor.activateWindow()
    editor.export()


def show_no_editor_hint(window: MainWindow) -> None:
    """No brief is open: show the Prospects tab and say how to get to an export."""
    window.show_tab(2)
    window.statusBar().showMessage(NO_EDITOR_HINT, 20_000)
