"""Exporting a dossier the way an office program does: from File ▸ Export or the brief editor.

The steps, in order: a contact page worth sending (the consultant's card, asked for in one small
dialog while it is empty; an empty page only after a clear, separate yes), where to save (the
last export folder, else Documents), the pre-export check, the file, the sent register, and
then a message that offers to open the PDF. The questions are module functions, so tests
replace them and never wait on a modal dialog.

The export takes the editor's assembly once, before the first question, and uses that one
object for the file name, the findings, the PDF and the sent register's record: a reload that
lands while a dialog is open changes what the editor shows, never what this export writes.
The work itself is :mod:`desktop.app.export`'s — written on a render thread, recorded on the
database executor.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop import APP_NAME
from desktop.app import export
from desktop.app.changes import Topic, change
from desktop.ui.base import dialogs, folders
from desktop.ui.base.formats import counted
from desktop.ui.base.operation import DatabaseOp
from desktop.ui.base.translation import current_language
from desktop.ui.dossier import export_check, recent_dossiers
from desktop.ui.dossier.render_worker import RenderWorker, with_progress
from desktop.ui.preferences import first_start
from desktop.ui.preferences.contact_fields import saved_card

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from desktop.dossier.content.assemble import Assembled
    from desktop.dossier.render import RenderResult
    from desktop.ui.base.executor import DatabaseExecutor


class Exporting(Protocol):
    """What an export needs of the brief editor it runs for."""

    brief_id: int
    executor: DatabaseExecutor
    status: QLabel
    assembled: SignalInstance  # the assembly is up to date
    exported: SignalInstance  # path, once written and recorded
    brief_changed: SignalInstance  # brief id

    @property
    def current(self) -> Assembled | None: ...
    def assemble(self) -> None: ...
    def start_render(self, worker: RenderWorker, on_done: Callable[[Any], Any]) -> None: ...
    def show_failure(self, error: BaseException) -> None: ...
    def window(self) -> QWidget: ...


class Contact(enum.Enum):
    READY = "ready"  # the card has something to reach the consultant by
    CARD_SAVED = "card saved"  # just entered: assemble again so the dossier carries it
    EMPTY_CONFIRMED = "empty confirmed"  # the consultant chose to send an empty contact page
    STOP = "stop"


# --- the contact page ------------------------------------------------------------------------


def check_contact_page(parent: QWidget | None) -> Contact:
    """Ask for the card while it is empty; an empty page only after a separate yes."""
    if not first_start.card_is_empty(saved_card()):
        return Contact.READY
    if first_start.ask_consultant_card(parent):
        return Contact.CARD_SAVED
    return Contact.EMPTY_CONFIRMED if confirm_empty_contact_page(parent) else Contact.STOP


def confirm_empty_contact_page(parent: QWidget | None) -> bool:
    """The separate question before a dossier without the consultant's details goes out.
    Tests replace this function."""
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("ExportFlow", "Export without your contact details? — {app}").format(
            app=APP_NAME
        ),
        translate(
            "ExportFlow",
            "Your contact details are empty, so the dossier's contact page would show only a "
            "QR code: no name, no e-mail, no phone. The investor would not know whom to contact.",
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("emptyContactPage")
    box.setInformativeText(
        translate(
            "ExportFlow", "Enter them under Briefs ▸ Your contact details…, or export anyway."
        )
    )
    export_button = box.addButton(
        translate("ExportFlow", "Export without contact details"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    try:
        box.exec()
        return box.clickedButton() is export_button
    finally:
        box.deleteLater()


# --- the export ------------------------------------------------------------------------------


def export_dossier(editor: Exporting) -> None:
    """Export the editor's brief: contact page, file name, pre-export check, file, record."""
    if editor.current is None:
        return
    contact = check_contact_page(editor.window())
    if contact is Contact.STOP:
        return
    if contact is Contact.CARD_SAVED:
        # the dossier must carry the card just entered: assemble again, then go on
        editor.assembled.connect(
            lambda: _ask_and_write(editor, Contact.READY), Qt.ConnectionType.SingleShotConnection
        )
        editor.assemble()
        return
    _ask_and_write(editor, contact)


def _ask_and_write(editor: Exporting, contact: Contact) -> None:
    assembled = editor.current  # the one assembly this export uses, whatever lands meanwhile
    if assembled is None:
        return
    parent = editor.window()
    path = dialogs.ask_save_path(parent, export.file_name(assembled))
    if path is None:
        return
    findings = export.findings_to_review(
        assembled,
        empty_contact_confirmed=contact is Contact.EMPTY_CONFIRMED,
        language=current_language(),
    )
    choice = export_check.pre_export_check(parent, findings)
    if choice is None:
        return
    worker = RenderWorker.writing(assembled, out=path, password=choice.password, parent=parent)
    with_progress(worker, parent, QCoreApplication.translate("ExportFlow", "Writing the dossier…"))
    cancelled = QCoreApplication.translate("ExportFlow", "Export cancelled; nothing written.")
    worker.cancelled.connect(lambda: editor.status.setText(cancelled))
    editor.start_render(worker, lambda result: _record(editor, assembled, result))


def _record(editor: Exporting, assembled: Assembled, result: RenderResult) -> None:
    """The file is written: enter it in the sent register with the snapshot of ``assembled``."""
    translate = QCoreApplication.translate
    path = Path(result.path or "")
    brief_id = editor.brief_id
    pages = counted(
        result.pages, translate("ExportFlow", "1 page"), translate("ExportFlow", "{count} pages")
    )
    editor.status.setText(
        translate("ExportFlow", "Saved {path} ({pages})").format(path=path, pages=pages)
    )
    after_export(editor.window(), path)

    def recorded(_sent_id: int) -> None:
        editor.brief_changed.emit(brief_id)
        editor.exported.emit(str(path))

    DatabaseOp(
        editor.window(),
        lambda store: export.record_sent(
            store,
            brief_id=brief_id,
            assembled=assembled,
            file_name=path.name,
            sha256=result.sha256,
        ),
    ).success(recorded).failure(editor.show_failure).announces(
        change(Topic.BRIEFS, brief_id=brief_id)
    ).run(editor.executor)


def after_export(parent: QWidget, path: Path) -> None:
    """The file is written: remember it (File ▸ Open recent dossier) and offer to open it."""
    recent_dossiers.add(path)
    folders.remember_folder(path.parent)
    offer_open_pdf(parent, path)


def offer_open_pdf(parent: QWidget | None, path: Path) -> QMessageBox:
    """ "Saved" with an Open PDF button; shown without blocking (the window stays live)."""
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("ExportFlow", "Dossier saved — {app}").format(app=APP_NAME),
        translate("ExportFlow", "The dossier was saved as {name}\nin {folder}.").format(
            name=path.name, folder=path.parent
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("dossierSaved")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_pdf = box.addButton(translate("ExportFlow", "Open PDF"), QMessageBox.ButtonRole.AcceptRole)
    open_pdf.setObjectName("openPdf")
    folder = box.addButton(
        translate("ExportFlow", "Show folder"), QMessageBox.ButtonRole.ActionRole
    )
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
