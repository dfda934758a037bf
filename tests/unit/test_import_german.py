"""An import speaks the reader's language: the dry run's problems, with the place they name,
its notes and the file's errors read German for a German reader, English in the log and in
``--json``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.app import language
from desktop.cli.main import main
from desktop.core.exchange.importer import ImportFileError, plan_file
from desktop.core.language.messages import said
from desktop.core.storage.database import Database

BAD_ROWS = (
    "slug,name,kind,website,founded\n"
    "neo-bio,Neo Bio GmbH,company,https://neo-bio.example,2019\n"
    "alt-lab,Alt Lab,spaceship,ftp://alt.example,2019\n"
    "wide-lab,Wide Lab,company,https://wide.example,3000\n"
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_a_german_plan_reads_german_problems_with_their_place(
    database: Database, tmp_path: Path
) -> None:
    planned = plan_file(database, write(tmp_path, "firmen.csv", BAD_ROWS))
    rejected = planned.of("reject")
    assert [row.row for row in rejected] == [3, 4]
    kind, website = rejected[0].problems
    assert str(kind).startswith(
        "firmen.csv, row 3, column C 'kind': kind: unknown kind 'spaceship'; expected one of: "
    )
    german = kind.said("de")
    assert german.startswith("firmen.csv, Zeile 3, Spalte C 'kind': kind: Art 'spaceship' ist")
    assert "unbekannt; erwartet wird einer dieser Werte: " in german
    # A field check of the edit forms, said again in the reader's language.
    assert str(website).endswith("website: a web address starts with https:// or http://")
    assert website.said("de").endswith("Eine Webadresse beginnt mit https:// oder http://")
    assert "Zeile 3, Spalte D 'website'" in website.said("de")
    [founded] = rejected[1].problems
    assert "Zeile 4, Spalte E 'founded'" in founded.said("de")
    assert "Gründungsjahr" in founded.said("de") and "founding year" in str(founded)
    # The notes, too; str() stays English for the log.
    assert [said(note, "de") for note in planned.notes] == [
        "firmen.csv: als entities gelesen (nach den Spaltenköpfen)",
        "firmen.csv: Zeichenkodierung utf-8: UTF-8",
    ]
    assert str(planned.notes[0]) == "firmen.csv: read as entities (from the headers)"


def test_problems_of_the_file_and_its_grouped_numbers_read_german(
    database: Database, tmp_path: Path
) -> None:
    """A file-level problem and a count: ``100.001`` in German, ``100,001`` in English."""
    long = "x" * 100_001
    planned = plan_file(database, write(tmp_path, "lang.csv", f"slug,name\nlang,{long}\n"))
    [problem] = planned.of("reject")[0].problems
    assert "is 100,001 characters long; at most 100,000 fit" in str(problem)
    assert "ist 100.001 Zeichen lang; höchstens 100.000 passen" in problem.said("de")
    with pytest.raises(ImportFileError) as raised:
        plan_file(database, write(tmp_path, "leer.csv", ""))
    assert str(raised.value) == "leer.csv is empty"
    assert raised.value.said("de") == "leer.csv ist leer"
    headerless = plan_file(database, write(tmp_path, "x-entities.csv", "farbe,groesse\nrot,1\n"))
    assert (
        headerless.problems[0]
        .said("de")
        .startswith(
            "x-entities.csv, Zeile 1: keine Spalte für slug (oder name, um die Kennung daraus "
            "abzuleiten); die Kopfzeile lautet 'farbe', 'groesse'"
        )
    )


def test_the_command_line_plan_reads_german_and_its_json_english(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "_in_use", [])
    for name in language.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "de")
    path = write(tmp_path, "firmen.csv", BAD_ROWS)
    out = io.StringIO()
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"], out=out) == 1
    text = out.getvalue()
    assert "firmen.csv, Zeile 3, Spalte C 'kind': kind: Art 'spaceship' ist unbekannt" in text
    assert "firmen.csv: als entities gelesen (nach den Spaltenköpfen)" in text
    assert "unknown kind" not in text and "read as" not in text
    out = io.StringIO()
    assert main(["--db", str(db_path), "import", str(path), "--json"], out=out) == 1
    payload = json.loads(out.getvalue())
    assert payload["notes"][0] == "firmen.csv: read as entities (from the headers)"
    [problem, _] = payload["rows"][1]["problems"]
    assert problem["text"].startswith("firmen.csv, row 3, column C 'kind': kind: unknown kind")
    assert problem["message"].startswith("kind: unknown kind 'spaceship'")
