"""Opening databases: pragmas, version checks and errors a person can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseUnreadableError,
    NewerSchemaError,
)
from desktop.core.storage.database import SCHEMA_VERSION, Database, content_digest
from desktop.core.storage.sqlite.fts import index as sqlite_search


def test_connections_use_wal_foreign_keys_and_busy_timeout(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_new_file_is_created_and_seeded(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    database = Database.open(path)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM entity")).scalar_one() > 50
            assert sqlite_search.search_index_problems(connection) == []
    finally:
        database.close()
    assert not (tmp_path / "new.sqlite3.building").exists()


def test_rebuilding_gives_identical_content(tmp_path: Path, database: Database) -> None:
    other = Database.open(tmp_path / "second.sqlite3")
    try:
        assert content_digest(other.engine) == content_digest(database.engine)
    finally:
        other.close()


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError, match="folder does not exist"):
        Database.open(tmp_path / "nowhere" / "x.sqlite3")


def test_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError):
        Database.open(tmp_path / "x.sqlite3", create=False)


def test_garbage_file_is_reported_not_raised_raw(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseUnreadableError, match="not a database or is damaged"):
        Database.open(path)
    assert path.stat().st_size == 4096  # left as it was


def test_truncated_database_is_reported(tmp_path: Path, db_path: Path) -> None:
    damaged = tmp_path / "truncated.sqlite3"
    damaged.write_bytes(db_path.read_bytes()[:1024])
    with pytest.raises(DatabaseUnreadableError):
        Database.open(damaged)


def test_foreign_sqlite_file_is_reported(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (x)")
    with pytest.raises(DatabaseUnreadableError, match="no Dossier Desk data"):
        Database.open(path)


def test_folder_instead_of_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreadableError, match="folder"):
        Database.open(tmp_path)


def test_newer_schema_is_refused(db_path: Path) -> None:
    database = Database.open(db_path)
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(SCHEMA_VERSION + 1)},
        )
    database.close()
    with pytest.raises(NewerSchemaError, match="newer Dossier Desk"):
        Database.open(db_path)


def test_failed_transaction_changes_nothing(database: Database) -> None:
    before = content_digest(database.engine)
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.exec(text("DELETE FROM fact"))  # type: ignore[call-overload]
        raise RuntimeError("abort")
    assert content_digest(database.engine) == before


def test_deleting_an_entity_takes_its_links_along(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM entity WHERE slug = 'fraunhofer-izi'"))
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM relation WHERE subject_id NOT IN (SELECT id FROM entity)"
                " OR object_id NOT IN (SELECT id FROM entity)"
            )
        ).scalar_one()
        assert orphans == 0
        assert sqlite_search.search_index_problems(connection) == []


def test_the_windows_plain_reader_reports_driver_errors_as_messages(db_path: Path) -> None:
    """Damage or a busy lock met by a search becomes the user's error; a bug stays a bug."""
    import sqlite3

    from desktop.app.store import open_store

    store = open_store(db_path)
    try:
        with pytest.raises(DatabaseDamagedError, match="is damaged"), store.reading():
            raise sqlite3.DatabaseError("database disk image is malformed")
        with pytest.raises(DatabaseLockedError, match="is busy"), store.reading():
            raise sqlite3.OperationalError("database is locked")
        with pytest.raises(sqlite3.OperationalError, match="no such column"), store.reading():
            raise sqlite3.OperationalError("no such column: x")
        with store.reading() as reader:  # and an ordinary search reads through it
            assert reader.execute("SELECT count(*) FROM entity").fetchone()[0] > 50
    finally:
        store.close()
