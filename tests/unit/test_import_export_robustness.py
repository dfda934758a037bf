"""Hostile import files: refused with one line, in bounded work, and the database unchanged.

XLSX bombs (declared and real), sheets too large to read, lying zip directories and sheet
dimensions, a folder or a pipe instead of a file, JSON nested too deeply, NaN and Infinity as
figures, a full disk while importing — each through the CLI as a consultant would run it.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import event
from sqlalchemy.pool import Pool

from desktop.cli.main import main
from desktop.core.exchange import checks as import_checks
from desktop.core.exchange import xlsx_parts as import_xlsx_parts
from desktop.core.exchange.importer import ImportFileError, ImportRefusedError, apply, plan_file
from desktop.core.storage.database import Database, content_digest

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="entities" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
SHEET = "xl/worksheets/sheet1.xml"


def inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def raw_workbook(path: Path, rows: list[str], *, dimension: str = "", tail: str = "") -> Path:
    """An XLSX written by hand, so a test can put into it what Excel never would."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in PARTS.items():
            archive.writestr(name, xml)
        body = "".join(rows)
        archive.writestr(
            SHEET,
            f'<worksheet xmlns="{NS}">{dimension}<sheetData>{body}</sheetData>{tail}</worksheet>',
        )
    return path


def header() -> str:
    return "<row>" + inline("name") + inline("kind") + "</row>"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def cli_refuses(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the CLI; it must fail with one line on stderr, no traceback, the database unchanged."""
    database = Database.open(db_path, create=False)
    before = content_digest(database.engine)
    database.close()
    capsys.readouterr()
    code, _out = run("--db", str(db_path), *args)
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    database = Database.open(db_path, create=False)
    try:
        assert content_digest(database.engine) == before
    finally:
        database.close()
    return err


# --- C: bounded XLSX reading ---------------------------------------------------------------


def test_a_zip_bomb_is_refused_from_its_directory(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Small on disk, over the unpacked limit inside: refused before a byte is unpacked."""
    path = tmp_path / "bomb.xlsx"
    limit = import_xlsx_parts.MAX_UNPACKED_BYTES
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, xml in PARTS.items():
            archive.writestr(name, xml)
        with archive.open(SHEET, "w", force_zip64=True) as handle:
            handle.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(limit // len(chunk) + 1):
                handle.write(chunk)
            handle.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 2 * 2**20
    err = cli_refuses(db_path, capsys, "import", str(path), "--dry-run")
    assert "bomb.xlsx unpacks to 101 MB, more than the 100 MB an import reads" in err


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the zip's local header and directory entry of ``member`` to claim ``declared``."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    name = member.encode()
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, declared)  # local header: uncompressed size
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + length]) == name:
            struct.pack_into("<I", data, central + 24, declared)  # directory: uncompressed size
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_directory_that_understates_the_size_is_caught_while_unpacking(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [header()] + [
        f"<row>{inline(f'Firm {n}')}{inline('company')}</row>" for n in range(2000)
    ]
    path = raw_workbook(tmp_path / "liar.xlsx", rows)
    lie_about_size(path, SHEET, 1000)
    err = cli_refuses(db_path, capsys, "import", str(path), "--dry-run")
    assert "liar.xlsx is not a readable Excel workbook (.xlsx)" in err


def test_the_guard_stops_a_member_that_unpacks_to_more_than_it_says(tmp_path: Path) -> None:
    """Whatever the zip library does with a lying size, the reader never takes more."""
    stream = import_xlsx_parts._Guarded(io.BytesIO(b"x" * 5000), 1000, "too big")
    with pytest.raises(ImportFileError, match="too big"):
        while stream.read(256):
            pass


def test_a_sheet_with_too_many_cells_is_refused(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(import_xlsx_parts, "MAX_CELLS", 1000)
    rows = [header()] + [f"<row>{inline(f'Firm {n}')}{inline('company')}</row>" for n in range(600)]
    path = raw_workbook(tmp_path / "many.xlsx", rows)
    err = cli_refuses(db_path, capsys, "import", str(path), "--dry-run")
    assert "many.xlsx [entities] has more than 1,000 cells, more than an import reads" in err


def test_one_row_wider_than_excel_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [header(), "<row>" + "<c/>" * 16_385 + "</row>"]
    path = raw_workbook(tmp_path / "wide.xlsx", rows)
    err = cli_refuses(db_path, capsys, "import", str(path), "--dry-run")
    assert "wide.xlsx [entities] is damaged: a row has more than Excel's 16,384 columns" in err


def test_a_lying_dimension_and_far_rows_are_not_padded(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet claims A1:XFD1048576; only the cells that are there are read, each twice."""
    calls = []
    original = import_xlsx_parts._cell
    monkeypatch.setattr(
        import_xlsx_parts,
        "_cell",
        lambda *a: calls.append(1) or original(*a),  # type: ignore[func-returns-value]
    )
    rows = [
        '<row r="1">' + inline("name") + inline("kind") + "</row>",
        '<row r="2">' + inline("Near GmbH") + inline("company") + "</row>",
        '<row r="1048576">' + inline("Far GmbH") + inline("company") + "</row>",
    ]
    path = raw_workbook(
        tmp_path / "claims.xlsx", rows, dimension='<dimension ref="A1:XFD1048576"/>'
    )
    planned = plan_file(database, path)
    assert planned.ok and [(r.row, r.key) for r in planned.rows] == [
        (2, "near-gmbh"),
        (1048576, "far-gmbh"),
    ]
    assert len(calls) == 2 * 6  # the first pass (header, formulas, merges) and the rows


def test_a_20000_cell_sheet_imports_correctly(database: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "entities"
    sheet.append(["slug", "name", "kind", "location"])
    for n in range(5000):
        sheet.append([f"bulk-{n}", f"Bulk Firm {n}", "company", "Leipzig"])
    path = tmp_path / "bulk.xlsx"
    book.save(path)
    planned = plan_file(database, path)
    assert planned.ok and planned.counts()["add"] == 5000
    assert planned.rows[-1].values == {
        "slug": "bulk-4999",
        "name": "Bulk Firm 4999",
        "kind": "company",
        "location": "Leipzig",
    }


class _CountingRow:
    """A stand-in row that counts how often its number is read."""

    reads = 0

    def __init__(self, number: int) -> None:
        self._number = number
        self.key = "same-firm"
        self.file = "f.csv"
        self.problems: list[object] = []

    @property
    def row(self) -> int:
        _CountingRow.reads += 1
        return self._number


def test_duplicate_keys_cost_linear_work(database: Database) -> None:
    """A key repeated on every row (a bomb compresses to that) is checked in one pass."""

    class Where:
        def at(self, row: object, field: object, message: str) -> str:
            return message

    from desktop.core.exchange.convert.fields import record_spec

    rows = [_CountingRow(n) for n in range(2, 5002)]
    _CountingRow.reads = 0
    import_checks.reject_duplicates(rows, record_spec("entities"), Where())  # type: ignore[arg-type]
    assert _CountingRow.reads < 10 * len(rows)
    assert [str(problem) for problem in rows[0].problems] == [
        "slug 'same-firm' also on rows 3, 4, 5, 6, 7 …: each record may appear once"
    ]
    assert [str(problem) for problem in rows[3].problems] == [
        "slug 'same-firm' also on rows 2, 3, 4, 6, 7 …: each record may appear once"
    ]


# --- E: one line instead of a traceback -----------------------------------------------------


def test_importing_a_folder_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    err = cli_refuses(db_path, capsys, "import", str(folder))
    assert "exports.csv is a folder: choose a file in it to import" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_importing_a_pipe_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    err = cli_refuses(db_path, capsys, "import", str(pipe))
    assert "is not a regular file" in err


def test_deeply_nested_json_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"entities": ' + "[" * 200_000 + "]" * 200_000 + "}")
    err = cli_refuses(db_path, capsys, "import", str(path), "--dry-run")
    assert "deep.json: the JSON is nested too deeply" in err


@pytest.mark.parametrize(
    ("literal", "said"),
    [
        ("NaN", "is NaN (not a number)"),
        ("Infinity", "is infinite or too large"),
        ("-Infinity", "is infinite or too large"),
        ("1e999", "is infinite or too large"),
        ("1" + "0" * 400, "is infinite or too large"),
    ],
)
def test_non_finite_figures_are_rejected_in_the_dry_run(
    database: Database, tmp_path: Path, literal: str, said: str
) -> None:
    path = tmp_path / "facts.json"
    path.write_text(
        '{"facts": [{"key": "odd-figure", "label": "Odd", "value": '
        + literal
        + ', "unit": "companies", "source": "cluster-profile"}]}'
    )
    before = content_digest(database.engine)
    planned = plan_file(database, path)
    [row] = planned.rows
    assert row.action == "reject"
    assert [str(p) for p in row.problems] == [
        f"facts.json [facts], record 1, field 'value': value: {said}: give a number such as "
        "1500 or 2.5"
    ]
    with pytest.raises(ImportRefusedError):
        apply(database, planned, who="test")
    assert content_digest(database.engine) == before


def test_nan_in_a_csv_figure_is_rejected(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("key,label,value,unit,source\nodd,Odd,nan,companies,cluster-profile\n")
    [row] = plan_file(database, path).rows
    assert row.action == "reject" and "'nan' is not a number" in str(row.problems[0])


def test_a_full_disk_during_an_import_is_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite reports a full disk (its page limit, set to the file's size): nothing is written."""

    def no_room(connection: object, _record: object) -> None:
        cursor = connection.cursor()  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    path = tmp_path / "big.csv"
    description = "A long description of a company that fills pages. " * 60
    lines = ["name,kind,description"] + [f"Firm {n},company,{description}" for n in range(400)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    event.listen(Pool, "connect", no_room)
    try:
        err = cli_refuses(db_path, capsys, "import", str(path), "--who", "Tester")
    finally:
        event.remove(Pool, "connect", no_room)
    assert "The disk is full, so nothing was imported (the database is as it was)" in err
