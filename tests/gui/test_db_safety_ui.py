"""The window's database beside real command-line processes: nothing lost, restore refused,
damage offered a backup, one window per file, and a sentence instead of Qt's abort."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import browse
from desktop.app import edits as edit_jobs
from desktop.app import store as jobs
from desktop.core.errors import DatabaseDamagedError
from desktop.core.search.service import SearchFilters
from desktop.core.storage import backup
from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.shell import app

NO_FILTERS = SearchFilters()


def run_job(qtbot: QtBot, executor: DatabaseExecutor, work: Callable[[Any], Any]) -> Any:
    """Run ``work(store)`` on the window's executor and wait for its result on the UI thread."""
    box: dict[str, Any] = {}
    executor.submit(work, lambda value: box.setdefault("value", value), box.setdefault)
    qtbot.waitUntil(lambda: box != {}, timeout=20_000)
    if "value" not in box:
        raise next(iter(box))
    return box["value"]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in a process of its own, as a consultant would run it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def edit_description(store: jobs.Store, slug: str, text: str) -> str:
    """The window's own save path (edit_jobs.save_entity): one audited transaction."""
    from desktop.core.upkeep import editing

    with store.database.session() as session:
        record = editing.entity_record(session, slug)
    return edit_jobs.save_entity(
        store,
        record=dataclasses.replace(record, description=text),
        original_slug=slug,
        who="window",
    )


FRESH_PROCESS_REPORT = """
import json, sqlite3, sys
from pathlib import Path
from desktop.core.storage import health
path = Path(sys.argv[1])
c = sqlite3.connect(path)
row = lambda sql, *a: c.execute(sql, a).fetchone()
report = health.check(path)
print(json.dumps({
    "description": row("SELECT description FROM entity WHERE slug = ?", sys.argv[2])[0],
    "imported": row("SELECT count(*) FROM entity WHERE slug = 'concurrent-cli-gmbh'")[0],
    "cli_audit": row("SELECT count(*) FROM audit_entry WHERE who = 'cli'")[0],
    "window_audit": row("SELECT count(*) FROM audit_entry WHERE who = 'window'")[0],
    "ok": report.ok, "checks": list(report.checks), "problems": list(report.problems),
}))
"""


def test_cli_commands_beside_the_open_window_lose_nothing(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    lock = app.acquire_lock(db_path)
    assert not isinstance(lock, str)
    executor = DatabaseExecutor(lambda: jobs.open_store(db_path))
    wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
    try:
        # As the window does it: the plain reader first, then the full database, then an edit.
        result = run_job(qtbot, executor, lambda s: browse.search(s, query="", filters=NO_FILTERS))
        slug = result.hits[0].slug
        run_job(qtbot, executor, lambda s: browse.entity_detail(s, slug=slug))
        run_job(qtbot, executor, lambda s: edit_description(s, slug, "First edit."))

        for args in (("summary",), ("search", "cell")):
            done = cli(db_path, *args)
            assert done.returncode == 0, done.stderr
        assert wal.exists() and shm.exists()  # a reader's exit must not take them away

        csv = tmp_path / "new.csv"
        csv.write_text("slug,name,kind\nconcurrent-cli-gmbh,Concurrent CLI GmbH,company\n")
        done = cli(db_path, "import", str(csv), "--who", "cli")
        assert done.returncode == 0, done.stderr
        done = cli(db_path, "backup")
        assert done.returncode == 0, done.stderr
        taken = Path(done.stdout.strip().splitlines()[-1])
        assert wal.exists() and shm.exists()

        run_job(qtbot, executor, lambda s: edit_description(s, slug, "Edit after the CLI."))
        imported = run_job(
            qtbot, executor, lambda s: browse.entity_detail(s, slug="concurrent-cli-gmbh")
        )
        assert imported.name == "Concurrent CLI GmbH"  # the window sees the CLI's write

        refused = cli(db_path, "restore", str(taken))
        assert refused.returncode != 0
        (line,) = refused.stderr.strip().splitlines()
        assert "Dossier Desk window" in line and f"process {os.getpid()}" in line
        assert "nothing was changed" in line
        assert not list(tmp_path.glob("*.before-restore-*"))
        assert not Path(f"{db_path}.restoring").exists()
        after = run_job(qtbot, executor, lambda s: browse.entity_detail(s, slug=slug))
        assert after.description == "Edit after the CLI."
    finally:
        executor.shutdown()
        lock.unlock()

    fresh = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS_REPORT, str(db_path), slug],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    state = json.loads(fresh.stdout)
    assert state["description"] == "Edit after the CLI."
    assert state["imported"] == 1 and state["cli_audit"] >= 1 and state["window_audit"] >= 2
    assert state["ok"], state["problems"]
    assert "search index" in state["checks"]


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` (not the header), as a failing disk would."""
    with sqlite3.connect(path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    connection.close()
    assert root > 1
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


@pytest.mark.parametrize("damage", ["empty file", "damaged pages"])
def test_a_damaged_database_offers_the_newest_good_backup(
    qtbot: QtBot,
    open_window: Any,
    db_path: Path,
    shown_dialogs: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    good = backup.backup(db_path, reason="manual")
    if damage == "empty file":
        db_path.write_bytes(b"")
    else:
        damage_table(db_path, "entity")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: asked.append(text) or False)
    window = open_window(db_path, wait=False)
    with qtbot.waitSignal(window.database_failed, timeout=20_000) as failed:
        pass
    assert "damaged" in failed.args[0]
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    assert f"{good.taken_at:%Y-%m-%d %H:%M}" in asked[0]
    if damage == "empty file":
        assert db_path.stat().st_size == 0  # not silently rebuilt from the seed
    assert not any(title == "Unexpected error" for title, _ in shown_dialogs)


def test_damage_found_by_the_search_reader_is_the_damaged_error(db_path: Path) -> None:
    damage_table(db_path, "entity")
    store = jobs.open_store(db_path)
    try:
        with pytest.raises(DatabaseDamagedError):
            browse.search(store, query="", filters=NO_FILTERS)
    finally:
        store.close()


def test_a_hard_link_to_an_open_database_gets_no_second_window(
    db_path: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "same-file.sqlite3"
    os.link(db_path, link)
    first = app.acquire_lock(db_path)
    assert not isinstance(first, str)
    try:
        second = app.acquire_lock(link)
        assert isinstance(second, str)
        assert "already open" in second and "another name" in second
    finally:
        first.unlock()
    third = app.acquire_lock(link)
    assert not isinstance(third, str)
    third.unlock()


def test_window_start_removes_what_a_killed_restore_left(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restoring = Path(f"{db_path}.restoring")
    shutil.copyfile(db_path, restoring)
    seen: list[bool] = []

    class Started(Exception):
        pass

    def build(_path: Path) -> None:
        seen.append(restoring.exists())
        raise Started

    monkeypatch.setattr(app, "build_main_window", build)
    with pytest.raises(Started):
        app.main(["--db", str(db_path)])
    assert seen == [False]


def test_without_a_display_one_sentence_says_what_to_do(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "k.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert "QT_QPA_PLATFORM=offscreen" in line and "libxcb-cursor0" in line
    assert not (tmp_path / "k.sqlite3").exists()
