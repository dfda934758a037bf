"""DatabaseOp: a user action on the executor, answered on the UI thread, announced once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.app.changes import DataChange, Topic, change
from desktop.app.store import Store
from desktop.core.errors import NotFoundError
from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.base.operation import DatabaseOp


def _count_entities(store: Store) -> int:
    with store.reading() as reader:
        return reader.execute("SELECT count(*) FROM entity").fetchone()[0]


def test_success_reaches_the_owner_and_the_change_is_announced(
    executor: DatabaseExecutor, qtbot: QtBot
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list[int] = []
    announced: list[DataChange] = []
    executor.data_changed.connect(announced.append)
    with qtbot.waitSignal(executor.data_changed, timeout=10_000):
        DatabaseOp(owner, _count_entities).success(results.append).announces(
            change(Topic.ENTITIES, slug="x")
        ).run(executor)
    assert results and results[0] > 50
    assert announced[0].touches(Topic.ENTITIES) and not announced[0].touches(Topic.BRIEFS)
    assert announced[0].origin is owner and announced[0].slug == "x"


def test_a_failure_without_a_handler_becomes_one_message(
    executor: DatabaseExecutor, qtbot: QtBot, shown_dialogs: list[tuple[str, str]]
) -> None:
    owner = QWidget()
    owner.setWindowTitle("Brief — Aurora")
    qtbot.addWidget(owner)
    announced: list[DataChange] = []
    executor.data_changed.connect(announced.append)

    def missing(_store: Store) -> None:
        raise NotFoundError("No brief with id 99.")

    DatabaseOp(owner, missing).announces(change(Topic.BRIEFS)).run(executor)
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=10_000)
    assert shown_dialogs == [("Brief", "No brief with id 99.")]
    assert announced == []  # nothing changed, nothing announced


def test_an_unexpected_error_opens_the_report(
    executor: DatabaseExecutor, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    reported: list[BaseException] = []
    monkeypatch.setattr(dialogs, "report_unexpected", lambda _p, error: reported.append(error))

    def broken(_store: Store) -> None:
        raise RuntimeError("boom")

    DatabaseOp(owner, broken).run(executor)
    qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
    assert str(reported[0]) == "boom"


def test_results_for_a_deleted_owner_are_dropped(executor: DatabaseExecutor, qtbot: QtBot) -> None:
    import threading

    import shiboken6

    owner = QWidget()
    results: list[int] = []
    announced: list[DataChange] = []
    executor.data_changed.connect(announced.append)
    release = threading.Event()
    executor.submit(lambda _store: release.wait(10), lambda _done: None)  # holds the worker
    DatabaseOp(owner, _count_entities).success(results.append).announces(
        change(Topic.ENTITIES)
    ).run(executor)
    owner.deleteLater()  # gone before the operation's job has run, whatever the machine's speed
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=10_000)
    release.set()
    marker: list[int] = []
    executor.submit(lambda _store: 1, marker.append)  # runs after the first job
    qtbot.waitUntil(lambda: bool(marker), timeout=10_000)
    assert results == [] and announced == []


def test_long_work_shows_progress_and_its_reports(executor: DatabaseExecutor, qtbot: QtBot) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog

    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    release = threading.Event()
    done: list[str] = []

    def work(_store: Store) -> str:
        op.report(5, 10, "Half way")
        release.wait(timeout=30)  # held until the test has seen the dialog
        return "finished"

    op = DatabaseOp(owner, work).with_progress("Importing…").success(done.append)
    op.run(executor)

    def dialog() -> QProgressDialog | None:
        return owner.findChild(QProgressDialog, "operationProgress")

    qtbot.waitUntil(lambda: dialog() is not None and dialog().isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: dialog().value() == 5, timeout=10_000)
    assert dialog().maximum() == 10 and dialog().labelText() == "Half way"
    release.set()
    qtbot.waitUntil(lambda: done == ["finished"], timeout=10_000)
    qtbot.waitUntil(lambda: dialog() is None, timeout=10_000)
