"""Alembic migrations keep every row: the schema-3 fixture, older files, the foreign-key trap."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from desktop.core.kb import identity
from desktop.core.storage import backup, health, migrations
from desktop.core.storage.database import SCHEMA_VERSION, Database, create_schema, make_engine

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge-v3.sqlite3"
HEAD = "schema_6"
NEWER_TABLES = {2: ["audit_entry"], 1: ["audit_entry", "sent_dossier", "brief_item", "brief"]}
NEWER_FACT_COLUMNS = {2: ["verified_by"], 1: ["verified_by", "topics"]}


def snapshot(path: Path, *, columns_from: Path | None = None) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, per table, over the columns of ``columns_from``'s
    tables (default: ``path`` itself), so a newer file can be compared with the original."""
    original = sqlite3.connect(f"{(columns_from or path).resolve().as_uri()}?mode=ro", uri=True)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = {}
        for (table,) in original.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            if table == "alembic_version":
                continue
            columns = [row[1] for row in original.execute(f'PRAGMA table_info("{table}")')]
            listed = ", ".join(f'"{column}"' for column in columns)
            order = ", ".join(str(number) for number in range(1, len(columns) + 1))
            rows = connection.execute(f'SELECT {listed} FROM "{table}" ORDER BY {order}').fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return result
    finally:
        original.close()
        connection.close()


