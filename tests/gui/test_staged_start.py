"""The window's staged start: a light frame painted first, looking as it will, then the rest.

No timings here (those are bench/startup.py's): these tests hold the structure that makes the
first paint fast — what is imported and built before it, what follows — and that the frame does
not change its look when the rest arrives.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.base.settings import app_settings
from desktop.ui.browse.entity_model import HIT_ROLE
from desktop.ui.shell import app as shell_app
from desktop.ui.shell import source_scan
from desktop.ui.shell.app import build_main_window, ensure_application
from desktop.ui.shell.frame import MENUS
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.staging import AfterNextPaint

# Imported by the window's services, panels and database, after the first paint (staging)
LOADED_AFTER_THE_FIRST_PAINT = (
    "desktop.ui.base.executor",
    "desktop.ui.briefs.briefs_desk",
    "desktop.ui.browse.browse_view",
    "desktop.ui.browse.searching",
    "desktop.ui.preferences.first_start",
    "desktop.ui.shell.window_actions",
    "desktop.ui.team.sync_control",
    "desktop.ui.upkeep.edit_controller",
    "desktop.ui.upkeep.maintenance",
    "desktop.ui.base.dialogs",
    "desktop.core.kb.validation",
    "desktop.app.store",
    "desktop.core.search.service",
    "sqlite3",
    "sqlalchemy",
    "logging.handlers",
)
# The window's real start (``app.main``), telling which modules are loaded at the first paint
BEFORE_THE_FIRST_PAINT = """
import json, sys
from desktop.ui.shell import app
build = app.build_main_window
def traced(path):
    window = build(path)
    def first_paint():
        print(json.dumps(sorted(sys.modules)), flush=True)
        app.QApplication.instance().quit()
    window.first_painted.connect(first_paint)
    return window
app.build_main_window = traced
sys.exit(app.main(["--db", sys.argv[1]]))
"""


def test_the_first_paint_imports_neither_services_nor_panels_nor_the_database(
    db_path: Path,
) -> None:
    """``app.main`` in a fresh interpreter, up to the window's first paint."""
    done = subprocess.run(
        [sys.executable, "-c", BEFORE_THE_FIRST_PAINT, str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    loaded = set(json.loads(done.stdout.splitlines()[0]))
    assert "desktop.ui.shell.main_window" in loaded  # the probe ran what it should
    assert sorted(loaded.intersection(LOADED_AFTER_THE_FIRST_PAINT)) == []


def test_before_its_first_paint_the_window_is_its_frame(qtbot: QtBot, db_path: Path) -> None:
    ensure_application()
    window = build_main_window(db_path)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert [action.text() for action in window.menuBar().actions()] == [t for _, t in MENUS]
    assert all(menu.isEmpty() for menu in window.menus.values())  # entries come after
    assert window.back_button.text() == "Back" and not window.back_button.icon().isNull()
    assert not hasattr(window, "executor") and not hasattr(window, "browse")
    window.close()  # closing before the start shuts nothing down that was never started
    assert not hasattr(window, "executor")


def test_the_frame_looks_the_same_once_the_rest_is_built(
    qtbot: QtBot, db_path: Path, shown_dialogs: list
) -> None:
    ensure_application()
    window = build_main_window(db_path)
    qtbot.addWidget(window)
    painted: list[bool] = []
    buttons = (window.back_button, window.forward_button)

    def look() -> list[object]:
        toolbar = [(b.text(), b.icon().isNull(), b.sizeHint(), b.isEnabled()) for b in buttons]
        field = window.search_field.geometry()  # its height follows the focus (a wider border)
        return [*toolbar, (field.left(), field.width()), window.menuBar().sizeHint()]

    before: list[object] = []
    window.first_painted.connect(lambda: painted.append(window._started) or before.extend(look()))
    with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
        window.show()
    assert painted == [False]  # once, and before the services and panels
    assert look() == before  # the menus' entries and the actions came after the first screen
    assert window.back_button.defaultAction() is window.back_action
    assert [a.text().replace("&", "") for a in window.menus["go"].actions()] == ["Back", "Forward"]
    assert not window.menus["file"].isEmpty() and window.file_menu is window.menus["file"]
    window.close()


def test_a_window_never_shown_starts_after_a_moment(qtbot: QtBot, db_path: Path) -> None:
    ensure_application()
    window = build_main_window(db_path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5_000):
        pass  # the late start says so too: logging is set up then
    qtbot.waitUntil(lambda: hasattr(window, "executor"), timeout=5_000)
    qtbot.waitUntil(lambda: window.shown_generation > 0, timeout=10_000)
    window.close()


def test_the_counts_of_the_first_list_are_announced(qtbot: QtBot, open_window, db_path) -> None:
    window: MainWindow = open_window(db_path, wait=False)
    with qtbot.waitSignal(window.counts_shown, timeout=10_000) as counted:
        pass
    assert counted.args == [window.generation]


def test_garbage_collection_resumes_frozen_after_the_first_paint() -> None:
    gc.disable()
    try:
        shell_app.resume_garbage_collection()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        shell_app.resume_garbage_collection()  # already on: nothing more is frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_start_up_probe_reports_each_stage_in_order(tmp_path: Path) -> None:
    """What bench/startup.py times: a real start, quitting by itself once a search answered."""
    from desktop.ui.shell.startup_probe import PROBE_ENV_VAR

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "k.sqlite3")],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", PROBE_ENV_VAR: "1"},
        check=True,
    )
    events = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    stamps = [float(line.split()[1]) for line in done.stdout.splitlines() if line.strip()]
    assert events == ["visible", "listed", "populated", "searchable"]
    assert stamps == sorted(stamps)
    logs = list(Path(os.environ["XDG_STATE_HOME"]).rglob("*.log"))
    assert logs, "logging was set up once the first screen was complete"
    saved = app_settings()
    assert saved.contains("search/query")  # the window saved its state as it quit ...
    assert saved.value("search/query") == ""  # ... without the query the probe typed


