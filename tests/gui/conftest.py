"""GUI fixtures: a main window on a fresh database, with dialogs recorded instead of shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.shell.app import build_main_window, ensure_application
from desktop.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True, scope="session")
def none_refcount_guard() -> None:
    """The GUI run makes far more Qt calls than a 3.11 ``None`` survives under PySide6 6.12
    (see desktop.ui.base.qt_runtime), so the guard the app installs is installed here too."""
    from desktop.ui.base.qt_runtime import guard_none_refcount

    guard_none_refcount()


@pytest.fixture(autouse=True)
def no_automatic_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's start-up check and periodic backups run on timers; tests that need them
    call them directly, so no timer can race a test's own backups."""
    from desktop.ui.upkeep.maintenance import Maintenance

    monkeypatch.setattr(Maintenance, "start", lambda self: None)


@pytest.fixture(autouse=True)
def no_contact_card_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start and an export with an empty contact card ask in modal dialogs, and an
    export ends with an "Open PDF" message; tests that need them call the real functions."""
    from desktop.ui.dossier import export_flow
    from desktop.ui.preferences import first_start

    monkeypatch.setattr(first_start, "ask_consultant_card", lambda _parent: False)
    monkeypatch.setattr(export_flow, "confirm_empty_contact_page", lambda _parent: True)
    monkeypatch.setattr(export_flow, "offer_open_pdf", lambda _parent, _path: None)


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
def executor(db_path: Path, qtbot: QtBot) -> Iterator[DatabaseExecutor]:
    """The window's database executor on the test's database, without a window around it."""
    from desktop.app.store import open_store

    running = DatabaseExecutor(lambda: open_store(db_path))
    yield running
    running.shutdown()


@pytest.fixture
def open_window(qtbot: QtBot, shown_dialogs: list[tuple[str, str]]) -> Iterator:
    """A factory: ``open_window(path)`` builds, shows and waits for the first screen — the
    first results and their counts, then the services and menus' entries, built after them."""
    windows: list[MainWindow] = []

    def factory(path: Path, *, wait: bool = True) -> MainWindow:
        ensure_application()
        window = build_main_window(path)
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        if wait:
            with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
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


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The window in German for this test — its catalogue, Qt's own and the German locale —
    and English again afterwards."""
    from desktop.ui.base.translation import install_translations, remove_translations

    translators = install_translations(qapp, "de")
    assert translators, "the German catalogue did not load"
    yield
    remove_translations(qapp, translators)


@pytest.fixture
def german_formats(qapp: QApplication) -> Iterator[None]:
    """German numbers, dates and sorting without the catalogue: the texts stay English, so a
    test can read the formats alone."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    qapp.setProperty("dossierLanguage", "de")
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    qapp.setProperty("dossierLanguage", "en")
