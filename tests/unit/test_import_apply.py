"""Applying a plan: one transaction, a backup first, the audit journal, the search index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.core.exchange import write as import_write
from desktop.core.exchange.importer import ImportRefusedError, apply, import_file, plan_file
from desktop.core.search.service import search
from desktop.core.storage.database import Database, content_digest
from desktop.core.storage.sqlite.fts import index as sqlite_search


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def rows(database: Database, sql: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_apply_writes_and_journals_every_change(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mixed.csv",
        "slug,name,kind,sectors\n"
        "fraunhofer-izi,Fraunhofer IZI,research-institute,cell-gene-therapy; medtech\n"
        "nova-cells,Nova Cells GmbH,company,cell-gene-therapy\n",
    )
    _, result = import_file(database, path, who="Anna Berater")
    assert (result.added, result.updated, result.skipped) == (1, 1, 0)
    journal = rows(
        database,
        "SELECT who, action, record_type, record_key, field, old_value, new_value, batch"
        " FROM audit_entry ORDER BY id",
    )
    assert {entry[7] for entry in journal} == {result.batch}
    assert {entry[:2] for entry in journal} == {("Anna Berater", "import")}
    by_field = {(entry[3], entry[4]): entry[5:7] for entry in journal}
    assert by_field[("fraunhofer-izi", "name")] == (
        "Fraunhofer Institute for Cell Therapy and Immunology",
        "Fraunhofer IZI",
    )
    assert by_field[("fraunhofer-izi", "sectors")][1] == "cell-gene-therapy; medtech"
    assert by_field[("nova-cells", None)] == (None, "Nova Cells GmbH")
    assert by_field[("mixed.csv", "file")][1].endswith("mixed.csv: 1 added, 1 updated")
    assert rows(
        database,
        "SELECT sector_code FROM entity_sector JOIN entity ON entity.id = entity_id"
        " WHERE slug = 'fraunhofer-izi' ORDER BY sector_code",
    ) == [("cell-gene-therapy",), ("medtech",)]
    assert result.audit_entries == len(journal)


def test_rejected_rows_refuse_the_whole_import(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "slug,name,kind\ngood-one,Good,company\nbad-one,Bad,firma\n")
    planned = plan_file(database, path)
    before = content_digest(database.engine)
    with pytest.raises(ImportRefusedError, match="1 row"):
        apply(database, planned, who="me")
    assert content_digest(database.engine) == before
    result = apply(database, planned, who="me", skip_rejected=True)
    assert (result.added, result.skipped) == (1, 1)
    assert rows(database, "SELECT count(*) FROM entity WHERE slug LIKE '%-one'") == [(1,)]


def test_backup_is_taken_right_before_writing(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "name,kind\nBacked Up GmbH,company\n")
    planned = plan_file(database, path)
    before = content_digest(database.engine)
    seen: list[str] = []
    apply(database, planned, who="me", backup=lambda: seen.append(content_digest(database.engine)))
    assert seen == [before] and content_digest(database.engine) != before


def test_a_failing_backup_stops_the_import(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "name,kind\nNever Written GmbH,company\n")
    planned = plan_file(database, path)
    before = content_digest(database.engine)

    def broken() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        apply(database, planned, who="me", backup=broken)
    assert content_digest(database.engine) == before


def test_a_failure_half_way_leaves_nothing_behind(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {
        "entities": [{"slug": "half-way", "name": "Half Way", "kind": "company"}],
        "facts": [
            {"key": "hw", "label": "HW", "value": 1, "unit": "x", "source": "cluster-profile"}
        ],
    }
    planned = plan_file(database, write(tmp_path, "h.json", json.dumps(data)))

    def explode(self: Any, rows: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(import_write.Writer, "facts", explode)
    before = content_digest(database.engine)
    with pytest.raises(RuntimeError):
        apply(database, planned, who="me")
    assert content_digest(database.engine) == before


def test_a_change_since_the_preview_is_not_overwritten(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "slug,location\nfraunhofer-izi,Halle\n")
    planned = plan_file(database, path)
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE entity SET location = 'Dresden' WHERE slug = 'fraunhofer-izi'")
        )
    before = content_digest(database.engine)
    with pytest.raises(ImportRefusedError, match="changed in the database since the preview"):
        apply(database, planned, who="me")
    assert content_digest(database.engine) == before


def test_contacts_create_their_person(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kontakte.csv",
        "Name;Rolle;Organisation;E-Mail;Telefon;Öffentlich\n"
        "Dr. Lena Muster;Head of BD;fraunhofer-izi;lena@example.org;+49 341 1234567;ja\n"
        "Max Intern;Intern;fraunhofer-izi;;;\n",
    )
    planned, result = import_file(database, path, who="me")
    assert planned.record_types == ["contacts"] and result.added == 2
    assert rows(
        database,
        "SELECT e.slug, e.kind, c.role, o.slug, c.email, c.public FROM contact c"
        " JOIN entity e ON e.id = c.entity_id JOIN entity o ON o.id = c.organisation_id"
        " WHERE e.slug IN ('dr-lena-muster', 'max-intern') ORDER BY e.slug",
    ) == [
        ("dr-lena-muster", "person", "Head of BD", "fraunhofer-izi", "lena@example.org", 1),
        ("max-intern", "person", "Intern", "fraunhofer-izi", None, 0),
    ]


def test_a_small_import_keeps_the_index_by_trigger(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", "name,kind,description\nQuokka Bio,company,organoids\n")
    _, result = import_file(database, path, who="me")
    assert not result.index_rebuilt
    with database.engine.connect() as connection:
        assert [hit.slug for hit in search(connection, "quokka").hits] == ["quokka-bio"]
        assert sqlite_search.search_index_problems(connection) == []


def test_a_bulk_import_rebuilds_the_index_once(database: Database, tmp_path: Path) -> None:
    lines = ["slug,name,kind,sectors,tags"]
    lines += [f"bulk-{i:04d},Bulk Firm {i} Wombat,company,medtech,gmp" for i in range(800)]
    path = write(tmp_path, "bulk.csv", "\n".join(lines) + "\n")
    _, result = import_file(database, path, who="me")
    assert result.index_rebuilt and result.added == 800
    with database.engine.connect() as connection:
        assert search(connection, "wombat", count_total=True).total == 800
        assert sqlite_search.search_index_problems(connection) == []
        triggers = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'"
        ).scalar_one()
    assert triggers == len(sqlite_search._TRIGGERS)  # restored after the rebuild


def test_applying_nothing_new_writes_nothing(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "same.csv", "slug,kind\nfraunhofer-izi,research-institute\n")
    before = content_digest(database.engine)
    _, result = import_file(database, path, who="me")
    assert result.added == result.updated == 0 and result.batch == ""
    assert content_digest(database.engine) == before


def test_bulk_import_refreshes_only_what_it_touched(database: Database, tmp_path: Path) -> None:
    """A bulk load re-indexes new and updated entities; the index stays whole."""
    from sqlalchemy import text as sql

    from desktop.core.exchange import importer
    from desktop.core.search.service import search
    from desktop.core.storage.sqlite.fts import index as sqlite_search

    rows = ["slug;name;kind;sectors;description"]
    rows += [f"bulk-{i};Bulkco {i};company;medtech;Makes widget number {i}" for i in range(600)]
    rows.append("co-don;CO.DON;company;cell-gene-therapy;Now also makes zebrafish reagents")
    path = tmp_path / "bulk.csv"
    path.write_text("\n".join(rows), "utf-8")
    plan = importer.plan_file(database, path, record_type="entities")
    result = importer.apply(database, plan, who="Test")
    assert result.index_rebuilt and result.added == 600 and result.updated == 1
    with database.engine.connect() as connection:
        assert sqlite_search.search_index_problems(connection) == []
        assert [h.slug for h in search(connection, "zebrafish").hits] == ["co-don"]
        assert search(connection, "Bulkco 599").hits[0].slug == "bulk-599"
        assert (
            connection.execute(sql("SELECT count(*) FROM entity_fts")).scalar()
            == connection.execute(sql("SELECT count(*) FROM entity")).scalar()
        )
