"""The window's staged start: a light frame painted first, looking as it will, then the rest.

No timings here (those are bench/startup.py's): these tests hold the structure that makes the
first paint fast — what is imported and built before it, what follows — and that the frame does
not change its look when the rest arrives.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.shell import app as shell_app
from desktop.ui.shell.app import build_main_window, ensure_application
from desktop.ui.shell.frame import MENUS
from desktop.ui.shell.main_window import MainWindow

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
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.show()
    assert painted == [False]  # once, and before the services and panels
    assert look() == before
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
    assert logs, "logging was set up after the first paint"


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
