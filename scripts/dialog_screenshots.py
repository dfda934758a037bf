"""Screenshots of the dialogs a consultant opens every day, in the window's language.

    LANGUAGE=de QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/dialog_screenshots.py [OUT]

Complements ``scripts/screenshots.py`` (main window, prospects, brief editor): the settings, the
first-start card, the prospect form, the entity form, the import, the journal and the list of
entities that need checking; then, opened from a window as a consultant does, the backups
(the list to restore from, the check's result), the sources and their form, the forms for a
figure, a relation, a space offer and a contact, the export of a dossier (the question about an
empty contact page, the pre-export check, the message with Open PDF), the print preview and
About. Runs on a fresh copy of the bundled knowledge base with settings in a temporary folder;
German layouts are looked at for cut-off labels (German is ~30 % longer).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMP = Path(tempfile.mkdtemp(prefix="dossier-dialogs-"))
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = str(TEMP / variable.lower())

from collections.abc import Callable  # noqa: E402

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.ui.shell.app import ensure_application  # noqa: E402

Step = tuple[str | None, Callable[[QWidget], object]]  # (picture's name or None, the answer)


def settle(milliseconds: int = 300) -> None:
    """Let queued work (a database job, a layout pass) finish before the picture."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def settle_until(until: Callable[[], object], timeout_ms: int = 60_000) -> None:
    """Run the event loop until ``until()`` holds (or the time is up)."""
    deadline = QDeadlineTimer(timeout_ms)
    while not until() and not deadline.hasExpired():
        settle(50)


