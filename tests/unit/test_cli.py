"""The headless CLI: output, JSON shape, exit codes and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli.main import main
from desktop.core.storage.database import Database


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_list_json_has_the_promised_fields(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "list", "--json")
    entities = json.loads(out)
    assert code == 0 and len(entities) >= 80
    assert {"slug", "name", "kind", "sectors", "tags", "description"} <= set(entities[0])


def test_list_filters_by_kind_and_sector(db_path: Path) -> None:
    _, out = run("--db", str(db_path), "list", "--kind", "logistics-provider", "--json")
    assert {e["kind"] for e in json.loads(out)} == {"logistics-provider"}
    _, out = run("--db", str(db_path), "list", "--sector", "cell-gene-therapy", "--json")
    assert all("cell-gene-therapy" in e["sectors"] for e in json.loads(out))


def test_show_gives_relations_facts_and_space(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "show", "biocube-leipzig", "--json")
    detail = json.loads(out)
    assert code == 0
    assert {s["space_type"] for s in detail["space"]} >= {"lab-s1", "lab-s2", "office"}
    assert any(r["slug"] == "biocity-campus" for r in detail["relations"])
    assert detail["facts"] and detail["facts"][0]["source"]["title"]


def test_show_text_names_sources(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "show", "uol-medical-faculty")
    assert code == 0 and "Source:" in out and "3,100 students" in out


def test_search_json_ranks_and_snippets(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "search", "GMP", "--limit", "3", "--json")
    result = json.loads(out)
    assert code == 0 and len(result["hits"]) == 3
    assert "fraunhofer-izi" in [hit["slug"] for hit in result["hits"]]
    assert all("\x02" not in hit["snippet"] for hit in result["hits"])


def test_search_text_output(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "search", "Kuhne")
    assert code == 0 and "Kühne+Nagel" in out


def test_figures_json_carries_unit_as_of_and_source(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "figures", "--json")
    figures = json.loads(out)
    assert code == 0 and len(figures) >= 20
    for figure in figures:
        assert figure["unit"] and figure["source"]["title"] and "as_of" in figure
    logistics = next(f for f in figures if f["value"] == 1500)
    assert logistics["text"] == "more than 1,500 companies"


def test_sectors_lists_the_taxonomy(db_path: Path) -> None:
    code, out = run("--db", str(db_path), "sectors", "--json")
    sectors = {s["code"]: s for s in json.loads(out)}
    assert code == 0 and sectors["cell-gene-therapy"]["entities"] >= 3
    assert sectors["logistics"]["labels"] == {"en": "Logistics", "de": "Logistik"}


def test_unknown_slug_is_one_line_and_exit_1(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("--db", str(db_path), "show", "no-such-thing")
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "no-such-thing" in err


def test_usage_error_exits_2(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--db", str(db_path), "list", "--kind", "spaceship")[0] == 2
    assert run("--db", str(db_path), "search", "x", "--limit", "zero")[0] == 2
    assert run("--db", str(db_path), "frobnicate")[0] == 2
    assert "usage:" in capsys.readouterr().err


def test_newer_database_is_refused_cleanly(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = Database.open(db_path)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE meta SET value = '999' WHERE key = 'schema_version'"))
    database.close()
    code, _ = run("--db", str(db_path), "list")
    err = capsys.readouterr().err
    assert code == 1 and "newer Dossier Desk" in err and "Traceback" not in err


def test_unreadable_path_is_refused_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    assert run("--db", str(bad), "list")[0] == 1
    assert run("--db", str(tmp_path / "missing" / "x.sqlite3"), "list")[0] == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err


def test_default_database_is_created_in_the_user_data_dir(isolated_user_dirs: Path) -> None:
    code, out = run("summary")
    created = list((isolated_user_dirs / "data").rglob("dossier-desk.sqlite3"))
    assert code == 0 and len(created) == 1 and "entities" in out


def test_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("DOSSIER_DESK_DB", str(target))
    assert run("list")[0] == 0 and target.exists()


def test_module_entry_point_runs_without_qt(db_path: Path) -> None:
    """`python -m desktop` works headless and the CLI path never imports Qt."""
    script = (
        "import sys, runpy; sys.argv = ['desktop', '--db', sys.argv[1], 'search', 'GMP'];"
        "\ntry:\n    runpy.run_module('desktop', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(db_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Fraunhofer" in result.stdout
