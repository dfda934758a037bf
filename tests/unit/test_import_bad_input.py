"""Bad input gets a clear error (file, row, column), and nothing is lost.

Every test runs the whole import path — read, dry run, apply — and then compares the database's
content digest with the one taken before: a refused import must not have written anything.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.exchange.importer import (
    ImportFileError,
    ImportRefusedError,
    apply,
    plan_file,
    read_table,
)
from desktop.core.storage.database import Database, content_digest

HEADER = "slug,name,kind,sectors,location,description\n"
GOOD = 'neo-bio,Neo Bio GmbH,company,medtech,Leipzig,"Makes sensors, small ones"\n'


def refused(database: Database, path: Path, **options: str) -> str:
    """Run the import; it must be refused. Returns every message; checks nothing changed."""
    before = content_digest(database.engine)
    try:
        planned = plan_file(database, path, **options)
    except ImportFileError as error:
        message = str(error)
    else:
        assert not planned.ok
        with pytest.raises(ImportRefusedError, match="nothing was imported"):
            apply(database, planned, who="test")
        message = "\n".join(str(problem) for problem in planned.all_problems())
    assert content_digest(database.engine) == before
    return message


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def test_truncated_csv_inside_a_quoted_value(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path, "cut.csv", HEADER + GOOD + 'other,Other AG,company,medtech,Halle,"Half a'
    )
    message = refused(database, path)
    assert "cut.csv, row 3" in message and "never closed" in message


def test_truncated_csv_in_the_middle_of_a_row(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "cut.csv", HEADER + GOOD + "other,Other AG,comp")
    message = refused(database, path)
    assert "cut.csv, row 3, column D" in message and "has 3 of 6 columns" in message


def test_wrong_delimiter_in_the_header(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "pipes.csv", HEADER.replace(",", "|") + GOOD.replace(",", "|"))
    message = refused(database, path)
    assert "pipes.csv, row 1" in message and "delimiter" in message


def test_rows_with_another_delimiter_than_the_header(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.csv", HEADER.replace(",", ";") + GOOD)
    message = refused(database, path)
    assert "mixed.csv, row 2" in message and "of 6 columns" in message


def test_latin1_file_is_detected_and_read_correctly(database: Database, tmp_path: Path) -> None:
    content = HEADER + "mueller-labor,Müller Labor für Zellkultur,company,medtech,Gößnitz,Öl\n"
    path = write(tmp_path, "latin1.csv", content.encode("latin-1"))
    table = read_table(path)
    assert table.encoding == "latin-1" and "not UTF-8 (byte 0xfc on line 2)" in str(table.notes[0])
    planned = plan_file(database, path)
    assert planned.ok
    apply(database, planned, who="test")
    with database.engine.connect() as connection:
        name, place = connection.execute(
            text("SELECT name, location FROM entity WHERE slug = 'mueller-labor'")
        ).one()
    assert (name, place) == ("Müller Labor für Zellkultur", "Gößnitz")


def test_latin1_file_forced_as_utf8_is_refused(database: Database, tmp_path: Path) -> None:
    content = HEADER + "mueller,Müller,company,medtech,Leipzig,x\n"
    path = write(tmp_path, "latin1.csv", content.encode("latin-1"))
    message = refused(database, path, encoding="utf-8")
    assert "latin1.csv, line 2: not valid utf-8" in message


def test_windows_1252_is_told_apart_from_latin1(tmp_path: Path) -> None:
    content = HEADER + "euro,Euro „Fonds“ €,company,medtech,Leipzig,x\n"
    path = write(tmp_path, "cp1252.csv", content.encode("cp1252"))
    assert read_table(path).encoding == "cp1252"


def test_byte_order_mark_is_not_part_of_the_first_header(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "bom.csv", ("\ufeff" + HEADER + GOOD).encode("utf-8"))
    table = read_table(path)
    assert table.headers[0] == "slug" and table.encoding == "utf-8-sig"
    assert plan_file(database, path).ok


def test_empty_file(database: Database, tmp_path: Path) -> None:
    assert "empty.csv is empty" in refused(database, write(tmp_path, "empty.csv", b""))
    message = refused(database, write(tmp_path, "blank.csv", "\ufeff \n\n"))
    assert "blank.csv holds no text" in message


def test_header_only(database: Database, tmp_path: Path) -> None:
    message = refused(database, write(tmp_path, "head.csv", HEADER))
    assert "head.csv, row 1: no records below the header" in message


def test_duplicate_slugs_reject_both_rows_and_name_each_other(
    database: Database, tmp_path: Path
) -> None:
    other = GOOD.replace("Neo Bio GmbH", "Neo Bio AG")
    path = write(tmp_path, "twice.csv", HEADER + GOOD + "x-ok,X,company,medtech,Y,Z\n" + other)
    message = refused(database, path)
    assert "twice.csv, row 2: slug 'neo-bio' also on row 4" in message
    assert "twice.csv, row 4: slug 'neo-bio' also on row 2" in message
    planned = plan_file(database, path)
    assert [row.action for row in planned.rows] == ["reject", "add", "reject"]


def test_names_that_derive_the_same_slug_are_duplicates(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "names.csv", "name,kind\nMüller GmbH,company\nMueller GmbH,company\n")
    assert "slug 'mueller-gmbh' also on row 3" in refused(database, path)


def test_unknown_kind_and_sector_codes_list_the_valid_ones(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "codes.csv", HEADER + "a,A,firma,medtech,L,d\nb,B,company,medtec,L,d\n")
    message = refused(database, path)
    assert "codes.csv, row 2, column C 'kind': kind: unknown kind 'firma'" in message
    assert "expected one of: biobank-or-blood-service, company," in message
    assert "codes.csv, row 3, column D 'sectors': sectors: unknown sector 'medtec'" in message
    assert "ai-data, basic-research" in message


def test_json_with_wrong_types(database: Database, tmp_path: Path) -> None:
    records = [
        {"slug": "a", "name": 123, "kind": "company"},
        {"slug": "b", "name": "B", "kind": "company", "founded": "1990"},
        {"slug": "c", "name": "C", "kind": "company", "sectors": 7},
        "not an object",
    ]
    path = write(tmp_path, "types.json", json.dumps({"entities": records}))
    message = refused(database, path)
    assert "types.json [entities], record 1, field 'name': name: must be text, not a number" in (
        message
    )
    assert "record 2, field 'founded': founded: must be a year such as 1997, not str" in message
    assert "record 3, field 'sectors': sectors: must be a list of codes, not a number" in message
    assert "record 4: is str, not an object" in message
    facts = [{"key": "k", "label": "L", "value": "12", "unit": "x", "source": "cluster-profile"}]
    message = refused(database, write(tmp_path, "facts.json", json.dumps({"facts": facts})))
    assert "field 'value': value: must be a number, not str" in message


def test_json_of_the_wrong_shape(database: Database, tmp_path: Path) -> None:
    assert "expected a list of records" in refused(database, write(tmp_path, "n.json", "42"))
    message = refused(database, write(tmp_path, "s.json", '{"entities": {"slug": "x"}}'))
    assert "'entities' must be a list of objects, not dict" in message
    message = refused(database, write(tmp_path, "u.json", '{"firms": []}'))
    assert "unknown section(s) 'firms'" in message
    message = refused(database, write(tmp_path, "bad.json", '[{"slug": "x",}]'))
    assert "bad.json, line 1, column 15: not valid JSON" in message


def test_a_50_mb_file_is_handled_quickly(database: Database, tmp_path: Path) -> None:
    """One row whose description is 50 MB (no closing quote in sight): refused at once."""
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + 'big,Big,company,medtech,Leipzig,"')
        chunk = "lorem ipsum dolor sit amet " * 40_000
        while handle.tell() < 50 * 2**20:
            handle.write(chunk)
        handle.write('"\n')
    started = time.perf_counter()
    message = refused(database, path)
    assert time.perf_counter() - started < 5
    assert "huge.csv, row 2" in message and "longer than 131,072 characters" in message


def test_a_50_mb_json_value_is_rejected_by_its_size(database: Database, tmp_path: Path) -> None:
    record = {"slug": "big", "name": "Big", "kind": "company", "description": "x" * 50 * 2**20}
    path = write(tmp_path, "huge.json", json.dumps([record]))
    started = time.perf_counter()
    message = refused(database, path, record_type="entities")
    assert time.perf_counter() - started < 5
    assert "record 1, field 'description'" in message and "at most 100,000 fit" in message


def test_files_over_100_mb_are_refused_before_reading(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "giant.csv"
    with path.open("wb") as handle:
        handle.truncate(101 * 2**20)  # sparse: instant, and never read
    assert "giant.csv is 101 MB; files over 100 MB are not imported" in refused(database, path)


def test_markup_and_sql_are_stored_literally(database: Database, tmp_path: Path) -> None:
    nasty = [
        "<script>alert('x')</script>",
        "Robert'); DROP TABLE entity;--",
        '=HYPERLINK("http://evil")',
        '"; DELETE FROM fact; --',
        "<b>bold</b> &amp; {{ template }}",
    ]
    rows = [
        {"slug": f"nasty-{i}", "name": value, "kind": "company", "description": value}
        for i, value in enumerate(nasty)
    ]
    path = write(tmp_path, "nasty.json", json.dumps({"entities": rows}))
    planned = plan_file(database, path)
    assert planned.ok
    apply(database, planned, who="<i>test</i>")
    with database.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT name, description FROM entity WHERE slug LIKE 'nasty-%' ORDER BY slug")
        ).all()
        assert connection.execute(text("SELECT count(*) FROM fact")).scalar_one() > 0
        hits = connection.execute(
            text("SELECT count(*) FROM entity_fts WHERE entity_fts MATCH '\"HYPERLINK\"'")
        ).scalar_one()
    assert [tuple(row) for row in stored] == [(value, value) for value in nasty]
    assert hits == 1
