"""Texts in other languages in a spreadsheet: a column per field and language ("description
[de]") beside the English one, read back into the record's texts; the JSON ``texts`` column of
earlier exports still imports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.app import exchange
from desktop.core.exchange import exporter
from desktop.core.exchange import state as import_state
from desktop.core.exchange.importer import apply, create_empty_database, plan_file
from desktop.core.language import texts as record_texts
from desktop.core.storage.database import Database

TRANSLATED_TYPES = ("entities", "relations", "spaces", "facts")


def all_texts(database: Database) -> dict[str, dict[str, record_texts.Texts]]:
    """Every record's texts by type and key, as parsed (the language columns' whole content)."""
    with database.engine.connect() as connection:
        return {
            name: {
                key: record_texts.parse(record["texts"])
                for key, record in import_state.load_records(connection, name).items()
            }
            for name in TRANSLATED_TYPES
        }


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def a_translated_entity(database: Database) -> tuple[str, record_texts.Texts]:
    """An entity with both its description and its location in German."""
    for slug, texts in all_texts(database)["entities"].items():
        if {"description", "location"} <= set(texts.get("de", {})):
            return slug, texts
    raise AssertionError("the seed has no entity with a German description and location")


def test_a_spreadsheet_has_a_column_per_field_and_language(
    database: Database, tmp_path: Path
) -> None:
    written = exporter.export_data(database, tmp_path / "kb.csv")
    entities = next(path for path in written if path.name == "kb-entities.csv")
    header = next(csv.reader(entities.open(encoding="utf-8-sig")))
    assert header[header.index("description") + 1] == "description [de]"
    assert header[header.index("location") + 1] == "location [de]"
    assert "texts" not in header
    facts = next(path for path in written if path.name == "kb-facts.csv")
    header = next(csv.reader(facts.open(encoding="utf-8-sig")))
    assert {"label [de]", "unit [de]", "period [de]"} <= set(header) and "texts" not in header
    slug, texts = a_translated_entity(database)
    [row] = [row for row in csv_rows(entities) if row["slug"] == slug]
    assert row["description [de]"] == texts["de"]["description"]
    [path] = exporter.export_data(database, tmp_path / "kb.xlsx")
    sheet = load_workbook(path)["entities"]
    headers = [cell.value for cell in sheet[1]]
    assert "description [de]" in headers and "texts" not in headers


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_texts(
    database: Database, tmp_path: Path, suffix: str
) -> None:
    written = exporter.export_data(database, tmp_path / f"kb{suffix}")
    empty = create_empty_database(tmp_path / "empty.sqlite3")
    try:
        for path in written:
            planned = plan_file(empty, path)
            assert planned.ok, [str(p) for p in planned.all_problems()][:3]
            apply(empty, planned, who="round trip")
        copied = all_texts(empty)
    finally:
        empty.close()
    original = all_texts(database)
    assert copied == original
    assert any(texts for records in original.values() for texts in records.values())
    assert all(plan_file(database, path).counts()["update"] == 0 for path in written)


def test_editing_one_translation_changes_that_text_only(database: Database, tmp_path: Path) -> None:
    slug, before = a_translated_entity(database)
    [path] = exporter.export_data(database, tmp_path / "e.csv", record_type="entities")
    rows = csv_rows(path)
    for row in rows:
        if row["slug"] == slug:
            row["description [de]"] = "Eine neue deutsche Beschreibung."
    write_csv(path, rows)
    planned = plan_file(database, path)
    assert planned.counts()["update"] == 1 and planned.counts()["unchanged"] == len(rows) - 1
    [updated] = planned.of("update")
    assert updated.key == slug and [change.field for change in updated.changes] == ["texts"]
    apply(database, planned, who="Tester")
    after = all_texts(database)["entities"][slug]
    expected = {**before, "de": {**before["de"], "description": "Eine neue deutsche Beschreibung."}}
    assert after == expected


def test_a_workbook_edited_in_one_cell_changes_that_text_only(
    database: Database, tmp_path: Path
) -> None:
    slug, before = a_translated_entity(database)
    [path] = exporter.export_data(database, tmp_path / "e.xlsx", record_type="entities")
    book = load_workbook(path)
    sheet = book["entities"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("location [de]")
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == slug:
            row[column].value = "Leipzig-Süd"
    book.save(path)
    planned = plan_file(database, path)
    assert planned.counts()["update"] == 1
    apply(database, planned, who="Tester")
    after = all_texts(database)["entities"][slug]
    assert after == {**before, "de": {**before["de"], "location": "Leipzig-Süd"}}


def test_a_few_columns_with_german_headers_update_those_texts(
    database: Database, tmp_path: Path
) -> None:
    """Only "Beschreibung [de]": the other texts stay; an empty cell erases nothing."""
    slug, before = a_translated_entity(database)
    other = next(s for s in all_texts(database)["entities"] if s != slug)
    other_before = all_texts(database)["entities"][other]
    path = tmp_path / "beschreibungen.csv"
    path.write_text(f"Kennung;Beschreibung [de]\n{slug};Kurz und neu.\n{other};\n", "utf-8")
    planned = plan_file(database, path, record_type="entities")
    assert planned.ok and planned.counts()["update"] == 1
    apply(database, planned, who="Tester")
    texts = all_texts(database)["entities"]
    assert texts[slug] == {**before, "de": {**before["de"], "description": "Kurz und neu."}}
    assert texts[other] == other_before


def test_the_texts_column_of_earlier_exports_still_imports(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "old-entities.csv"
    path.write_text(
        "slug,name,kind,texts,location [de]\n"
        'neu-labor,Neu Labor,company,"{""de"": {""description"": ""Ein Labor.""}}",Halle\n'
        'alt-labor,Alt Labor,company,"{""de"": {""description"": ""Noch eins.""}}",\n',
        "utf-8",
    )
    planned = plan_file(database, path)
    assert planned.ok, [str(p) for p in planned.all_problems()]
    apply(database, planned, who="Tester")
    texts = all_texts(database)["entities"]
    assert texts["neu-labor"] == {"de": {"description": "Ein Labor.", "location": "Halle"}}
    assert texts["alt-labor"] == {"de": {"description": "Noch eins."}}


def test_a_language_without_a_catalogue_travels_in_its_own_column(
    database: Database, tmp_path: Path
) -> None:
    slug, before = a_translated_entity(database)
    path = tmp_path / "fr-entities.csv"
    path.write_text(f"slug,description [fr]\n{slug},Une description.\n", "utf-8")
    apply(database, plan_file(database, path), who="Tester")
    assert all_texts(database)["entities"][slug] == {
        **before,
        "fr": {"description": "Une description."},
    }
    [out] = exporter.export_data(database, tmp_path / "out.csv", record_type="entities")
    [row] = [row for row in csv_rows(out) if row["slug"] == slug]
    assert row["description [fr]"] == "Une description."
    assert row["description [de]"] == before["de"]["description"]


def test_the_mapping_step_offers_the_language_columns(tmp_path: Path) -> None:
    path = tmp_path / "firmen.csv"
    path.write_text("Kennung;Name;Beschreibung;Beschreibung [de];Ort [de]\nx;X;y;z;w\n", "utf-8")
    read = exchange.read_import_file(path=path, record_type="entities")
    assert read.mapping == {
        "Kennung": "slug",
        "Name": "name",
        "Beschreibung": "description",
        "Beschreibung [de]": "description [de]",
        "Ort [de]": "location [de]",
    }
    assert read.fields.index("description [de]") == read.fields.index("description") + 1
