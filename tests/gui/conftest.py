"""GUI fixtures: a main window on a fresh database, with dialogs recorded instead of shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui import dialogs
from desktop.ui.app import build_main_window, ensure_application
from desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_automatic_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's start-up check and periodic backups run on timers; tests that need them
    call them directly, so no timer can race a test's own backups."""
    from desktop.ui.maintenance import Maintenance

    monkeypatch.setattr(Maintenance, "start", lambda self: None)


@pytest.fixture
def shown_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every error/info dialog the app would show, as (title, message); none is shown."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, title, message: seen.append((title, message))
    )
    monkeypatch.setattr(
        dialogs, "show_info", lambda _p, title, message: seen.append((title, message))
    )
    return seen


@pytest.fixture
def open_window(qtbot: QtBot, shown_dialogs: list[tuple[str, str]]) -> Iterator:
    """A factory: ``open_window(path)`` builds, shows and waits for the first results."""
    windows: list[MainWindow] = []

    def factory(path: Path, *, wait: bool = True) -> MainWindow:
        ensure_application()
        window = build_main_window(path)
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        if wait:
            with qtbot.waitSignal(window.results_shown, timeout=10_000):
                window.show()
        else:
            window.show()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        if window.isVisible():
            window.close()
        window.deleteLater()
    qtbot.wait(0)


@pytest.fixture
def window(open_window, db_path: Path) -> MainWindow:
    return open_window(db_path)
