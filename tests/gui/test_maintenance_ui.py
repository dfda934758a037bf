"""Backups and restore from the window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.changes import DataChange, Topic
from desktop.core.storage import backup
from desktop.core.storage.database import Database
from desktop.core.storage.sqlite.fts import index as search_index
from desktop.core.storage.sqlite.fts import rank as search_rank
from desktop.ui.base import dialogs
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import maintenance


def replaced(change: DataChange) -> bool:
    """The announcement of a restore: the database file was replaced, everything reloads."""
    return Topic.EVERYTHING in change.topics


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
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.delete_entity("co-don")
    qtbot.waitUntil(lambda: window.results.model.row_of("co-don") is None, timeout=10_000)

    monkeypatch.setattr(maintenance, "choose_backup", lambda _parent, backups: backups[0])
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000, check_params_cb=replaced):
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


def test_start_up_check_backs_up_a_sound_database(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.core.storage import health

    report = health.quick_check(window.db_path)
    assert report.ok
    with qtbot.waitSignal(window.maintenance.backed_up, timeout=10_000) as made:
        window.maintenance._after_quick_check(report)
    assert made.args[0] and window.maintenance.timer.isActive()


def test_start_up_check_offers_the_latest_backup_when_damaged(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown_dialogs: list
) -> None:
    from desktop.core.storage import health

    window.maintenance.backup_now()
    qtbot.waitUntil(lambda: len(backup.list_backups(window.db_path)) == 1, timeout=10_000)
    offered = []
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, title, message: offered.append(message) or False
    )
    damaged = health.Report(window.db_path, ("quick_check",), ("page 7 is damaged",))
    window.maintenance._after_quick_check(damaged)
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert "page 7 is damaged" in offered[0] and "passes its check" in offered[0]


def test_a_rank_index_left_for_later_is_made_in_the_background(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import into a large database leaves the rank index for later; the window makes it
    behind its other work, and searching never waits for it."""
    monkeypatch.setattr(search_rank, "BUILD_LATER", 50)  # the cluster's 82 entities are many
    database = Database.open(db_path, create=False)
    with database.engine.begin() as connection:
        search_rank.build_rank_index(connection, min_docs=10)
        search_index.rebuild_search_index(connection)  # as a bulk load does
        assert search_rank.rank_index_due(connection)
    database.close()
    window = open_window(db_path)
    window.maintenance.finish_search_index()  # also after start-up and after every change

    def made() -> bool:
        with sqlite3.connect(db_path) as plain:
            state = dict(plain.execute("SELECT key, value FROM entity_fts_rank_state"))
        return "due" not in state and "structure" in state

    qtbot.waitUntil(made, timeout=10_000)
