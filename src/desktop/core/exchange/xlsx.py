"""Reading an Excel workbook (XLSX) into import tables, values not formulas.

Each cell gives its last calculated value. Two things would silently become empty fields —
merged cells (only the top-left one holds the value) and formulas that were never calculated
(a file written by a program rather than by Excel) — so a first pass over the sheet finds them,
and the header, and they are reported with the row and column. That pass also counts the cells,
so a sheet too large to import is refused before any row reaches the dry run. The zip and XML
parts are read by :mod:`desktop.core.exchange.xlsx_parts`, with bounded work.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from desktop.core.exchange.convert.fields import RECORD_TYPES, TYPE_NAMES, fold
from desktop.core.exchange.rows import ImportFileError, Row, Table, header_names
from desktop.core.exchange.xlsx_parts import (
    MAX_CELLS,
    MAX_UNPACKED_BYTES,
    SheetInfo,
    Workbook,
    XlsxArchive,
    iter_rows,
    read_workbook,
)
from desktop.core.language.messages import Message, message

__all__ = ["MAX_CELLS", "MAX_UNPACKED_BYTES", "read_xlsx"]

# What a damaged or foreign file makes the zip and XML readers raise.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ElementTree.ParseError,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


@dataclass
class _Scan:
    """The first pass over a sheet: where the header is, merged ranges, unusable formulas."""

    header_row: int = 0
    header: list[str] = field(default_factory=list)
    merged: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    formulas: dict[tuple[int, int], Message] = field(default_factory=dict)


def read_xlsx(path: Path) -> list[Table]:
    try:
        archive = XlsxArchive(path)
    except ImportFileError:
        raise
    except _UNREADABLE as error:
        raise _unreadable(path, error) from None
    try:
        book = read_workbook(archive)
        sheets = [sheet for sheet in book.sheets if sheet.visible]
        named = [(sheet, TYPE_NAMES.get(fold(sheet.title))) for sheet in sheets]
        chosen = [(sheet, kind) for sheet, kind in named if kind] or named[:1]
        if not chosen:
            raise ImportFileError(message("{file} has no visible sheet to import", file=path.name))
        tables = [_sheet_table(path, book, sheet, kind) for sheet, kind in chosen]
        ignored = [sheet.title for sheet, kind in named if (sheet, kind) not in chosen]
    except ImportFileError:
        archive.close()
        raise
    except _UNREADABLE as error:
        archive.close()
        raise _unreadable(path, error) from None
    archive.close()  # each table's rows are streamed from a zip of their own, when asked
    if ignored:
        tables[0].notes.append(message("sheets not imported: {sheets}", sheets=", ".join(ignored)))
    order = list(RECORD_TYPES)
    return sorted(tables, key=lambda t: order.index(t.record_type) if t.record_type else 0)


def _unreadable(path: Path, error: BaseException) -> ImportFileError:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return ImportFileError(
        message(
            "{file} is not a readable Excel workbook (.xlsx): {reason}",
            file=path.name,
            reason=reason,
        )
    )


def _scan(book: Workbook, sheet: SheetInfo) -> _Scan:
    scan = _Scan()
    for number, cells in iter_rows(book, sheet, scan.merged):
        if not scan.header_row and any(_filled(cell.value) for cell in cells):
            scan.header_row = number
            scan.header = [""] * (max(cell.column for cell in cells) + 1)
            for cell in cells:
                scan.header[cell.column] = "" if cell.value is None else str(cell.value).strip()
        for cell in cells:
            if cell.formula is None:
                continue
            if not _filled(cell.value):
                scan.formulas[(number, cell.column)] = message(
                    "the formula {formula} has no calculated value: open and save the file "
                    "in Excel or LibreOffice, or paste values only",
                    formula=cell.formula,
                )
            elif cell.error:
                scan.formulas[(number, cell.column)] = message(
                    "the formula {formula} gives {value}", formula=cell.formula, value=cell.value
                )
    return scan


def _filled(value: object) -> bool:
    return value is not None and bool(str(value).strip())


def _sheet_table(path: Path, book: Workbook, sheet: SheetInfo, kind: str | None) -> Table:
    scan = _scan(book, sheet)
    raw = scan.header
    while raw and not raw[-1]:
        raw.pop()
    if not raw:
        raise ImportFileError(
            message("{file} [{sheet}]: the sheet is empty", file=path.name, sheet=sheet.title)
        )
    header_row = scan.header_row
    table = Table(
        path=path,
        format="xlsx",
        headers=header_names(raw, path),
        stream=lambda: _sheet_rows(path, sheet, len(raw), header_row, scan),
        record_type=kind,
        sheet=sheet.title,
        header_row=header_row,
    )
    for ref, (first_row, first_col, last_row, _last_col) in scan.merged.items():
        if first_row <= header_row <= last_row:
            merged = message(
                "header cells {cells} are merged: give every column its own header", cells=ref
            )
            table.problems.append((first_col, merged))
    for (row, col), formula in scan.formulas.items():
        if row == header_row:
            valueless = message(
                "the header is a formula ({formula}) without a value", formula=formula
            )
            table.problems.append((col, valueless))
    return table


def _sheet_rows(
    path: Path, sheet: SheetInfo, width: int, header_row: int, scan: _Scan
) -> Iterator[Row]:
    merged_at: dict[int, list[tuple[int, str]]] = {}
    for ref, (first_row, first_col, last_row, _) in scan.merged.items():
        if last_row - first_row > 10_000:  # a range down the whole sheet: say it once
            merged_at.setdefault(max(first_row, header_row + 1), []).append((first_col, ref))
            continue
        for number in range(max(first_row, header_row + 1), last_row + 1):
            merged_at.setdefault(number, []).append((first_col, ref))
    formulas_at: dict[int, list[tuple[int, Message]]] = {}
    for (row, col), problem in scan.formulas.items():
        formulas_at.setdefault(row, []).append((col, problem))
    try:
        archive = XlsxArchive(path)
        try:
            book = read_workbook(archive)
            yield from _rows_of(book, sheet, width, header_row, merged_at, formulas_at)
        finally:
            archive.close()
    except ImportFileError:
        raise
    except _UNREADABLE as error:
        raise _unreadable(path, error) from None


def _rows_of(
    book: Workbook,
    sheet: SheetInfo,
    width: int,
    header_row: int,
    merged_at: dict[int, list[tuple[int, str]]],
    formulas_at: dict[int, list[tuple[int, Message]]],
) -> Iterator[Row]:
    for number, cells in iter_rows(book, sheet):
        if number <= header_row:
            continue
        values: list[object] = [None] * width
        for cell in cells:
            if cell.column < width:
                values[cell.column] = cell.value
        problems: list[tuple[int | None, str | Message]] = [
            (
                col,
                message("cells {cells} are merged: unmerge them and fill in every cell", cells=ref),
            )
            for col, ref in merged_at.get(number, ())
        ]
        for col, problem in formulas_at.get(number, ()):
            if col < width:
                problems.append((col, problem))
                values[col] = None
        if problems or any(_filled(value) for value in values):
            yield Row(number, values, tuple(problems))
