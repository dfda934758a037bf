"""The executor's reading lane: reads beside the main lane, opened and closed in step with it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.base.executor import DatabaseExecutor


class Handle:
    """Stands in for a store: knows the thread that opened it and whether it was closed."""

    def __init__(self, handles: list[Handle]) -> None:
        self.opened_in = threading.current_thread().name
        self.closed = False
        handles.append(self)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def handles() -> list[Handle]:
    return []


@pytest.fixture
def lanes(handles: list[Handle], qtbot: QtBot) -> Iterator[DatabaseExecutor]:
    running = DatabaseExecutor(lambda: Handle(handles))
    yield running
    running.shutdown()


def outcome(qtbot: QtBot, submit: Any, work: Any) -> Any:
    """Submit ``work`` with ``submit`` and wait for its result on the UI thread."""
    box: list[Any] = []
    submit(work, box.append, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def where(handle: Handle) -> tuple[str, str]:
    return threading.current_thread().name, handle.opened_in


def test_reads_run_on_the_main_lane_until_it_has_opened(
    qtbot: QtBot, lanes: DatabaseExecutor, handles: list[Handle]
) -> None:
    thread, opened_in = outcome(qtbot, lanes.submit_reading, where)
    assert thread.startswith("database") and opened_in.startswith("database")
    assert len(handles) == 1  # the first open (which may create the file) happens once


def test_reads_run_beside_a_busy_main_lane(
    qtbot: QtBot, lanes: DatabaseExecutor, handles: list[Handle]
) -> None:
    outcome(qtbot, lanes.submit, where)  # the main lane opens
    busy, release = threading.Event(), threading.Event()
    lanes.submit(lambda _handle: (busy.set(), release.wait(timeout=30)))
    try:
        assert busy.wait(timeout=10)
        thread, opened_in = outcome(qtbot, lanes.submit_reading, where)
        assert not release.is_set()  # the main lane is still busy
    finally:
        release.set()
    assert thread.startswith("reading") and opened_in.startswith("reading")
    assert len(handles) == 2


def test_closing_the_database_closes_the_reading_lane_until_the_main_lane_opens_again(
    qtbot: QtBot, lanes: DatabaseExecutor, handles: list[Handle]
) -> None:
    outcome(qtbot, lanes.submit, where)
    outcome(qtbot, lanes.submit_reading, where)
    assert len(handles) == 2

    def while_closed() -> list[bool]:  # a restore replacing the file needs it free
        return [handle.closed for handle in handles]

    assert outcome(qtbot, lanes.submit_closed, while_closed) == [True, True]
    thread, _opened_in = outcome(qtbot, lanes.submit_reading, where)
    assert thread.startswith("database")  # the main lane opens first, once
    thread, _opened_in = outcome(qtbot, lanes.submit_reading, where)
    assert thread.startswith("reading")
    assert [handle.closed for handle in handles] == [True, True, False, False]


def test_shutting_down_closes_both_lanes(qtbot: QtBot, handles: list[Handle]) -> None:
    running = DatabaseExecutor(lambda: Handle(handles))
    outcome(qtbot, running.submit, where)
    outcome(qtbot, running.submit_reading, where)
    running.shutdown()
    assert [handle.closed for handle in handles] == [True, True]
    assert running.submit_reading(where) is None