def shoot(widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    settle()
    widget.grab().save(str(out / f"{name}.png"))
    widget.close()


def through_modals(out: Path, opening: Callable[[], object], *steps: Step) -> None:
    """Do ``opening()`` and meet the modal dialogs it leads to one after the other: each is
    photographed (when the step names a picture), then answered."""
    pending, met = list(steps), []

    def look() -> None:
        if not pending:  # done, or given up
            return
        dialog = QApplication.activeModalWidget()
        if (
            dialog is not None
            and dialog.isVisible()
            and not isinstance(dialog, QProgressDialog)
            and all(dialog is not seen for seen in met)
        ):
            met.append(dialog)
            name, answer = pending.pop(0)

            def take() -> None:
                if name:
                    dialog.grab().save(str(out / f"{name}.png"))
                answer(dialog)
                if pending:
                    QTimer.singleShot(20, look)

            QTimer.singleShot(400, take)  # laid out and painted (a preview renders its pages)
            return
        if pending:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    opening()
    settle_until(lambda: not pending)
    pending.clear()


def reject(dialog: QWidget) -> None:
    dialog.reject()  # type: ignore[attr-defined]


def accept(dialog: QWidget) -> None:
    dialog.accept()  # type: ignore[attr-defined]


def press(role: QMessageBox.ButtonRole) -> Callable[[QWidget], None]:
    def pressing(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()

    return pressing


def save_in_temp(dialog: QWidget) -> None:
    assert isinstance(dialog, QFileDialog)
    dialog.setDirectory(str(TEMP))
    dialog.accept()


def from_the_window(out: Path, path: Path) -> None:
    """The dialogs a window opens from its menus and its detail pane, answered as a user would
    (a backup is restored, forms are cancelled, a dossier is exported to the temporary folder)."""
    from desktop.core.briefs.curation import ProspectInput
    from desktop.ui.briefs import prospect_dialog
    from desktop.ui.preferences import first_start
    from desktop.ui.shell.app import build_main_window
    from desktop.ui.upkeep.journal_dialogs import SourcesDialog

    first_start.ask_once_at_start = lambda _parent: False  # type: ignore[assignment]
    window = build_main_window(path)
    window.resize(1400, 860)
    results: list[object] = []
    window.results_shown.connect(lambda *args: results.append(args))
    window.show()
    settle_until(lambda: bool(results))

    def menu(source: str) -> Callable[[], None]:
        from PySide6.QtCore import QCoreApplication

        text = QCoreApplication.translate("WindowActions", source)
        menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
        return next(a for m in menus for a in m.actions() if a.text() == text).trigger

    backed_up: list[str] = []
    window.maintenance.backed_up.connect(backed_up.append)
    through_modals(out, menu("&Back up now"), (None, accept))
    through_modals(
        out,
        menu("&Restore a backup…"),
        ("backups", reject),  # the list of backups to restore
    )
    through_modals(out, menu("&Check the database"), ("check", accept))
    through_modals(out, menu("&About Dossier Desk"), ("about", accept))

    menu("&Sources…")()
    sources = window.findChild(SourcesDialog)
    settle_until(lambda: sources.model.rowCount() > 0)
    settle()
    sources.grab().save(str(out / "sources.png"))
    new = sources.tr("New…")
    new_source = next(b for b in sources.findChildren(QPushButton) if b.text() == new)
    through_modals(out, new_source.click, ("source-form", reject))
    sources.close()

    shown: list[str] = []
    window.detail_shown.connect(shown.append)

    def link(slug: str, href: str, name: str) -> None:
        from PySide6.QtCore import QUrl

        window.show_entity(slug)
        settle_until(lambda: slug in shown)
        through_modals(
            out, lambda: window.detail.anchorClicked.emit(QUrl(f"do:{href}")), (name, reject)
        )

    link("biocube-leipzig", "edit-fact/biocube-storeys", "figure-form")
    link("biocube-leipzig", "add-relation/", "relation-form")
    link("biocube-leipzig", "set-space/", "space-form")
    link("florian-schmidtner", "edit-contact/", "contact-form")

    prospect = ProspectInput(
        company_name="Acme Cell Therapeutics Inc.",
        code_name="Project Aurora",
        use_code_name=True,
        country="CH",
        sectors=("cell-gene-therapy",),
        activities=("manufacturing",),
        requirements=("gmp-manufacturing", "cleanroom", "cold-chain-logistics"),
    )
    prospect_dialog.edit_prospect = lambda _parent, _data=None: prospect  # type: ignore[assignment]
    window.tabs.setCurrentIndex(2)
    view = window.prospects
    view.edit_prospect(new=True)
    settle_until(lambda: view.new_brief_button.isEnabled())
    opened: list[int] = []
    view.open_brief.connect(opened.append)
    view.new_brief_button.click()
    settle_until(lambda: bool(opened))
    editor = window.desk.editors[opened[0]]
    settle_until(lambda: editor.current is not None)
    german = editor.language.findData("de")
    if german >= 0 and editor.language.currentIndex() != german:  # the dossier in German, too
        assembled: list[bool] = []
        editor.assembled.connect(lambda: assembled.append(True))
        editor.language.setCurrentIndex(german)
        editor.language.activated.emit(german)  # as when chosen
        settle_until(lambda: bool(assembled))

    through_modals(out, _resized(menu("Print pre&view of the dossier…")), ("preview", reject))
    through_modals(
        out,
        window.export_action.trigger,
        (None, reject),  # the contact card: later (first-start.png shows it)
        ("export-empty-contact", press(QMessageBox.ButtonRole.AcceptRole)),
        (None, save_in_temp),
        ("pre-export-check", accept),
    )
    settle_until(lambda: editor.findChild(QMessageBox, "dossierSaved") is not None)
    saved = editor.findChild(QMessageBox, "dossierSaved")
    settle()
    saved.grab().save(str(out / "export.png"))
    saved.close()
    editor.close()
    window.close()


def _resized(opening: Callable[[], object]) -> Callable[[], object]:
    """Open the print preview at a size a window gets on a laptop screen, not Qt's smallest."""

    def resize_when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "printPreview":
            dialog.resize(1100, 820)
        else:
            QTimer.singleShot(20, resize_when_shown)

    def opening_resized() -> object:
        QTimer.singleShot(0, resize_when_shown)
        return opening()

    return opening_resized


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/de")
    out.mkdir(parents=True, exist_ok=True)
    ensure_application()
    from desktop.app.store import open_store
    from desktop.core.storage.database import Database
    from desktop.core.upkeep.editing import entity_record
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.prospect_dialog import ProspectDialog
    from desktop.ui.preferences.first_start import ConsultantCardDialog
    from desktop.ui.preferences.settings_dialog import SettingsDialog
    from desktop.ui.upkeep.entity_dialog import EntityDialog
    from desktop.ui.upkeep.import_dialog import ImportDialog
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog

    path = TEMP / "knowledge.sqlite3"
    database = Database.open(path)
    with database.session() as session:
        record = entity_record(session, "biocube-leipzig")
    database.close()
    executor = DatabaseExecutor(lambda: open_store(path))
    shoot(SettingsDialog(None), out, "settings")
    shoot(ConsultantCardDialog(), out, "first-start")
    shoot(ProspectDialog(None), out, "prospect-form")
    shoot(EntityDialog(None, record, {}, {"lab-s1": "S1 laboratory"}), out, "entity-form")
    shoot(ImportDialog(executor, None), out, "import")
    shoot(AuditDialog(executor, None), out, "journal")
    shoot(NeedsCheckingDialog(executor, None), out, "needs-checking")
    executor.shutdown()
    from_the_window(out, path)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
