"""Two writers on one file: the second waits for the write lock, and when it gives up it says
who holds the database, in one line."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main as cli
from desktop.core.storage import locking
from desktop.core.storage.database import Database
from desktop.core.storage.sqlite import connection as sqlite_backend

HOLDER = """
import sqlite3, sys
from pathlib import Path
from desktop.core.storage import locking
path = Path(sys.argv[1])
with locking.announce_writer(path, "dossier-desk import"):
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.readline()
    connection.execute("ROLLBACK")
"""


@pytest.fixture
def other_import(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process in the middle of an import: it holds the write lock and says so."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    yield process
    process.communicate("done\n", timeout=60)


def locked_for_others(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        return sqlite_backend.is_locked_error(error)
    finally:
        other.close()
    return False


def test_a_second_import_gives_up_with_the_name_of_the_first(
    db_path: Path,
    tmp_path: Path,
    other_import: subprocess.Popen[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_S", 0.2)  # the wait, made short
    csv = tmp_path / "rows.csv"
    csv.write_text("slug,name,kind\nsecond-import-gmbh,Second Import GmbH,company\n")
    code = cli.main(["--db", str(db_path), "import", str(csv), "--who", "second"])
    assert code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "busy" in line and f"dossier-desk import (process {other_import.pid}" in line
    assert not list(db_path.parent.glob(f"{db_path.name}.writer-{os.getpid()}-*"))  # gone


def test_writes_take_the_write_lock_before_reading(db_path: Path) -> None:
    """A transaction that reads first and then writes cannot wait for a lock SQLite gives to
    another writer meanwhile; so writers take it at BEGIN, where SQLite does wait."""
    database = Database.open(db_path, create=False)
    try:
        with database.transaction() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM entity")
            assert locked_for_others(db_path)
        with database.session() as session:  # reading takes no write lock
            session.connection().exec_driver_sql("SELECT count(*) FROM entity")
            assert not locked_for_others(db_path)
    finally:
        database.close()
    writer = Database.open(db_path, create=False, immediate=True)  # a writing command
    try:
        with writer.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM entity")
            assert locked_for_others(db_path)
    finally:
        writer.close()


def test_the_window_is_named_before_a_command(db_path: Path) -> None:
    lock = Path(f"{db_path}.lock")
    lock.write_text(f"{os.getppid()}\npython3\n{socket.gethostname()}\n")
    with locking.announce_writer(db_path, "dossier-desk import"):
        assert str(locking.describe_holder(db_path)) == (
            f"the Dossier Desk window (process {os.getppid()} on {socket.gethostname()})"
        )  # this process's own announcement never names itself
    lock.write_text(f"999999999\npython3\n{socket.gethostname()}\n")
    assert locking.describe_holder(db_path) is None  # a lock left by a killed window
