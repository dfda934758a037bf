"""Opening a database never drops this process's locks, never rebuilds a damaged file, says
so in one line when pages are damaged or the medium is read-only, and cleans up after kills."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main as cli
from desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseInUseError,
    DatabaseReadOnlyError,
)
from desktop.core.storage import backup, health, migrations
from desktop.core.storage import files as db_files
from desktop.core.storage.database import Database, open_reader
from desktop.core.storage.sqlite import connection as sqlite_backend
from tests.unit.test_migrations import FIXTURE, make_legacy

IN_USE_FROM_ANOTHER_PROCESS = (
    "import sys; from pathlib import Path; "
    "from desktop.core.storage.sqlite.connection import is_in_use; "
    "print(is_in_use(Path(sys.argv[1])))"
)


def in_use_seen_by_another_process(path: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", IN_USE_FROM_ANOTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip() == "True"


def test_opening_beside_an_open_connection_keeps_its_locks(db_path: Path) -> None:
    """The window opens a plain reader, then the full database and runs the start-up check:
    none of it may release the reader's POSIX locks, or another process's SQLite deletes the
    -wal/-shm still in use here."""
    reader = open_reader(db_path, create=False)
    try:
        reader.execute("SELECT count(*) FROM entity").fetchone()
        Database.open(db_path, create=False).close()
        assert health.quick_check(db_path).ok
        assert in_use_seen_by_another_process(db_path)
    finally:
        reader.close()


def test_an_empty_file_is_damaged_not_rebuilt_from_the_seed(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DatabaseDamagedError, match="empty"):
        Database.open(path)
    assert path.stat().st_size == 0
    assert not health.quick_check(path).ok
    code = cli.main(["--db", str(path), "summary"])
    assert code == 1 and path.stat().st_size == 0


def test_only_a_missing_file_is_built_from_the_seed(tmp_path: Path) -> None:
    Database.open(tmp_path / "new.sqlite3").close()
    assert (tmp_path / "new.sqlite3").stat().st_size > 0


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table``, keeping the header, as a failing disk would."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


@pytest.mark.parametrize("command", [["summary"], ["search", "cell"], ["list", "--json"]])
def test_damaged_pages_are_one_line_in_the_cli(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    damage_table(db_path, "entity")
    code = cli.main(["--db", str(db_path), *command])
    assert code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "is damaged" in line and "restore" in line


def test_a_read_only_medium_is_named_and_no_backup_suggested(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(db_files, "_on_read_only_medium", lambda _folder: True)
    with pytest.raises(DatabaseReadOnlyError) as raised:
        Database.open(db_path)
    for message in (str(raised.value), cli_error(capsys, db_path, "summary")):
        words = message.replace(str(db_path.parent), "FOLDER").lower()
        assert "read-only" in words and "writable folder" in words
        assert "backup" not in words and "restore" not in words


def test_a_check_on_a_read_only_medium_does_not_call_it_damaged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite cannot create the -shm of a WAL file there; that is no damage."""

    def cannot_open(_path: Path) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db_files, "_on_read_only_medium", lambda _folder: True)
    monkeypatch.setattr(sqlite_backend, "probe", cannot_open)
    report = health.quick_check(db_path)
    assert report.read_only and not report.ok
    words = cli_error(capsys, db_path, "check").replace(str(db_path.parent), "FOLDER").lower()
    assert "read-only" in words and "writable folder" in words
    assert "damaged" not in words and "restore" not in words


def test_a_read_only_backup_folder_is_one_clear_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    message = cli_error(capsys, db_path, "backup")
    assert "read-only" in message and "--out" in message


def cli_error(capsys: pytest.CaptureFixture[str], db_path: Path, *args: str) -> str:
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), *args]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    return line


def fake_window_of_another_process(db_path: Path) -> None:
    """A QLockFile as the window writes it (pid, name, host), held by a live process of this
    host that is not this one (the test runner's parent)."""
    Path(f"{db_path}.lock").write_text(f"{os.getppid()}\ndossier-desk\n{socket.gethostname()}\n")


def test_a_schema_update_waits_for_the_window_of_another_process(db_path: Path) -> None:
    path = db_path
    shutil.copyfile(FIXTURE, path)  # a schema-3 file …
    make_legacy(path, 2)  # … made schema 2
    assert migrations.needs_upgrade(path)
    fake_window_of_another_process(path)
    with pytest.raises(DatabaseInUseError, match=f"process {os.getppid()}"):
        Database.open(path, create=False)
    assert migrations.needs_upgrade(path)  # untouched
    assert not backup.list_backups(path)


def test_restore_is_refused_while_another_process_has_the_window(db_path: Path) -> None:
    taken = backup.backup(db_path, reason="manual")
    fake_window_of_another_process(db_path)
    with pytest.raises(DatabaseInUseError, match="Dossier Desk window"):
        backup.restore(db_path, taken.path)
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_stale_temporary_files_are_removed_when_nobody_uses_the_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    debris = [
        Path(f"{db_path}.restoring"),
        Path(f"{db_path}.building"),
        Path(f"{db_path}.building-journal"),
        backup.default_folder(db_path) / f"{db_path.stem}-20250101-120000-manual.sqlite3.partial",
    ]
    debris[-1].parent.mkdir(parents=True)
    for path in debris:
        path.write_bytes(os.urandom(8192))
    dead = Path(f"{db_path}.writer-999999999-1")
    dead.write_text(f"999999999\ndossier-desk import\n{socket.gethostname()}\n")

    fake_window_of_another_process(db_path)  # someone may be writing them: keep
    assert cli.main(["--db", str(db_path), "sectors"]) == 0
    assert all(path.exists() for path in debris)

    Path(f"{db_path}.lock").unlink()
    assert cli.main(["--db", str(db_path), "sectors"]) == 0
    assert not any(path.exists() for path in debris)
    assert not dead.exists()
    capsys.readouterr()


def test_a_temporary_file_still_open_in_sqlite_is_kept(db_path: Path) -> None:
    restoring = Path(f"{db_path}.restoring")
    restoring.write_bytes(db_path.read_bytes())
    holder = sqlite_backend.connect_existing(restoring)
    try:
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("SELECT count(*) FROM entity").fetchone()
        assert db_files.remove_stale(db_path) == []
        assert restoring.exists()
    finally:
        holder.close()
    assert db_files.remove_stale(db_path) == [restoring]