def test_the_side_imports_wait_until_the_first_counts_are_in(
    qtbot: QtBot, open_window, db_path: Path
) -> None:
    window: MainWindow = open_window(db_path, wait=False)
    with qtbot.waitSignal(window.counts_shown, timeout=10_000):
        pass
    assert window._orm_thread is None  # a moment of quiet first: searches go before imports
    qtbot.waitUntil(lambda: window.database_ok, timeout=10_000)  # then tags and key figures
    assert window._orm_thread is not None
    qtbot.waitUntil(lambda: window.team.state is not None, timeout=10_000)


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "k.sqlite3"], ["--db=k.sqlite3"], ["--db", "-odd.sqlite3"], ["--d", "k"]],
)
def test_the_window_reads_its_options_as_argparse_would(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    try:
        expected = parser.parse_args(argv)
    except SystemExit:
        with pytest.raises(SystemExit):
            shell_app._parse(argv)
        return
    assert shell_app._parse(argv) == expected


def _searches_before_the_panels(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The window's search generation each time a browse view is built."""
    from desktop.ui.browse import browse_view

    seen: list[int] = []
    build = browse_view.BrowseView.__init__

    def counted(view: Any, parent: Any = None) -> None:
        seen.append(parent.search.generation)
        build(view, parent)

    monkeypatch.setattr(browse_view.BrowseView, "__init__", counted)
    return seen


def test_an_empty_field_is_listed_before_the_panels_are_built(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _searches_before_the_panels(monkeypatch)
    app_settings().setValue("search/kind", "company")
    window: MainWindow = open_window(db_path)
    assert seen == [1]  # asked for while the panels were built ...
    assert window.generation == 1 and window.shown_generation == 1  # ... and only once
    assert window.browse.filter_choice() == ("company", None, ())  # the saved filter ...
    model = window.results.model
    kinds = {model.index(row, 0).data(HIT_ROLE).kind for row in range(model.rowCount())}
    assert kinds == {"company"}  # ... is the one the first list was asked with


def test_a_saved_query_is_searched_once_the_results_panel_exists(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its excerpts are cut for the rows the panel shows, so it waits for the panel."""
    seen = _searches_before_the_panels(monkeypatch)
    app_settings().setValue("search/query", "GMP")
    window: MainWindow = open_window(db_path)
    assert seen == [0]
    assert window.generation == 1 and window.search_field.text() == "GMP"


def test_a_saved_filter_the_navigator_no_longer_offers_is_searched_again(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _searches_before_the_panels(monkeypatch)
    app_settings().setValue("search/kind", "no-such-kind")
    window: MainWindow = open_window(db_path, wait=False)
    qtbot.waitUntil(lambda: window.shown_generation == 2, timeout=10_000)
    assert seen == [1]  # the list asked for first was outdated by the navigator's choice
    assert window.browse.filter_choice() == (None, None, ())
    assert window.results.model.rowCount() > 0


def test_the_first_screen_is_announced_once_its_counts_are_on_screen(
    qtbot: QtBot, open_window, db_path: Path
) -> None:
    window: MainWindow = open_window(db_path, wait=False)
    announced: list[int] = []
    window.first_screen_shown.connect(lambda: announced.append(window.counted))
    with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
        pass
    assert announced == [window.generation]  # after the first list's counts
    with qtbot.waitSignal(window.counts_shown, timeout=10_000):
        window.search_field.setText("GMP")
        window.run_search()
    painted: list[bool] = []
    AfterNextPaint(window.navigator.tree.viewport(), lambda: painted.append(True))
    qtbot.waitUntil(lambda: bool(painted), timeout=5_000)  # these counts are on screen too
    assert announced == [1]  # but the first screen was announced once


def test_modules_imported_after_pyside_are_checked_without_inspect() -> None:
    """PySide6's per-import question ("does the source mention PySide6?") gets the answer
    its own check gives, from the file's bytes."""
    assert source_scan.read_sources_cheaply()  # this PySide6 asks it: the shortcut is in place
    assert source_scan.read_sources_cheaply()  # once
    feature = sys.modules[source_scan.FEATURE_MODULE]
    check = getattr(feature, source_scan.CHECK)
    original = check.__wrapped__
    assert not hasattr(original, "__wrapped__")
    from desktop.core.search import filters
    from desktop.ui.shell import frame

    for module in (frame, filters, json, argparse, gc, pytest, sys.modules["PySide6.QtCore"]):
        assert check(module) == original(module), module.__name__
    assert check(frame) and not check(filters)


def test_what_is_logged_before_the_log_file_exists_reaches_it(tmp_path: Path) -> None:
    """The log file is set up once the first screen is complete; a failed open or search
    before that is logged too."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []  # as in the window's process: no handler yet
    root.setLevel(logging.WARNING)
    try:
        held = shell_app.HeldRecords()
        held.hold()
        logging.getLogger("desktop.ui.base.executor").info("database job failed")
        log = logging.FileHandler(tmp_path / "dossier-desk.log", encoding="utf-8")
        root.addHandler(log)
        held.hand_over()
        log.close()
        assert "database job failed" in (tmp_path / "dossier-desk.log").read_text("utf-8")
        root.handlers = []
        root.setLevel(logging.WARNING)
        untouched = shell_app.HeldRecords()
        untouched.hold()
        untouched.hand_over()  # nothing was set up: logging is left as it was found
        assert root.handlers == [] and root.level == logging.WARNING
    finally:
        root.handlers = handlers
        root.setLevel(level)


def test_the_first_lists_counts_are_asked_for_with_it_not_after_its_paint(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typed search's counts start once its rows are painted; the first list's come right
    behind it, to be painted with it and the panels. Here the runner never hears of a paint."""
    from desktop.ui.browse.searching import SearchRunner

    monkeypatch.setattr(SearchRunner, "_painted", lambda _runner: None)
    window: MainWindow = open_window(db_path, wait=False)
    with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
        pass
    assert window.counted == window.shown_generation == 1


def test_the_first_rows_await_their_counts_to_be_painted_in_one_go(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts are held back until the rows have reached the window: shown at once, the
    rows would be followed by the next turn of the event loop (and a paint) before them."""
    from PySide6.QtCore import QTimer

    from desktop.app import browse
    from desktop.core.search.service import SearchResult
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.browse import searching

    monkeypatch.setattr(searching, "COUNTS_AWAITED_MS", 60_000)  # however long they take
    rows_arrived = threading.Event()
    deliver, real_facets = DatabaseExecutor._deliver, browse.facets

    def delivering(executor: Any, callback: Any, value: Any, is_error: bool) -> None:
        if isinstance(value, SearchResult):
            rows_arrived.set()
        deliver(executor, callback, value, is_error)

    def facets(store: Any, **kwargs: Any) -> Any:
        rows_arrived.wait(timeout=60)
        return real_facets(store, **kwargs)

    monkeypatch.setattr(DatabaseExecutor, "_deliver", delivering)
    monkeypatch.setattr(browse, "facets", facets)
    window: MainWindow = open_window(db_path, wait=False)
    turns: list[str] = []
    window.results_shown.connect(lambda _g: QTimer.singleShot(0, lambda: turns.append("next")))
    window.results_shown.connect(lambda _g: turns.append("rows"))
    window.counts_shown.connect(lambda _g: turns.append("counts"))
    with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
        pass
    assert turns[:3] == ["rows", "counts", "next"]  # no paint can come between


def test_the_first_rows_do_not_await_late_counts(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.app import browse

    from .test_search_lanes import Gate

    with Gate(browse.facets, "") as gate:
        monkeypatch.setattr(browse, "facets", gate)
        window: MainWindow = open_window(db_path, wait=False)
        qtbot.waitUntil(lambda: window.shown_generation == 1, timeout=10_000)
        assert gate.entered.is_set() and window.counted == 0  # the counts are still held
    qtbot.waitUntil(lambda: window.counted == 1, timeout=10_000)


def test_the_services_and_menus_entries_come_once_the_first_screen_is_complete(
    qtbot: QtBot, open_window, db_path: Path
) -> None:
    window: MainWindow = open_window(db_path, wait=False)
    seen: list[bool] = []
    window.results_shown.connect(lambda _g: seen.append(hasattr(window, "edits")))
    window.results_shown.connect(lambda _g: seen.append(window.menus["data"].isEmpty()))
    with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
        pass
    assert seen == [False, True]  # the first rows came without them
    assert hasattr(window, "edits") and not window.menus["data"].isEmpty()
    assert window.team.button.parent() is not None  # in the toolbar, where the frame kept room
    window.show_tab(2)  # the Prospects tab's desk was there all along
    assert window.tabs.currentWidget() is window.desk.view()


def test_the_navigator_reads_its_tooltips_when_one_is_first_asked_for(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Each kind's name in the other language: an English window reads the German catalogue
    for them then, not before its first screen."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent

    from desktop.core.kb import taxonomy
    from desktop.ui.browse.navigator import CODE_ROLE

    kinds = window.navigator.model.invisibleRootItem().child(1)
    assert kinds.child(0).toolTip() == ""
    viewport = window.navigator.tree.viewport()
    point = window.navigator.tree.visualRect(kinds.child(0).index()).center()
    asked = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, asked)
    code = kinds.child(0).data(CODE_ROLE)
    assert kinds.child(0).toolTip() == taxonomy.KINDS[code].label("de")


def test_a_views_viewport_is_found_as_the_one_it_has(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.ui.browse.results_panel import wrapped_viewport

    for view in (window.table, window.navigator.tree):
        assert wrapped_viewport(view) is view.viewport()


def test_a_search_typed_as_the_first_screen_is_painted_goes_before_the_services(
    qtbot: QtBot, open_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows are painted, then the services are built and the first screen announced."""
    from desktop.app import browse

    from .test_search_lanes import Gate

    window: MainWindow = open_window(db_path, wait=False)
    order: list[object] = []
    window.results_shown.connect(lambda generation: order.append(generation))
    window.first_screen_shown.connect(lambda: order.append("services" * hasattr(window, "edits")))
    with Gate(browse.search, "GMP") as gate:
        monkeypatch.setattr(browse, "search", gate)

        def type_once_both_are_in(*_generation: int) -> None:
            if window.shown_generation and window.counted and not window.search_field.text():
                window.search_field.setText("GMP")
                window.run_search()  # held until the first screen is painted
                for painted in (window.results.table.viewport(), window.navigator.tree.viewport()):
                    AfterNextPaint(painted, gate.release.set)

        window.results_shown.connect(type_once_both_are_in)
        window.counts_shown.connect(type_once_both_are_in)
        with qtbot.waitSignal(window.first_screen_shown, timeout=10_000):
            pass
    assert order == [1, 2, "services"]
