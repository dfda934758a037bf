"""The column mapping and the dry run: added, updated (old → new), unchanged, rejected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.exchange.importer import plan, plan_file, read_table, suggest_mapping
from desktop.core.storage.database import Database, content_digest


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_german_headers_map_to_fields() -> None:
    headers = ["Kennung", "Name", "Kurz-Name", "Art", "Branchen", "Ort", "Beschreibung", "Notiz"]
    assert suggest_mapping(headers, "entities") == {
        "Kennung": "slug",
        "Name": "name",
        "Kurz-Name": "short_name",
        "Art": "kind",
        "Branchen": "sectors",
        "Ort": "location",
        "Beschreibung": "description",
    }
    assert suggest_mapping(["E-Mail", "Telefon", "Öffentlich"], "contacts") == {
        "E-Mail": "email",
        "Telefon": "phone",
        "Öffentlich": "public",
    }
    assert suggest_mapping(["Wert", "Einheit", "Stand", "Quelle"], "facts") == {
        "Wert": "value",
        "Einheit": "unit",
        "Stand": "as_of",
        "Quelle": "source",
    }


def test_labels_and_german_words_are_read_as_codes(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "firmen.csv",
        "Name;Art;Branchen;Schlagworte;Gegründet\n"
        "Zellwerk Leipzig GmbH;Unternehmen;Medizintechnik, Diagnostik;GMP, EN ISO 13485;2019\n",
    )
    planned = plan_file(database, path)
    assert planned.ok, planned.all_problems()
    [row] = planned.rows
    assert row.action == "add" and row.key == "zellwerk-leipzig-gmbh"
    assert row.values["kind"] == "company"
    assert row.values["sectors"] == ("diagnostics", "medtech")
    assert row.values["tags"] == ("en-iso-13485", "gmp")
    assert row.values["founded"] == 2019


def test_update_lists_each_changed_field_old_and_new(database: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "fix.csv",
        "slug,name,location,website,sectors\n"
        "fraunhofer-izi,Fraunhofer IZI Leipzig,,https://www.izi.fraunhofer.de,medtech\n",
    )
    before = content_digest(database.engine)
    planned = plan_file(database, path)
    [row] = planned.rows
    assert row.action == "update"
    changes = {c.field: (c.old, c.new) for c in row.changes}
    assert changes["name"] == (
        "Fraunhofer Institute for Cell Therapy and Immunology",
        "Fraunhofer IZI Leipzig",
    )
    assert changes["sectors"][1] == ("medtech",)
    assert "location" not in changes  # an empty cell never erases what is stored
    assert content_digest(database.engine) == before  # a dry run writes nothing


def test_a_row_equal_to_the_database_is_unchanged(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "same.csv", "slug,kind\nfraunhofer-izi,research-institute\n")
    assert [row.action for row in plan_file(database, path).rows] == ["unchanged"]


def test_new_records_need_their_required_fields(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "thin.csv", "slug,name\nbrand-new,Brand New\n")
    [row] = plan_file(database, path).rows
    assert row.action == "reject"
    assert str(row.problems[0]) == "thin.csv, row 2: a new entity needs kind"


def test_references_to_rows_earlier_in_the_file(database: Database, tmp_path: Path) -> None:
    data = {
        "sources": [{"key": "visit-2025", "title": "Site visit notes", "published": "2025"}],
        "tags": [{"code": "organoids", "label": "Organoids", "category": "technology"}],
        "entities": [
            {"slug": "orga-lab", "name": "Orga Lab", "kind": "company", "tags": ["organoids"]},
            {"slug": "ghost", "name": "Ghost", "kind": "firma"},
        ],
        "facts": [
            {
                "label": "Staff of Orga Lab",
                "value": 12,
                "unit": "people",
                "scope": "orga-lab",
                "source": "visit-2025",
                "as_of": "2025-03",
                "topics": ["medtech"],
            },
            {"key": "g", "label": "G", "value": 1, "unit": "x", "scope": "ghost", "source": "x"},
        ],
        "contacts": [
            {"name": "Dr. Anna Beispiel", "organisation": "orga-lab", "email": "a@orga.example"}
        ],
    }
    path = write(tmp_path, "bundle.json", json.dumps(data))
    planned = plan_file(database, path)
    actions = {(row.record_type, row.key): row.action for row in planned.rows}
    assert actions == {
        ("sources", "visit-2025"): "add",
        ("tags", "organoids"): "add",
        ("entities", "orga-lab"): "add",
        ("entities", "ghost"): "reject",
        ("facts", "staff-of-orga-lab"): "add",
        ("facts", "g"): "reject",
        ("contacts", "dr-anna-beispiel"): "add",
    }
    messages = [str(p) for p in planned.all_problems()]
    assert any("refers to entity 'ghost', which is rejected" in m for m in messages)
    assert any(
        "unknown source 'x': not in the database nor earlier in the file" in m for m in messages
    )


def test_contact_for_a_person_who_is_not_a_person(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "person,role\nfraunhofer-izi,Director\n")
    [row] = plan_file(database, path).rows
    assert "'fraunhofer-izi' is a research-institute, not a person" in str(row.problems[0])


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2999", "an as-of date cannot be in the future"),
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("March 2024", "write the date as YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_as_of_dates(database: Database, tmp_path: Path, cell: str, message: str) -> None:
    path = write(
        tmp_path,
        "f.csv",
        f"key,label,value,unit,source,as_of\nk,L,1,x,cluster-profile,{cell}\n",
    )
    [row] = plan_file(database, path).rows
    assert str(row.problems[0]) == f"f.csv, row 2, column F 'as_of': as_of: {message}"


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1500", 1500.0), ("1.500,5", 1500.5), ("1,500.5", 1500.5), ("2,5", 2.5), ("-3", -3.0)],
)
def test_numbers_as_people_write_them(
    database: Database, tmp_path: Path, cell: str, value: float
) -> None:
    path = write(
        tmp_path, "f.csv", f'key;label;value;unit;source\nk;L;"{cell}";x;cluster-profile\n'
    )
    [row] = plan_file(database, path).rows
    assert row.values["value"] == value


def test_explicit_mapping_and_record_type(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "Firmenname,Typ XY\nMapped GmbH,company\n")
    table = read_table(path)
    with database.session() as session:  # a Session (as the services use) or a Connection
        planned = plan(session, table, {"Firmenname": "name", "Typ XY": "kind"}, "entities")
    assert [(row.key, row.action) for row in planned.rows] == [("mapped-gmbh", "add")]
    with database.engine.connect() as connection:
        wrong = plan(connection, table, {"Firmenname": "nom"}, "entities")
    assert "unknown field 'nom'" in str(wrong.problems[0])


def test_plan_as_json_lists_every_row(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "e.csv", "slug,name,kind\nfraunhofer-izi,IZI,research-institute\n")
    payload = plan_file(database, path).to_dict()
    json.dumps(payload)
    assert payload["counts"]["update"] == 1
    assert payload["rows"][0]["changes"][0]["field"] == "name"
