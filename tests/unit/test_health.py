"""The health check finds damage, broken references and a stale search index, and writes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.core.storage import health
from desktop.core.storage.database import Database, content_digest


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    page = 4096
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // page // 2 * page)
        handle.write(b"\xff" * page)


def execute(path: Path, *statements: str) -> None:
    """Change the file behind the application's back, foreign keys off (as a bug might)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def test_a_sound_database_passes_every_check(db_path: Path) -> None:
    report = health.check(db_path)
    assert report.ok, report.text()
    assert report.checks == ("integrity", "foreign keys", "search index")
    assert report.text().startswith("ok: ")
    assert health.quick_check(db_path).ok


def test_the_check_writes_nothing(database: Database) -> None:
    before = content_digest(database.engine)
    database.close()
    size = database.path.stat().st_size
    health.check(database.path)
    assert database.path.stat().st_size == size
    reopened = Database.open(database.path, create=False)
    try:
        assert content_digest(reopened.engine) == before
    finally:
        reopened.close()


def test_a_damaged_page_is_reported(db_path: Path) -> None:
    damage(db_path)
    report = health.check(db_path)
    assert not report.ok
    assert report.problems[0].startswith("The file is damaged")
    assert "problem" in report.text()
    quick = health.quick_check(db_path)
    assert not quick.ok and quick.checks == ("quick integrity",)


def test_a_reference_to_a_missing_row_is_named(db_path: Path) -> None:
    execute(
        db_path,
        "INSERT INTO relation (subject_id, relation_type, object_id, gid) "
        "VALUES (999999, 'partner-of', (SELECT min(id) FROM entity), 'dangling')",
    )
    report = health.check(db_path)
    (problem,) = report.problems
    assert "table relation" in problem and "entity 999999" in problem
    assert "subject_id" in problem


def test_a_search_index_out_of_step_is_reported(db_path: Path) -> None:
    execute(db_path, "DELETE FROM entity_fts WHERE rowid = (SELECT min(id) FROM entity)")
    report = health.check(db_path)
    assert [p for p in report.problems if p.startswith("Search index")], report.text()
    assert health.quick_check(db_path).ok  # the quick check does not look at the index


def test_files_that_are_not_our_databases(tmp_path: Path) -> None:
    missing = health.check(tmp_path / "missing.sqlite3")
    assert missing.problems == (f"There is no database at {tmp_path / 'missing.sqlite3'}.",)
    assert not (tmp_path / "missing.sqlite3").exists()  # checking never creates a file
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert "not a database" in health.check(garbage).problems[0]
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as connection, connection:
        connection.execute("CREATE TABLE notes (x)")
    assert "no Dossier Desk data" in health.check(foreign).problems[0]
