"""What the window says is true: after an import, a restore, a delete; in window terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.changes import DataChange, Topic
from desktop.core.storage import backup
from desktop.ui.base import dialogs
from desktop.ui.base.wording import for_window, plural
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import entity_dialog, maintenance
from desktop.ui.upkeep.import_dialog import ImportDialog, rows_summary


def replaced(change: DataChange) -> bool:
    """The announcement of a restore: the database file was replaced, everything reloads."""
    return Topic.EVERYTHING in change.topics


CSV = (
    "Name;Art;Branchen;Ort;Beschreibung\n"
    "Zyxo Bio GmbH;company;biotech-pharma;Leipzig;Peptide synthesis services\n"
)


def run_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> ImportDialog:
    source = tmp_path / "new-companies.csv"
    source.write_text(CSV, "utf-8")
    dialog = window.edits.open_import()
    qtbot.addWidget(dialog)
    dialog.open_file(source)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10_000)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=20_000):
        dialog.apply_button.click()
    return dialog


def listed(window: MainWindow, slug: str) -> bool:
    return window.results.model.row_of(slug) is not None


def test_after_an_import_the_pane_shows_the_entity_and_undo_takes_the_import_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_dialogs: list
) -> None:
    window.show_entity("co-don")
    qtbot.waitUntil(lambda: "CO.DON" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.detail_shown, timeout=20_000):  # shown again, as it now is
        dialog = run_import(qtbot, window, tmp_path)
    assert "CO.DON" in window.detail.toPlainText()
    assert "deleted" not in window.detail.toPlainText()
    made = backup.list_backups(window.db_path)[0].path
    assert made.name in dialog.summary.text() and "Edit ▸ Undo" in dialog.summary.text()

    window.search_field.setText("Zyxo")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    assert window.undo_action.isEnabled() and "Import" in window.undo_action.text()
    with qtbot.waitSignal(window.executor.data_changed, timeout=20_000, check_params_cb=replaced):
        window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.results.is_empty_state(), timeout=10_000)
    assert "undone" in window.statusBar().currentMessage()
    assert window.redo_action.isEnabled()

    with qtbot.waitSignal(window.executor.data_changed, timeout=20_000, check_params_cb=replaced):
        window.redo_action.trigger()
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    assert shown_dialogs == []


def test_undoing_an_import_is_refused_when_the_data_changed_since(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_dialogs: list
) -> None:
    run_import(qtbot, window, tmp_path)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.verify("entity", "co-don")  # not on the undo stack: a restore would lose it
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=20_000)
    _title, message = shown_dialogs[0]
    backup_name = backup.list_backups(window.db_path)[0].path.name
    assert "changed after it" in message and backup_name in message
    assert "Tools ▸ Restore a backup" in message
    assert window.edits.stack.count() == 0 and not window.undo_action.isEnabled()
    window.search_field.setText("Zyxo")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)


def test_an_undo_that_failed_for_a_busy_file_stays_on_the_stack(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.core.errors import DatabaseLockedError

    run_import(qtbot, window, tmp_path)

    def busy(path: Path, _source: Path) -> None:
        raise DatabaseLockedError(path)

    monkeypatch.setattr(backup, "restore", busy)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=20_000)
    assert "busy" in shown_dialogs[0][1]
    assert window.edits.stack.count() == 1 and window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled() and window.edits.pending == 0


def test_redoing_an_import_is_refused_when_the_data_changed_after_the_undo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_dialogs: list
) -> None:
    run_import(qtbot, window, tmp_path)
    with qtbot.waitSignal(window.executor.data_changed, timeout=20_000, check_params_cb=replaced):
        window.undo_action.trigger()
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.verify("entity", "co-don")
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=20_000)
    assert "cannot be redone" in shown_dialogs[0][1] and "Data ▸ Import" in shown_dialogs[0][1]
    assert window.edits.stack.count() == 0 and not window.redo_action.isEnabled()


def test_a_delete_says_so_and_how_to_undo_other_changes_do_not(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    window.show_entity("biocube-leipzig")
    qtbot.waitUntil(lambda: "S2 laboratory" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.verify("fact", "biocube-storeys")  # a figure: the pane keeps the entity
    qtbot.waitUntil(lambda: "S2 laboratory" in window.detail.toPlainText(), timeout=10_000)
    assert "deleted" not in window.detail.toPlainText()

    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.delete_entity("biocube-leipzig")
    text = window.detail.toPlainText()
    assert "BioCube Leipzig" in text and "deleted" in text and "Ctrl+Z" in text
    assert window.undo_action.isEnabled()


def test_after_a_restore_the_pane_speaks_of_the_window_not_the_command_line(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown_dialogs: list
) -> None:
    from desktop.core.upkeep.editing import EntityRecord

    window.maintenance.backup_now()
    qtbot.waitUntil(lambda: len(backup.list_backups(window.db_path)) == 1, timeout=10_000)

    new = EntityRecord(
        slug="zyxo-new", name="Zyxo New GmbH", kind="company", sectors=("biotech-pharma",)
    )
    monkeypatch.setattr(entity_dialog, "edit_entity", lambda _p, _record, _names, _tags: new)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.edits.new_entity()
    assert window.selected_slug == "zyxo-new"
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    monkeypatch.setattr(maintenance, "choose_backup", lambda _parent, backups: backups[0])
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000, check_params_cb=replaced):
        window.maintenance.restore()
    qtbot.waitUntil(
        lambda: "no longer in the database" in window.detail.toPlainText(), timeout=10_000
    )
    shown = window.detail.toPlainText() + " ".join(m for _t, m in shown_dialogs)
    assert "dossier-desk" not in shown and "slug" not in shown
    assert window.edits.stack.count() == 0  # the restore made older edits meaningless
    assert any("can no longer be undone" in message for _t, message in shown_dialogs)


def test_core_messages_are_told_in_window_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "x is damaged (bad page); no backup was made. Run 'dossier-desk check'."
    assert for_window(message).endswith("Use Tools ▸ Check the database.")
    assert "dossier-desk" not in for_window("no entity 'a'; try `dossier-desk search a`")
    texts = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    dialogs.show_error(None, "Backup failed", message)
    assert texts == [for_window(message)]


def test_counts_have_the_right_plural(qtbot: QtBot, window: MainWindow) -> None:
    assert plural(1, "entity") == "1 entity" and plural(2, "entity") == "2 entities"
    assert rows_summary({"add": 1, "reject": 2}) == "1 row to add, 2 rows rejected"
    window.search_field.setText("CO.DON")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    assert window.status_label.text().startswith("1 entity")
    assert "entities" not in window.status_label.text()
