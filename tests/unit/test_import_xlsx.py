"""Excel workbooks: values not formulas, merged cells reported, sheets by record type."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.core.exchange.importer import (
    ImportFileError,
    ImportRefusedError,
    apply,
    plan_file,
    read_tables,
)
from desktop.core.storage.database import Database, content_digest

HEADERS = ["Name", "Art", "Branchen", "Gründungsjahr"]


def workbook(tmp_path: Path, rows: list[list[object]], *, title: str = "Tabelle1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "import.xlsx"
    book.save(path)
    return path


def refused(database: Database, path: Path) -> list[str]:
    before = content_digest(database.engine)
    planned = plan_file(database, path)
    with pytest.raises(ImportRefusedError):
        apply(database, planned, who="test")
    assert content_digest(database.engine) == before
    return [str(problem) for problem in planned.all_problems()]


def test_a_plain_sheet_imports_with_typed_cells(database: Database, tmp_path: Path) -> None:
    path = workbook(tmp_path, [["Sheet Bio GmbH", "company", "medtech", 2015.0]])
    planned = plan_file(database, path)
    assert planned.ok, planned.all_problems()
    assert planned.rows[0].values["founded"] == 2015
    assert planned.rows[0].file == "import.xlsx [Tabelle1]"


def test_formula_without_a_value_is_a_rejected_cell(database: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [["Good GmbH", "company", "medtech", 2001], ["Formel AG", "company", "medtech", "=2000+1"]],
    )
    problems = refused(database, path)
    assert problems == [
        "import.xlsx [Tabelle1], row 3, column D 'Gründungsjahr': the formula =2000+1 has no "
        "calculated value: open and save the file in Excel or LibreOffice, or paste values only"
    ]


def test_merged_cells_are_reported(database: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [["Merged One", "company", "medtech", None], ["Merged Two", None, "medtech", None]],
    )
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active.merge_cells("B2:B3")
    book.save(path)
    problems = refused(database, path)
    assert (
        "import.xlsx [Tabelle1], row 3, column B 'Art': cells B2:B3 are merged: unmerge them "
        "and fill in every cell" in problems
    )


def test_merged_header_cells_block_the_file(database: Database, tmp_path: Path) -> None:
    path = workbook(tmp_path, [["X GmbH", "company", "medtech", None]])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active.merge_cells("A1:B1")
    book.save(path)
    problems = refused(database, path)
    assert any("row 1, column A 'Name': header cells A1:B1 are merged" in p for p in problems)


def test_dates_from_the_sheet_become_partial_dates(database: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kennzahlen"
    sheet.append(["key", "label", "value", "unit", "source", "as_of"])
    sheet.append(
        ["xlsx-fact", "From Excel", 1500, "companies", "cluster-profile", datetime(2024, 3, 1)]
    )
    path = tmp_path / "facts.xlsx"
    book.save(path)
    planned = plan_file(database, path)
    assert planned.record_types == ["facts"] and planned.ok
    assert planned.rows[0].values["as_of"] == "2024-03-01"


def test_not_a_workbook(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("slug,name\n")
    before = content_digest(database.engine)
    with pytest.raises(ImportFileError, match=r"fake\.xlsx is not a readable Excel workbook"):
        read_tables(path)
    assert content_digest(database.engine) == before
