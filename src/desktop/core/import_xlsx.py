"""Reading an Excel workbook (XLSX) into import tables, values not formulas.

openpyxl's read-only mode streams rows and gives each formula's last calculated value — but it
says nothing about merged cells and gives None for a formula that was never calculated (a file
written by a program rather than by Excel). Both would silently become empty fields, so the
sheet's XML is scanned once for them and they are reported with the row and column.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from desktop.core.import_fields import RECORD_TYPES, TYPE_NAMES, fold
from desktop.core.import_read import ImportFileError, Row, Table, header_names

MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # an XLSX is a zip: refuse bombs before unpacking
_XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportFileError(f"{path.name} unpacks to {unpacked / 2**20:,.0f} MB: too large")
        workbook = load_workbook(path, read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise ImportFileError(
            f"{path.name} is not a readable Excel workbook (.xlsx): {error}"
        ) from None
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        named = [(ws, TYPE_NAMES.get(fold(ws.title))) for ws in sheets]
        chosen = [(ws, kind) for ws, kind in named if kind] or named[:1]
        tables = [_sheet_table(path, ws.title, ws, kind) for ws, kind in chosen]
        ignored = [ws.title for ws, kind in named if (ws, kind) not in chosen]
    finally:
        workbook.close()
    if ignored:
        tables[0].notes.append(f"sheets not imported: {', '.join(ignored)}")
    order = list(RECORD_TYPES)
    return sorted(tables, key=lambda t: order.index(t.record_type) if t.record_type else 0)


def _sheet_table(path: Path, title: str, sheet: Any, kind: str | None) -> Table:
    merged, formulas = _scan_sheet(path, getattr(sheet, "_worksheet_path", None))
    header_row, raw = 0, []
    for header_row, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # noqa: B007
        if any(value is not None and str(value).strip() for value in values):
            raw = [str(value).strip() if value is not None else "" for value in values]
            break
    while raw and not raw[-1]:
        raw.pop()
    if not raw:
        raise ImportFileError(f"{path.name} [{title}]: the sheet is empty")
    table = Table(
        path=path,
        format="xlsx",
        headers=header_names(raw, path),
        stream=lambda: _sheet_rows(path, title, len(raw), header_row, merged, formulas),
        record_type=kind,
        sheet=title,
        header_row=header_row,
    )
    for ref, (first_row, first_col, last_row, _last_col) in merged.items():
        if first_row <= header_row <= last_row:
            table.problems.append(
                (first_col, f"header cells {ref} are merged: give every column its own header")
            )
    for (row, col), formula in formulas.items():
        if row == header_row:
            table.problems.append((col, f"the header is a formula ({formula}) without a value"))
    return table


def _sheet_rows(
    path: Path,
    title: str,
    width: int,
    header_row: int,
    merged: dict[str, tuple[int, int, int, int]],
    formulas: dict[tuple[int, int], str],
) -> Iterator[Row]:
    from openpyxl import load_workbook

    by_row: dict[int, list[tuple[int, str]]] = {}
    for ref, (first_row, first_col, last_row, _) in merged.items():
        for number in range(max(first_row, header_row + 1), last_row + 1):
            by_row.setdefault(number, []).append((first_col, ref))
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook[title]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number <= header_row:
                continue
            cells = list(values[:width]) + [None] * (width - len(values))
            problems = [
                (col, f"cells {ref} are merged: unmerge them and fill in every cell")
                for col, ref in by_row.get(number, ())
            ]
            for col in range(width):
                formula = formulas.get((number, col))
                if formula:
                    problems.append((col, formula))
                    cells[col] = None
            if problems or any(c is not None and str(c).strip() for c in cells):
                yield Row(number, cells, tuple(problems))
    finally:
        workbook.close()


def _scan_sheet(
    path: Path, sheet_path: str | None
) -> tuple[dict[str, tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """Merged ranges and formula cells without a usable value, read from the sheet's XML.

    Read-only openpyxl reports neither, and the values it returns for such cells (None, or the
    top-left value only) would silently become empty fields.
    """
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    merged: dict[str, tuple[int, int, int, int]] = {}
    formulas: dict[tuple[int, int], str] = {}
    if not sheet_path:
        return merged, formulas
    with zipfile.ZipFile(path) as archive, archive.open(sheet_path) as handle:
        for _event, element in ElementTree.iterparse(handle):
            tag = element.tag
            if tag == _XLSX_NS + "c":
                formula = element.find(_XLSX_NS + "f")
                if formula is not None:
                    cached = element.find(_XLSX_NS + "v")
                    text = "=" + (formula.text or "(shared formula)")
                    row, col = coordinate_to_tuple(element.get("r", "A1"))
                    if cached is None or not (cached.text or "").strip():
                        formulas[(row, col - 1)] = (
                            f"the formula {text} has no calculated value: open and save the file "
                            "in Excel or LibreOffice, or paste values only"
                        )
                    elif element.get("t") == "e":
                        formulas[(row, col - 1)] = f"the formula {text} gives {cached.text}"
                element.clear()
            elif tag == _XLSX_NS + "row":
                element.clear()
            elif tag == _XLSX_NS + "mergeCell" and element.get("ref"):
                min_col, min_row, max_col, max_row = range_boundaries(element.get("ref"))
                merged[element.get("ref")] = (min_row, min_col - 1, max_row, max_col - 1)
    return merged, formulas
