"""Backups and restore from the window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import backup
from desktop.ui import dialogs, maintenance
from desktop.ui.main_window import MainWindow


def test_back_up_then_restore_from_the_tools_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown_dialogs: list
) -> None:
    with qtbot.waitSignal(window.maintenance.backed_up, timeout=10_000) as made:
        window.maintenance.backup_now()
    assert made.args[0].endswith(".sqlite3")
    assert len(backup.list_backups(window.db_path)) == 1

    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    window.show_entity("co-don")
    qtbot.waitUntil(lambda: "CO.DON" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.edits.changed, timeout=10_000):
        window.edits.delete_entity("co-don")
    qtbot.waitUntil(lambda: window.results.model.row_of("co-don") is None, timeout=10_000)

    monkeypatch.setattr(maintenance, "choose_backup", lambda _parent, backups: backups[0])
    with qtbot.waitSignal(window.maintenance.restored, timeout=10_000):
        window.maintenance.restore()
    qtbot.waitUntil(lambda: window.results.model.row_of("co-don") is not None, timeout=10_000)
    assert any("kept" in message for _title, message in shown_dialogs)
    assert list(window.db_path.parent.glob("*.before-restore-*"))


def test_automatic_backup_only_when_changed(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.maintenance.backed_up, timeout=10_000) as first:
        window.maintenance.backup_if_changed("start")
    with qtbot.waitSignal(window.maintenance.backed_up, timeout=10_000) as second:
        window.maintenance.backup_if_changed("periodic")
    assert first.args[0] and second.args[0] == ""
