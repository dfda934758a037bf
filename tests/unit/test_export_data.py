"""Export to JSON, CSV and XLSX, and the round trip: export → import into an empty database.

The round trip compares content digests after two normalisations, both of which record *when*
and *how* rows were written rather than what the knowledge base holds:

* the audit journal is left out — the re-imported database journals its own import, the
  original its seed;
* ``created_at``/``updated_at`` are set to one value — they are the time of writing (the
  seed's fixed date in the original, the import's time in the copy);
* global ids and the team's outbox are left out — an import creates new records, which are
  new to the team (the seed's rows carry the gids every laptop gives them).

Everything else, ids included, must be identical.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli.main import main
from desktop.core.exchange import exporter
from desktop.core.exchange.importer import apply, create_empty_database, plan_file
from desktop.core.kb.identity import SHARED
from desktop.core.storage.database import Database, content_digest, make_engine


def knowledge_digest(path: Path, scratch: Path) -> str:
    copy = scratch / f"{path.stem}-compare.sqlite3"
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    stamp = "2000-01-01 00:00:00.000000"
    target.execute("DELETE FROM audit_entry")
    for table in ("entity", "fact"):
        target.execute(f"UPDATE {table} SET created_at = ?, updated_at = ?", (stamp, stamp))
    target.execute("DELETE FROM sync_outbox")
    for table in SHARED:
        target.execute(f"UPDATE {table.name} SET gid = {table.local_key}")
    target.commit()
    target.close()
    engine = make_engine(copy)
    try:
        return content_digest(engine)
    finally:
        engine.dispose()


def import_all(database: Database, paths: list[Path]) -> None:
    for path in paths:
        planned = plan_file(database, path)
        assert planned.ok, [str(p) for p in planned.all_problems()][:5]
        apply(database, planned, who="round trip")


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_round_trip_into_an_empty_database(database: Database, tmp_path: Path, suffix: str) -> None:
    written = exporter.export_data(database, tmp_path / f"knowledge{suffix}")
    if suffix == ".csv":
        assert [p.name for p in written] == [
            f"knowledge-{name}.csv"
            for name in ("sources", "tags", "entities", "relations", "spaces", "facts", "contacts")
        ]
    empty = create_empty_database(tmp_path / "empty.sqlite3")
    try:
        import_all(empty, written)
    finally:
        empty.close()
    assert knowledge_digest(tmp_path / "empty.sqlite3", tmp_path) == knowledge_digest(
        database.path, tmp_path
    )


def test_reimporting_an_export_changes_nothing(database: Database, tmp_path: Path) -> None:
    [path] = exporter.export_data(database, tmp_path / "all.json")
    planned = plan_file(database, path)
    assert planned.counts()["unchanged"] == len(planned.rows) > 100


def test_export_by_kind_keeps_what_belongs_to_it(database: Database, tmp_path: Path) -> None:
    [path] = exporter.export_data(database, tmp_path / "sites.json", kind="site-or-facility")
    data = json.loads(path.read_text("utf-8"))
    assert {e["kind"] for e in data["entities"]} == {"site-or-facility"}
    slugs = {e["slug"] for e in data["entities"]}
    assert data["spaces"] and {s["site"] for s in data["spaces"]} <= slugs
    assert all({r["from"], r["to"]} <= slugs for r in data.get("relations", []))
    used_tags = {t for e in data["entities"] for t in e.get("tags", [])}
    assert {t["code"] for t in data["tags"]} == used_tags
    empty = create_empty_database(tmp_path / "empty.sqlite3")
    try:
        import_all(empty, [path])
    finally:
        empty.close()


def test_a_failed_export_leaves_the_old_file_alone(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous export")

    def half(handle: object, data: object) -> None:
        handle.write(b'{"entities": [')  # type: ignore[attr-defined]
        raise OSError("disk full")

    monkeypatch.setattr(exporter, "_write_json", half)
    with pytest.raises(OSError, match="disk full"):
        exporter.export_data(database, target)
    assert target.read_text() == "previous export"
    assert not [p.name for p in tmp_path.iterdir() if "out.json" in p.name and p != target]


def test_text_that_looks_like_a_formula_stays_text(database: Database, tmp_path: Path) -> None:
    rows = [{"slug": "formula-name", "name": "=SUM(A1:A9)", "kind": "company"}]
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"entities": rows}))
    apply(database, plan_file(database, source), who="me")
    [path] = exporter.export_data(database, tmp_path / "out.xlsx", record_type="entities")
    sheet = load_workbook(path)["entities"]
    cell = next(c for c in sheet["B"] if c.value == "=SUM(A1:A9)")
    assert cell.data_type == "s"
    assert plan_file(database, path).counts()["unchanged"] == sheet.max_row - 1


def test_unknown_suffix_and_kind_are_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(exporter.ExportError, match=r"choose a \.json, \.csv or \.xlsx"):
        exporter.export_data(database, tmp_path / "out.txt")
    with pytest.raises(ValueError, match="unknown kind 'firm'"):
        exporter.export_data(database, tmp_path / "out.json", kind="firm")


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_cli_export_then_dry_run_import(db_path: Path, tmp_path: Path) -> None:
    code, out = run("--db", str(db_path), "export-data", "--out", str(tmp_path / "e.csv"))
    assert code == 0 and "e-entities.csv" in out
    code, out = run("--db", str(db_path), "import", str(tmp_path / "e-entities.csv"), "--dry-run")
    assert code == 0 and "0 to add, 0 to update, 82 unchanged, 0 rejected" in out
    assert "Dry run: nothing was changed." in out


def test_cli_import_applies_or_refuses(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("name;kind\nCLI Import GmbH;company\n", encoding="utf-8")
    code, out = run("--db", str(db_path), "import", str(good), "--who", "Tester")
    assert code == 0 and "Imported: 1 added, 0 updated" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("name;kind\nOther GmbH;firma\n", encoding="utf-8")
    shutil.copyfile(db_path, tmp_path / "before.sqlite3")
    code, out = run("--db", str(db_path), "import", str(bad), "--json")
    assert code == 1
    payload = json.loads(out)
    assert payload["applied"] is False and payload["counts"]["reject"] == 1
    assert "bad.csv, row 2, column B 'kind'" in payload["rows"][0]["problems"][0]["text"]
    assert "nothing was imported: 1 row(s) are rejected" in capsys.readouterr().err
