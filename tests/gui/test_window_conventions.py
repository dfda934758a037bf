"""Office conventions: File menu, recent dossiers, Open PDF, save folder, print preview,
context menus, Esc, and people's words instead of codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.base import dialogs, folders
from desktop.ui.browse.detail_view import NOT_LISTED
from desktop.ui.dossier import export_check, export_flow, print_preview, recent_dossiers
from desktop.ui.dossier.export_flow import (
    offer_open_pdf as REAL_OFFER,  # before conftest replaces it
)
from desktop.ui.shell import window_actions
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import entity_dialog

from .brief_helpers import open_new_brief


@pytest.fixture
def editor(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch):
    return open_new_brief(qtbot, window, monkeypatch)


def menu_texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_has_what_an_office_program_has(qtbot: QtBot, window: MainWindow) -> None:
    assert menu_texts(window.file_menu) == [
        "New prospect…",
        "Open recent dossier",
        "Export dossier…",
        "Print preview of the dossier…",
        "Export changes…",
        "Import changes…",
        "Quit",
    ]
    window.file_menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(window.file_menu.isVisible, timeout=5_000)
    window.file_menu.grab().save("/tmp/team/file-menu.png")
    window.file_menu.hide()


def test_export_without_a_brief_shows_the_prospects_tab_with_a_hint(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.export_action.trigger()
    assert window.tabs.currentIndex() == 2
    assert "open a brief" in window.statusBar().currentMessage()
    window.print_preview_action.trigger()
    assert "open a brief" in window.statusBar().currentMessage()


def test_file_export_writes_the_open_brief_and_offers_to_open_the_pdf(
    qtbot: QtBot,
    window: MainWindow,
    editor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "aurora.pdf"
    target.parent.mkdir()
    opened: list[Path] = []
    offered = []
    monkeypatch.setattr(recent_dossiers, "open_file", lambda path: opened.append(path) or True)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name: target)
    monkeypatch.setattr(
        export_check, "pre_export_check", lambda _p, _f: export_check.ExportChoice(None)
    )
    monkeypatch.setattr(
        export_flow, "offer_open_pdf", lambda p, path: offered.append(REAL_OFFER(p, path))
    )
    with qtbot.waitSignal(editor.exported, timeout=30_000):
        window.export_action.trigger()
    assert len(PdfReader(target).pages) >= 3
    box = offered[0]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "aurora.pdf" in box.text()
    box.grab().save("/tmp/team/open-pdf-message.png")
    open_button = next(b for b in box.buttons() if b.text() == "Open PDF")
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert opened == [target]

    assert recent_dossiers.recent() == [target]
    recent_dossiers.fill_menu(window.recent_menu)
    assert menu_texts(window.recent_menu)[0].endswith("aurora.pdf")
    window.recent_menu.actions()[0].trigger()
    assert opened == [target, target]
    assert folders.save_folder() == target.parent  # the next save opens here


def test_the_save_dialog_opens_in_documents_not_the_program_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "person"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)  # the "program's folder"
    seen: list[str] = []

    def fake(_parent, _title, start, _filter):
        seen.append(start)
        return str(Path(start).parent / "chosen.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    assert folders.documents_folder() == home / "Documents"
    chosen = dialogs.ask_save_path(None, "Location dossier.pdf")
    assert Path(seen[0]) == home / "Documents" / "Location dossier.pdf"
    assert chosen == home / "Documents" / "chosen.pdf"
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    folders.remember_folder(elsewhere)
    dialogs.ask_save_path(None, "x.pdf")
    assert Path(seen[1]).parent == elsewhere


def test_print_preview_paints_every_page_of_the_dossier(
    qtbot: QtBot,
    window: MainWindow,
    editor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    shown: list[bytes] = []
    monkeypatch.setattr(print_preview, "show_print_preview", lambda _p, pdf: shown.append(pdf))
    monkeypatch.setattr(print_preview, "RENDER_DPI", 36)  # the pages, not their sharpness
    window_actions.print_preview_from_window(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert shown[0].startswith(b"%PDF")
    document = print_preview.load(shown[0])
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_preview.paint(document, printer)
    assert pages == document.pageCount() >= 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages


def test_results_have_a_context_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.search_field.setText("CO.DON")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    index = window.results.proxy.index(0, 0)
    menu = window.results.context_menu(index)
    assert menu_texts(menu) == ["Show details", "Edit…", "Mark verified", "Copy name"]
    menu.popup(window.table.viewport().mapToGlobal(window.table.visualRect(index).center()))
    qtbot.waitUntil(menu.isVisible, timeout=5_000)
    menu.grab().save("/tmp/team/results-context-menu.png")
    menu.hide()
    actions = {a.objectName(): a for a in menu.actions()}
    actions["context-copy-name"].trigger()
    assert QGuiApplication.clipboard().text().startswith("CO.DON")
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        actions["context-open"].trigger()
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        actions["context-verify"].trigger()
    edited = []
    monkeypatch.setattr(entity_dialog, "edit_entity", lambda *args: edited.append(args) or None)
    actions["context-edit"].trigger()
    qtbot.waitUntil(lambda: bool(edited), timeout=10_000)
    assert edited[0][1].slug == "co-don"


def test_the_detail_pane_marks_an_entity_the_results_no_longer_contain(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_field.setText("CO.DON")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.show_entity("co-don")
    assert NOT_LISTED not in window.detail.toPlainText()
    window.search_field.setText("BioCube")
    qtbot.waitUntil(lambda: window.results.model.row_of("co-don") is None, timeout=10_000)
    assert NOT_LISTED in window.detail.toPlainText() and "CO.DON" in window.detail.toPlainText()
    window.clear_search_and_filters()
    qtbot.waitUntil(lambda: window.results.model.row_of("co-don") is not None, timeout=10_000)
    assert NOT_LISTED not in window.detail.toPlainText()


def test_esc_closes_the_secondary_windows(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.ui.upkeep.import_dialog import ImportDialog
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog, SourcesDialog

    for dialog in (
        AuditDialog(window.executor, window),
        NeedsCheckingDialog(window.executor, window),
        SourcesDialog(window.executor, window.edits.records, window),
        ImportDialog(window.executor, window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), type(dialog).__name__


def test_the_journal_and_needs_checking_speak_in_names_not_codes(
    qtbot: QtBot, window: MainWindow
) -> None:
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog

    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.verify("entity", "co-don")
    journal = AuditDialog(window.executor, window, "co-don")
    qtbot.addWidget(journal)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 1, timeout=10_000)
    row = [journal.model.index(0, c).data() for c in range(journal.model.columnCount())]
    assert row[2] == "Verified" and row[3].startswith("Entity: CO.DON")
    assert "co-don" not in journal.windowTitle() and "CO.DON" in journal.windowTitle()
    checking = NeedsCheckingDialog(window.executor, window)
    qtbot.addWidget(checking)
    qtbot.waitUntil(lambda: checking.model.rowCount() > 0, timeout=10_000)
    kinds = {checking.model.index(r, 1).data() for r in range(checking.model.rowCount())}
    assert kinds <= {"Entity", "Key figure"}
    assert "records and figures to check" in checking.summary.text()
