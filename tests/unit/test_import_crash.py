"""Crash safety: an import killed at any moment is either wholly there or not there at all.

An import of 25,000 rows runs in a child process that is killed with SIGKILL — no cleanup, no
atexit, as when the power goes — at moments spread over the whole import (its duration and
when its write begins are measured first), most of them during the write. After each kill the
database must pass ``PRAGMA integrity_check`` and hold either none or all of the imported rows,
with a matching search index.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROWS = 25_000  # enough for ten kills to land mid-transaction, half the time of 50,000
KILLS = 10
CHILD = """
import sys
from pathlib import Path
from desktop.core.storage.database import Database
from desktop.core.exchange.importer import apply, plan_file

database = Database.open(Path(sys.argv[1]), create=False)
planned = plan_file(database, Path(sys.argv[2]))
assert planned.ok, planned.all_problems()[:3]
print("applying", flush=True)
apply(database, planned, who="crash test")
print("applied", flush=True)
"""


@pytest.fixture(scope="session")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """25,000 small entity rows, written once per test session."""
    path = tmp_path_factory.mktemp("crash") / "crash-entities.csv"
    sectors = ["medtech", "diagnostics", "biotech-pharma", "digital-health"]
    lines = ["slug,name,kind,sectors,tags,location"]
    lines += [
        f"crash-{i:05d},Crash Test Firm {i},company,{sectors[i % 4]},gmp,Leipzig"
        for i in range(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start(db: Path, csv_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(csv_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def imported(db: Path) -> tuple[str, int, int, int]:
    """(integrity, imported entities, their journal entries, indexed documents)."""
    connection = sqlite3.connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        entities = connection.execute(
            "SELECT count(*) FROM entity WHERE slug LIKE 'crash-%'"
        ).fetchone()[0]
        journal = connection.execute(
            "SELECT count(*) FROM audit_entry"
            " WHERE record_type = 'entity' AND record_key LIKE 'crash-%'"
        ).fetchone()[0]
        indexed = connection.execute("SELECT count(*) FROM entity_fts").fetchone()[0]
        total = connection.execute("SELECT count(*) FROM entity").fetchone()[0]
    finally:
        connection.close()
    assert indexed == total, "search index out of step with the entities"
    return integrity, entities, journal, indexed


def test_killed_imports_leave_all_or_nothing(
    seeded_template: Path, big_csv: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.sqlite3"
    shutil.copyfile(seeded_template, baseline)
    started = time.perf_counter()
    child = start(baseline, big_csv)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "applying"
    writing = time.perf_counter() - started  # start-up and the dry run end here
    out, err = child.communicate(timeout=120)
    duration = time.perf_counter() - started
    assert child.returncode == 0, err
    assert imported(baseline) == ("ok", ROWS, ROWS, imported(baseline)[3])

    rng = random.Random(20260115)
    outcomes = []
    for slot in range(KILLS):
        db = tmp_path / f"kill-{slot}.sqlite3"
        shutil.copyfile(seeded_template, db)
        # two kills before the write, the others one in each part of the write
        if slot < 2:
            moment = writing * (slot + rng.random()) / 2
        else:
            moment = writing + (duration - writing) * (slot - 2 + rng.random()) / (KILLS - 2)
        child = start(db, big_csv)
        try:
            child.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            child.kill()  # SIGKILL
        out, _ = child.communicate()
        integrity, entities, journal, _ = imported(db)
        assert integrity == "ok", f"kill {slot} at {moment:.2f} s"
        assert (entities, journal) in ((0, 0), (ROWS, ROWS)), (slot, moment, entities, journal)
        outcomes.append(("applying" in out, entities == ROWS))
    # The kills must have hit the write itself, not only start-up and the dry run.
    assert sum(applying and not done for applying, done in outcomes) >= 3, outcomes
