"""A soak of the window: 2,000 seeded random actions of a fast consultant, then the checks.

The consultant types words from the knowledge base and hostile strings, filters, selects,
edits and deletes entities, undoes and redoes, creates prospects and briefs, curates them
(ticks, notes, moves, drops — good, foreign and garbled), previews and exports, and closes
editors, without waiting for answers. Asserted: no exception anywhere (Qt callbacks, threads,
the window's unexpected-error path, error logs), the editors show what is stored whenever the
window is idle, undoing every step gives back the knowledge base as it was, memory grows by
less than 100 MB, and the database passes the full health check at the end.
"""

from __future__ import annotations

import gc
import logging
import os
import random
import sqlite3
import threading
import time
import traceback
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.storage import health
from desktop.ui.base import dialogs
from desktop.ui.base.wording import entity_gone
from desktop.ui.briefs.brief_editor import GONE_BRIEF
from desktop.ui.briefs.prospects_view import GONE_PROSPECT
from desktop.ui.dossier import export_check

from .soak_user import SoakUser

SEED = 20_261_208
ACTIONS = 2_000
SETTLE_EVERY = 125  # a fast user does not wait; the test waits for idle now and then
MEMORY_LIMIT = 100 * 1024 * 1024

pytestmark = pytest.mark.slow


def resident_bytes() -> int:
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def seeded_words(path: Path) -> list[str]:
    """Words a consultant would type: from the names, tags and places in the database."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT name FROM entity UNION ALL SELECT coalesce(location, '') FROM entity "
            "UNION ALL SELECT label FROM tag"
        ).fetchall()
    connection.close()
    words = {w.strip(".,()").lower() for (text,) in rows for w in text.split()}
    return sorted(w for w in words if len(w) >= 3)


def knowledge(path: Path) -> dict[str, list[tuple]]:
    """The knowledge base by slug, without ids, timestamps or verification stamps."""
    queries = {
        "entity": "SELECT slug, name, short_name, kind, description, website, location, "
        "founded_year FROM entity",
        "sectors": "SELECT e.slug, s.sector_code FROM entity_sector s JOIN entity e "
        "ON e.id = s.entity_id",
        "tags": "SELECT e.slug, t.tag_code FROM entity_tag t JOIN entity e ON e.id = t.entity_id",
        "relations": "SELECT a.slug, r.relation_type, b.slug, r.note FROM relation r "
        "JOIN entity a ON a.id = r.subject_id JOIN entity b ON b.id = r.object_id",
        "space": "SELECT e.slug, o.space_type, o.availability, o.since, o.note FROM space_offer o "
        "JOIN entity e ON e.id = o.site_id",
        "facts": "SELECT f.key, f.label, f.value, f.unit, f.as_of, e.slug FROM fact f "
        "LEFT JOIN entity e ON e.id = f.scope_id",
        "contacts": "SELECT e.slug, c.role, c.phone, c.email, c.public FROM contact c "
        "JOIN entity e ON e.id = c.entity_id",
    }
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            name: sorted(connection.execute(sql).fetchall(), key=repr)
            for name, sql in queries.items()
        }
    finally:
        connection.close()


class Problems(logging.Handler):
    """Everything that went wrong anywhere: error logs, the unexpected-error path, threads."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append(f"log: {self.format(record)}")

    def unexpected(self, error: BaseException) -> None:
        self.found.append("unexpected: " + "".join(traceback.format_exception(error)))

    def in_thread(self, hook: threading.ExceptHookArgs) -> None:
        self.found.append(f"thread {hook.thread}: {hook.exc_value!r}")


def test_two_thousand_random_actions(
    qtbot: QtBot,
    open_window,
    db_path: Path,
    tmp_path: Path,
    shown_dialogs: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.perf_counter()
    words = seeded_words(db_path)
    before = knowledge(db_path)
    problems = Problems()
    logging.getLogger().addHandler(problems)
    monkeypatch.setattr(dialogs, "report_unexpected", lambda _p, error: problems.unexpected(error))
    monkeypatch.setattr(threading, "excepthook", problems.in_thread)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    monkeypatch.setattr(
        export_check, "pre_export_check", lambda _p, _f: export_check.ExportChoice(None)
    )
    out_dir = tmp_path / "dossiers"
    out_dir.mkdir()
    memory: dict[str, int] = {}
    try:
        with qtbot.capture_exceptions() as qt_errors:  # exceptions in Qt callbacks
            window = open_window(db_path)
            window.executor.failed.connect(problems.unexpected)
            user = SoakUser(qtbot, window, random.Random(SEED), words, out_dir, monkeypatch)
            user.settle()
            memory["start"] = resident_bytes()
            for number in range(1, ACTIONS + 1):
                user.act()
                if number % SETTLE_EVERY == 0:
                    user.settle()
                if number == ACTIONS // 2:
                    memory["half"] = resident_bytes()
                assert not problems.found and not qt_errors, (number, user.recent[-20:])
            user.settle()
            for editor in user.editors():
                editor.close()
            while window.edits.stack.canUndo():
                window.undo_action.trigger()
                user.settle()
            memory["end"] = resident_bytes()
            window.close()
    finally:
        logging.getLogger().removeHandler(problems)

    mb = {name: value / 2**20 for name, value in memory.items()}
    print(
        f"\nsoak: {ACTIONS} actions in {time.perf_counter() - started:.1f} s; memory (MB) "
        f"{mb['start']:.0f} → {mb['half']:.0f} (half-way) → {mb['end']:.0f}; used {user.used}; "
        f"refusals said in words: {sorted({title for title, _m in shown_dialogs})}"
    )
    assert problems.found == [] and list(qt_errors) == []
    # A refused step (an entity or a brief deleted meanwhile) is said in words, never raw.
    allowed = {
        ("The change was not saved", entity_gone()),
        ("Brief", GONE_BRIEF),
        ("Cannot create the brief", GONE_PROSPECT),
        ("Cannot save the prospect", GONE_PROSPECT),
    }
    assert set(shown_dialogs) <= allowed
    assert user.used["export"] >= 1 and len(list(out_dir.glob("*.pdf"))) == user.used["export"]
    # Most of the growth is paid once, by the first dossier rendered (fonts, ReportLab's
    # caches) and the first preview; after half-way, with every kind of work done, what
    # grows further would be a leak.
    assert memory["end"] - memory["start"] < MEMORY_LIMIT
    assert memory["end"] - memory["half"] < MEMORY_LIMIT // 4
    after = knowledge(db_path)
    changed = {
        table: (sorted(set(before[table]) - set(rows)), sorted(set(rows) - set(before[table])))
        for table, rows in after.items()
        if rows != before[table]
    }
    # every step undone: the knowledge base as it was
    assert changed == {}, f"{changed}\n" + "\n".join(user.undo_log[-60:])
    report = health.check(db_path)
    assert report.ok, report.text()
    assert set(report.checks) >= {health.INTEGRITY, health.FOREIGN_KEYS, health.SEARCH_INDEX}
