"""``dossier-desk backup``, ``restore`` and ``check``: output, files and exit codes."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.core.storage import backup
from desktop.core.storage.engine import SCHEMA_VERSION


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def damage(path: Path, *, table: str | None = None) -> None:
    """Overwrite a page in the middle of the file (or of ``table``), as a failing disk would."""
    page = 4096
    number = path.stat().st_size // page // 2
    if table:
        connection = sqlite3.connect(path)
        pages = [
            row[0]
            for row in connection.execute(
                f"SELECT pageno FROM dbstat WHERE name = '{table}' ORDER BY pageno"
            )
        ]
        connection.close()
        number = pages[len(pages) // 2] - 1
    with path.open("r+b") as handle:
        handle.seek(number * page)
        handle.write(b"\xff" * page)


def write(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()  # sqlite3's context manager would leave it open


def test_backup_goes_to_the_backups_folder_and_prints_its_path(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "backup")
    path = Path(out.strip())
    assert code == 0 and path.parent == backup.default_folder(db_path)
    assert path.name.startswith("knowledge-") and path.name.endswith("-manual.sqlite3")
    assert backup.digest_of(path) == backup.digest_of(db_path)
    code, out = run("--db", str(db_path), "backup", "--list")
    assert code == 0 and str(path) in out and "1 backups" in out


def test_backup_to_a_named_file(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "handover.sqlite3"
    code, out = run("--db", str(db_path), "backup", "--out", str(target))
    assert code == 0 and out.strip() == str(target)
    assert backup.check_backup(target) == SCHEMA_VERSION
    code, _ = run("--db", str(db_path), "backup", "--out", str(target))
    assert code == 1  # never overwrites


def test_restore_says_where_the_previous_file_was_kept(db_path: Path) -> None:
    saved = backup.backup(db_path)
    write(db_path, "UPDATE entity SET name = 'Changed' WHERE id = 1")
    code, out = run("--db", str(db_path), "restore", str(saved.path))
    assert code == 0, out
    assert f"Restored {db_path} from {saved.path}." in out
    previous = Path(out.split("kept at ")[1].strip().rstrip("."))
    assert previous.name.startswith("knowledge.sqlite3.before-restore-") and previous.is_file()
    assert backup.digest_of(db_path) == backup.digest_of(saved.path)
    assert backup.digest_of(previous) != backup.digest_of(saved.path)


def test_restore_of_a_damaged_backup_fails_clearly(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = backup.backup(db_path)
    damage(saved.path)
    before = db_path.read_bytes()
    code, _ = run("--db", str(db_path), "restore", str(saved.path))
    assert code == 1
    assert "cannot be restored" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_check_passes_a_sound_database(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "check")
    assert code == 0 and out.startswith("ok: ")


def test_check_reports_a_damaged_database_with_exit_1(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(db_path, table="entity")
    code, out = run("--db", str(db_path), "check")
    assert code == 1
    assert "The file is damaged" in out and "problem" in out
    assert "dossier-desk restore FILE" in capsys.readouterr().err


def test_check_of_a_database_too_damaged_to_open_still_fails_clearly(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(db_path, table="sqlite_schema")  # the schema itself: nothing can be read
    code, report = run("--db", str(db_path), "check")
    assert code == 1
    assert "problem" in report  # the check runs on the file, so it reports what it found
    assert "Restore a backup" in capsys.readouterr().err
