"""Backups are real databases, checked, rotated by date, and restore keeps the old file."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.storage import backup
from desktop.core.storage.backup import BackupError, Retention, backups_to_keep
from desktop.core.storage.database import Database, content_digest
from desktop.core.storage.engine import SCHEMA_VERSION
from desktop.core.storage.sqlite import integrity

NOW = datetime(2026, 11, 26, 15, 0, 0)  # a Thursday


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    page = 4096
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // page // 2 * page)
        handle.write(b"\xff" * page)


def rename_first_entity(database: Database, name: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE entity SET name = :n WHERE id = (SELECT min(id) FROM entity)"),
            {"n": name},
        )


# --- taking backups -------------------------------------------------------------------------


def test_backup_holds_what_is_still_in_the_write_ahead_log(database: Database) -> None:
    rename_first_entity(database, "Only in the WAL")  # committed, not yet checkpointed
    assert Path(f"{database.path}-wal").stat().st_size > 0
    info = backup.backup(database.path, reason="manual", now=NOW)
    assert (
        info.path
        == backup.default_folder(database.path) / "knowledge-20261126-150000-manual.sqlite3"
    )
    assert backup.digest_of(info.path) == content_digest(database.engine)
    assert backup.recorded_digest(info.path) == content_digest(database.engine)
    with closing(sqlite3.connect(info.path)) as connection, connection:  # one self-contained file
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{info.path}-wal").exists()


def test_names_sort_within_one_second_and_reasons_are_cleaned(db_path: Path) -> None:
    first = backup.backup(db_path, reason="Before import!", now=NOW)
    second = backup.backup(db_path, reason="auto", now=NOW)
    third = backup.backup(db_path, now=NOW)
    assert first.path.name == "knowledge-20261126-150000-before-import.sqlite3"
    assert second.path.name == "knowledge-20261126-150000-auto-2.sqlite3"
    assert third.path.name == "knowledge-20261126-150000-3.sqlite3"
    listed = backup.list_backups(db_path)
    assert [b.path for b in listed] == [third.path, second.path, first.path]
    assert [b.reason for b in listed] == [None, "auto", "before-import"]


def test_backup_to_a_named_file_never_overwrites(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite3"
    backup.backup(db_path, out=out)
    assert backup.check_backup(out) == SCHEMA_VERSION
    with pytest.raises(BackupError, match="already exists"):
        backup.backup(db_path, out=out)
    with pytest.raises(BackupError, match="does not exist"):
        backup.backup(db_path, out=tmp_path / "nowhere" / "x.sqlite3")


def test_backup_of_a_damaged_database_is_deleted_and_reported(db_path: Path) -> None:
    damage(db_path)
    with pytest.raises(BackupError, match="damaged"):
        backup.backup(db_path, now=NOW)
    assert list(backup.default_folder(db_path).iterdir()) == []


def test_a_copy_failing_its_integrity_check_is_deleted(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        integrity, "integrity_problems", lambda _path, quick=False: ["row 7 missing from index"]
    )
    with pytest.raises(BackupError, match="failed its integrity check and was deleted"):
        backup.backup(db_path, now=NOW)
    assert list(backup.default_folder(db_path).iterdir()) == []


def test_backup_if_changed_skips_an_unchanged_database(database: Database) -> None:
    folder = database.path.parent / "elsewhere"
    first = backup.backup_if_changed(database.path, "start", folder=folder, now=NOW)
    assert first is not None and first.path.parent == folder
    later = NOW + timedelta(minutes=30)
    assert backup.backup_if_changed(database.path, "auto", folder=folder, now=later) is None
    rename_first_entity(database, "Changed")
    changed = backup.backup_if_changed(database.path, "auto", folder=folder, now=later)
    assert changed is not None and backup.digest_of(changed.path) == content_digest(database.engine)


def test_a_missing_digest_file_is_computed_from_the_backup(db_path: Path) -> None:
    info = backup.backup(db_path, now=NOW)
    info.path.with_name(info.path.name + ".sha256").unlink()
    assert backup.backup_if_changed(db_path, now=NOW + timedelta(hours=1)) is None


# --- rotation -------------------------------------------------------------------------------


def test_rotation_keeps_the_newest_n() -> None:
    stamps = [NOW - timedelta(minutes=5 * i) for i in range(15)]
    assert backups_to_keep(stamps, NOW) == set(stamps[:10])


def test_rotation_keeps_one_per_day_for_a_week() -> None:
    hourly = [NOW - timedelta(hours=i) for i in range(24 * 10)]  # ten days, every hour
    kept = backups_to_keep(hourly, NOW, Retention(last=3, weekly_days=0))
    days = {(NOW - timedelta(days=d)).date() for d in range(7)}
    assert set(hourly[:3]) <= kept
    assert {stamp.date() for stamp in kept} == days
    for day in days - {NOW.date()}:  # the newest of each day: its 23:00 backup
        assert datetime.combine(day, datetime.min.time()).replace(hour=23) in kept
    assert len(kept) == 3 + 6


def test_rotation_keeps_one_per_week_for_a_month_and_nothing_older() -> None:
    daily = [NOW - timedelta(days=i) for i in range(60)]
    kept = backups_to_keep(daily, NOW, Retention(last=1, daily_days=0))
    weeks = {stamp.isocalendar()[:2] for stamp in daily if (NOW - stamp).days < 31}
    assert {stamp.isocalendar()[:2] for stamp in kept} == weeks
    assert len(kept) == len(weeks)
    assert all(stamp.weekday() == 6 for stamp in kept - {NOW})  # Sunday: a week's newest
    assert min(kept) > NOW - timedelta(days=31)


def test_rotation_keeps_backups_dated_in_the_future() -> None:
    future = NOW + timedelta(days=2)
    assert future in backups_to_keep([future, NOW - timedelta(days=90)], NOW, Retention(last=1))


def test_rotation_deletes_files_and_their_digests(db_path: Path) -> None:
    for minutes in range(4):
        backup.backup(db_path, now=NOW + timedelta(minutes=minutes), retention=Retention(last=2))
    folder = backup.default_folder(db_path)
    names = sorted(path.name for path in folder.iterdir())
    assert len(backup.list_backups(db_path)) == 2  # today's newest is among the two
    assert names == [
        "knowledge-20261126-150200.sqlite3",
        "knowledge-20261126-150200.sqlite3.sha256",
        "knowledge-20261126-150300.sqlite3",
        "knowledge-20261126-150300.sqlite3.sha256",
    ]


# --- restore --------------------------------------------------------------------------------


def test_restore_keeps_the_current_file_aside(database: Database) -> None:
    saved = backup.backup(database.path, now=NOW)
    rename_first_entity(database, "After the backup")
    changed = content_digest(database.engine)
    with pytest.raises(backup.DatabaseInUseError):
        backup.restore(database.path, saved.path)
    database.close()
    result = backup.restore(database.path, saved.path, now=NOW)
    assert result.previous == database.path.with_name(
        "knowledge.sqlite3.before-restore-20261126-150000"
    )
    assert backup.digest_of(database.path) == backup.digest_of(saved.path)
    assert backup.digest_of(result.previous) == changed
    again = backup.restore(database.path, saved.path, now=NOW)  # never overwrites the first
    assert again.previous is not None and again.previous.name.endswith("150000-2")
    assert result.previous.exists()


def test_restore_from_a_damaged_backup_changes_nothing(db_path: Path) -> None:
    saved = backup.backup(db_path, now=NOW)
    damage(saved.path)
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="damaged"):
        backup.restore(db_path, saved.path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == [db_path.name]


def test_restore_where_no_database_is_left(db_path: Path, tmp_path: Path) -> None:
    saved = backup.backup(db_path, out=tmp_path / "saved.sqlite3")
    target = tmp_path / "fresh" / "restored.sqlite3"
    target.parent.mkdir()
    result = backup.restore(target, saved.path)
    assert result.previous is None
    assert backup.digest_of(target) == backup.digest_of(saved.path)


def test_latest_good_backup_skips_damaged_ones(db_path: Path) -> None:
    good = backup.backup(db_path, now=NOW)
    bad = backup.backup(db_path, now=NOW + timedelta(minutes=1))
    damage(bad.path)
    assert backup.latest_good_backup(db_path) == good
    shutil.rmtree(backup.default_folder(db_path))
    assert backup.latest_good_backup(db_path) is None


def test_a_restored_file_is_a_new_replica_of_its_team(db_path: Path) -> None:
    """Its clock is as old as the backup: as the old replica it would reuse versions."""

    def replica() -> str:
        with closing(sqlite3.connect(db_path)) as connection:
            return connection.execute("SELECT replica FROM sync_clock").fetchone()[0]

    before = replica()
    taken = backup.backup(db_path, reason="manual")
    backup.restore(db_path, taken.path)
    assert replica() != before