def content(snapshot: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """A snapshot without the schema version (checked on its own), the full-text index's
    internal pages (rebuilt by an upgrade: the same index, stored anew) and the sector table,
    the taxonomy's mirror, whose German column became every language's labels in schema 6
    (:func:`test_sector_labels_keep_every_language`)."""
    return {
        table: rows
        for table, rows in snapshot.items()
        if table not in ("meta", "sector") and not table.startswith("entity_fts")
    }


def state(path: Path) -> tuple[int | None, str | None]:
    return migrations.current_state(path)


@pytest.fixture
def v3_copy(tmp_path: Path) -> Path:
    path = tmp_path / "knowledge.sqlite3"
    shutil.copyfile(FIXTURE, path)
    return path


def make_legacy(path: Path, version: int) -> None:
    """Turn a schema-3 file into what schema ``version`` (made before Alembic) looked like."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN")
        connection.execute("DROP TABLE alembic_version")
        for table in NEWER_TABLES[version]:
            connection.execute(f"DROP TABLE {table}")
        if version == 1:  # schema 1 had no prospects either
            connection.execute("DROP TABLE prospect")
        for column in NEWER_FACT_COLUMNS[version]:
            connection.execute(f"ALTER TABLE fact DROP COLUMN {column}")
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
        connection.execute("COMMIT")
    finally:
        connection.close()


def scripts_with(tmp_path: Path, body: str) -> Path:
    """A copy of db/migrations plus one more revision on top of the head."""
    location = tmp_path / "migrations"
    shutil.copytree(migrations.migrations_dir(), location)
    source = [
        "import sqlalchemy as sa",
        "from alembic import op",
        "",
        'revision = "test_extra"',
        f'down_revision = "{HEAD}"',
        "branch_labels = None",
        "depends_on = None",
        f"schema_version = {SCHEMA_VERSION}",
        "",
        "",
        "def upgrade() -> None:",
        textwrap.indent(textwrap.dedent(body).strip(), "    "),
        "",
    ]
    (location / "versions" / "9999_test_extra.py").write_text("\n".join(source))
    return location


# --- the baseline ---------------------------------------------------------------------------


def test_schema_version_is_in_step_with_the_head_revision() -> None:
    script = migrations.script_directory()
    head = migrations.head_revision(script)
    assert migrations.revision_schema_version(script, head) == SCHEMA_VERSION


def test_models_match_the_head_and_autogenerate_leaves_the_search_index_alone(
    db_path: Path,
) -> None:
    engine = make_engine(db_path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": migrations.include_name, "compare_type": True}
            )
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_baseline_builds_the_same_schema_as_the_models(tmp_path: Path) -> None:
    def schema(path: Path) -> set[tuple[str, str, str]]:
        """Every object of the file; a table by its columns, keys and foreign keys (a table
        rebuilt by a migration is written differently but is the same table)."""
        with closing(sqlite3.connect(path)) as connection, connection:
            rows = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
            described = {
                name: repr(
                    (
                        connection.execute(f'PRAGMA table_info("{name}")').fetchall(),
                        sorted(
                            row[2:]
                            for row in connection.execute(f'PRAGMA foreign_key_list("{name}")')
                        ),
                        sorted(
                            row[1:] for row in connection.execute(f'PRAGMA index_list("{name}")')
                        ),
                    )
                )
                for kind, name, _sql in rows
                if kind == "table" and not name.startswith("entity_fts")
            }
        return {
            (kind, name, described.get(name) or " ".join((sql or "").split()))
            for kind, name, sql in rows
        }

    from_models, from_baseline = tmp_path / "models.sqlite3", tmp_path / "baseline.sqlite3"
    engine = make_engine(from_models)
    create_schema(engine)
    engine.dispose()
    sqlite3.connect(from_baseline).close()
    engine = migrations.migration_engine(from_baseline)
    with engine.connect() as connection, connection.begin():
        command.upgrade(migrations.alembic_config(connection), "head")
    engine.dispose()
    assert schema(from_baseline) == schema(from_models)
    assert state(from_baseline) == state(from_models) == (SCHEMA_VERSION, HEAD)


def test_include_name_skips_what_sqlite_search_owns() -> None:
    for name in ("entity_fts", "entity_fts_data", "entity_fts_idx", "entity_search_doc"):
        assert not migrations.include_name(name, "table", {})
    assert not migrations.include_name("ix_entity_name_nocase", "index", {})
    assert migrations.include_name("entity", "table", {})


# --- upgrading real files -------------------------------------------------------------------


@pytest.mark.parametrize("stamped", [True, False], ids=["stamped", "made-before-alembic"])
def test_fixture_upgrades_to_head_with_every_row(v3_copy: Path, stamped: bool) -> None:
    if not stamped:
        with closing(sqlite3.connect(v3_copy)) as connection, connection:
            connection.execute("DROP TABLE alembic_version")
    original = v3_copy.with_name("original.sqlite3")
    shutil.copyfile(v3_copy, original)
    before = snapshot(original)
    assert all(count for count, _ in before.values()), "the fixture must fill every table"
    assert migrations.needs_upgrade(v3_copy)
    result = migrations.upgrade(v3_copy, backups_folder=v3_copy.parent / "b")
    assert result is not None and result.from_version == 3
    assert not migrations.needs_upgrade(v3_copy)
    after = snapshot(v3_copy, columns_from=original)
    assert content(after) == content(before)
    assert state(v3_copy) == (SCHEMA_VERSION, HEAD)
    assert health.check(v3_copy).ok
    assert result.backup.reason == "migration" and result.backup.path.is_file()


def test_sector_labels_keep_every_language(v3_copy: Path) -> None:
    with closing(sqlite3.connect(v3_copy)) as connection:
        before = dict(connection.execute("SELECT code, label_en || ' ' || label_de FROM sector"))
    migrations.upgrade(v3_copy, backups_folder=v3_copy.parent / "b")
    with closing(sqlite3.connect(v3_copy)) as connection:
        after = dict(connection.execute("SELECT code, labels FROM sector"))
    assert after == before and after["logistics"] == "Logistics Logistik"


def test_upgrade_names_every_shared_record_as_every_laptop_does(v3_copy: Path) -> None:
    """Schema 4 gives each row a gid; rows named in the seed get the gid their names give them,
    so two laptops upgraded from the same file call each record alike."""
    other = v3_copy.with_name("other.sqlite3")
    shutil.copyfile(v3_copy, other)
    migrations.upgrade(v3_copy, backups_folder=v3_copy.parent / "b")
    migrations.upgrade(other, backups_folder=v3_copy.parent / "b")

    def gids(path: Path, table: str) -> list[tuple[object, str]]:
        with closing(sqlite3.connect(path)) as connection:
            key = "code" if table == "tag" else "entity_id" if table == "contact" else "id"
            return connection.execute(f"SELECT {key}, gid FROM {table} ORDER BY 1").fetchall()

    for table in ("source", "tag", "entity", "relation", "space_offer", "fact", "contact"):
        assert gids(v3_copy, table) == gids(other, table), table
        assert all(gid for _key, gid in gids(v3_copy, table))
    with closing(sqlite3.connect(v3_copy)) as connection:
        slug, gid = connection.execute("SELECT slug, gid FROM entity ORDER BY id").fetchone()
        replicas = {connection.execute("SELECT replica FROM sync_clock").fetchone()}
    assert gid == identity.natural_gid("entity", slug)
    with closing(sqlite3.connect(other)) as connection:
        replicas.add(connection.execute("SELECT replica FROM sync_clock").fetchone())
    assert len(replicas) == 2, "each file is its own replica"


@pytest.mark.parametrize("version", [1, 2])
def test_older_schema_is_migrated_on_open_after_a_backup(v3_copy: Path, version: int) -> None:
    make_legacy(v3_copy, version)
    legacy = v3_copy.with_name("legacy.sqlite3")
    shutil.copyfile(v3_copy, legacy)
    database = Database.open(v3_copy, create=False)
    database.close()
    after, before = snapshot(v3_copy, columns_from=legacy), snapshot(legacy)
    assert content(after) == content(before)
    assert state(v3_copy) == (SCHEMA_VERSION, HEAD)
    with closing(sqlite3.connect(v3_copy)) as connection, connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(fact)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"topics", "verified_by"} <= columns
    assert {table.name for table in SQLModel.metadata.sorted_tables} <= tables
    assert health.check(v3_copy).ok
    (taken,) = backup.list_backups(v3_copy)
    assert taken.reason == "migration"
    assert snapshot(taken.path) == snapshot(legacy)  # the backup is the file as it was


def test_rebuilding_a_parent_table_keeps_its_children(v3_copy: Path, tmp_path: Path) -> None:
    """The trap: a batch rebuild drops ``entity``; with foreign keys on, that cascades."""
    location = scripts_with(
        tmp_path,
        """
        with op.batch_alter_table("entity", recreate="always") as batch:
            batch.alter_column("website", existing_type=sa.String(), nullable=True)
        """,
    )
    original = v3_copy.with_name("original.sqlite3")
    shutil.copyfile(v3_copy, original)
    before = snapshot(original)
    result = migrations.upgrade(v3_copy, script_location=location)
    assert result is not None and result.to_revision == "test_extra"
    after = snapshot(v3_copy, columns_from=original)
    for table in ("entity", "contact", "relation", "fact", "entity_sector", "brief_item"):
        assert after[table] == before[table], table
    report = health.check(v3_copy)
    assert report.ok, report.text()
    with closing(sqlite3.connect(v3_copy)) as connection, connection:
        triggers = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"entity_fts_ai", "entity_fts_au", "entity_fts_ad"} <= triggers


def test_broken_references_fail_the_migration_and_restore_the_backup(
    v3_copy: Path, tmp_path: Path
) -> None:
    location = scripts_with(
        tmp_path,
        """
        op.execute(
            "INSERT INTO brief_item (brief_id, section, position, included, reason, score, gid)"
            " VALUES (999999, 'research', 0, 1, '', 0, 'dangling')"
        )
        """,
    )
    before, state_before = snapshot(v3_copy), state(v3_copy)
    with pytest.raises(migrations.MigrationError, match="restored from the backup") as caught:
        migrations.upgrade(v3_copy, script_location=location)
    assert "brief_item" in str(caught.value)
    assert snapshot(v3_copy) == before
    assert state(v3_copy) == state_before
    assert list(v3_copy.parent.glob("knowledge.sqlite3.before-restore-*"))


def test_a_revision_from_a_newer_version_is_refused(v3_copy: Path) -> None:
    with closing(sqlite3.connect(v3_copy)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    with pytest.raises(migrations.MigrationError, match="newer Dossier Desk"):
        migrations.upgrade(v3_copy)
    assert backup.list_backups(v3_copy) == []  # refused before doing anything
