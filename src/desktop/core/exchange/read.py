"""Reading import files into tables: CSV (any common encoding and delimiter), XLSX and JSON.

The first step of an import: :func:`read_tables` checks the file as a whole and hands it to the
reader its suffix names (CSV and JSON here, XLSX in :mod:`desktop.core.exchange.xlsx`); all of
them return the :class:`~desktop.core.exchange.rows.Table` of :mod:`desktop.core.exchange.rows`.
A table is headers plus rows that are *streamed* from the file each time they are iterated, so a
large CSV never sits in memory twice. Anything wrong with the file as a whole (too big, empty,
not the format its name says) raises :class:`ImportFileError`; anything wrong with one row
(too few columns, a formula without a value, merged cells) travels with that row, so the dry
run can name the file, row and column. Record types are known only by name (a file, sheet or
section called "entities"), never by their fields.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.exchange.fields import RECORD_TYPES, TYPE_NAMES, fold
from desktop.core.exchange.rows import ImportFileError, Row, Table, header_names
from desktop.core.exchange.xlsx import read_xlsx

MAX_FILE_BYTES = 100 * 1024 * 1024
FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
}


def read_tables(path: Path, encoding: str | None = None) -> list[Table]:
    """Every table in ``path``: one for a CSV, one per record sheet or JSON section."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ImportFileError(
            f"{path.name}: cannot import {path.suffix or 'files without a suffix'}; "
            "use a .csv, .xlsx or .json file"
        )
    try:
        status = path.stat()
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from None
    if stat.S_ISDIR(status.st_mode):
        raise ImportFileError(f"{path} is a folder: choose a file in it to import")
    if not stat.S_ISREG(status.st_mode):
        raise ImportFileError(f"{path} is not a regular file (a device or a pipe): choose a file")
    size = status.st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name} is {size / 2**20:,.0f} MB; files over {MAX_FILE_BYTES // 2**20} MB are "
            "not imported. Split it into smaller files."
        )
    if size == 0:
        raise ImportFileError(f"{path.name} is empty")
    try:
        if kind == "csv":
            return [_read_csv(path, encoding)]
        if kind == "xlsx":
            return read_xlsx(path)
        return _read_json(path)
    except OSError as error:  # unreadable (permissions, a disk error) after the checks above
        raise ImportFileError(
            f"{path.name} cannot be read: {error.strerror or error}; check the file and "
            "its permissions"
        ) from None


def read_table(path: Path, encoding: str | None = None) -> Table:
    """The one table of ``path`` (the first, for a workbook or JSON file with several)."""
    return read_tables(path, encoding)[0]


def _type_from_name(stem: str) -> str | None:
    folded = fold(stem)
    for name in sorted(RECORD_TYPES, key=len, reverse=True):
        if folded.endswith(name):
            return name
    return TYPE_NAMES.get(folded)


# --- CSV -----------------------------------------------------------------------------------


def detect_encoding(path: Path) -> tuple[str, str]:
    """(encoding, why): a byte-order mark, else UTF-8 if every byte says so, else Latin-1.

    Excel on German Windows saves "CSV" as Windows-1252, which is Latin-1 plus € and quotes in
    0x80–0x9F; those bytes decide between the two.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 with a byte-order mark"
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16", "UTF-16 with a byte-order mark (Excel 'Unicode text')"
    bad = _first_undecodable(path, "utf-8")
    if bad is None:
        return "utf-8", "UTF-8"
    if bad == -1:
        return "utf-8", "UTF-8, but the file ends inside a character: it may be truncated"
    data = path.read_bytes()
    line = data.count(b"\n", 0, bad) + 1
    why = f"not UTF-8 (byte 0x{data[bad]:02x} on line {line})"
    if re.search(rb"[\x80-\x9f]", data):
        try:
            data.decode("cp1252")
            return "cp1252", f"Windows-1252: the file is {why}"
        except UnicodeDecodeError:
            pass
    return "latin-1", f"Latin-1: the file is {why}"


def _first_undecodable(path: Path, encoding: str) -> int | None:
    """Offset of the first byte ``encoding`` rejects; -1 for a cut-off last character."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            pending = len(decoder.getstate()[0])  # bytes of a character split between chunks
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return offset - pending + error.start
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return -1
    return None


def _read_csv(path: Path, encoding: str | None) -> Table:
    notes: list[str] = []
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise ImportFileError(f"unknown encoding {encoding!r}; try utf-8 or latin-1") from None
        bad = _first_undecodable(path, encoding)
        if bad is not None and bad >= 0:
            line = path.read_bytes().count(b"\n", 0, bad) + 1
            raise ImportFileError(
                f"{path.name}, line {line}: not valid {encoding}; import it without an encoding "
                "to have it detected, or choose another (utf-8, latin-1, cp1252)"
            )
        notes.append(f"encoding {encoding} (as chosen)")
    else:
        encoding, why = detect_encoding(path)
        notes.append(f"encoding {encoding}: {why}")
    errors = "replace"  # only a cut-off final character can remain undecodable here
    with path.open(encoding=encoding, errors=errors, newline="") as handle:
        head = handle.read(65536)
    if not head.strip().lstrip("\ufeff").strip():
        raise ImportFileError(f"{path.name} holds no text (only blanks)")
    delimiter = sniff_delimiter(head)
    reader = csv.reader(head.splitlines(), delimiter=delimiter)
    header_row, headers = 0, []
    for header_row, record in enumerate(reader, start=1):  # noqa: B007 (used after the loop)
        if any(cell.strip() for cell in record):
            headers = record
            break
    headers = header_names([cell.strip().lstrip("\ufeff") for cell in headers], path)
    while headers and headers[-1].startswith("(column "):
        headers.pop()  # a trailing delimiter after the last header
    table = Table(
        path=path,
        format="csv",
        headers=headers,
        stream=lambda: _csv_rows(path, encoding, errors, delimiter, len(headers), header_row),
        record_type=_type_from_name(path.stem),
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
        notes=notes,
    )
    if len(headers) == 1:
        notes.append(
            f"the header has a single column {headers[0]!r}: if the file uses another "
            "delimiter than , ; or tab, save it again as CSV"
        )
    return table


def sniff_delimiter(head: str) -> str:
    """The delimiter of the first line: the most frequent of , ; and tab outside quotes."""
    line = re.sub(r'"[^"]*"', "", head.lstrip("\ufeff").split("\n", 1)[0])
    counts = {delimiter: line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# A spreadsheet evaluates a cell that starts with one of these as a formula ("=HYPERLINK(…)",
# "+1+1", "@SUM(…)"), so the CSV export puts a single quote before such text and the CSV import
# takes it off again. Values that already start with quotes before such a character get one
# more, so the two are exact inverses and every text survives the round trip.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_guarded(text: str) -> bool:
    stripped = text.lstrip("'")
    return stripped[:1] in FORMULA_STARTS and stripped != ""


def guard_formula(text: str) -> str:
    """``=1+1`` → ``'=1+1``: text a spreadsheet shows as typed instead of calculating it."""
    return "'" + text if _looks_guarded(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`."""
    if text.startswith("'") and _looks_guarded(text[1:]):
        return text[1:]
    return text


def _csv_rows(
    path: Path, encoding: str, errors: str, delimiter: str, width: int, header_row: int
) -> Iterator[Row]:
    with path.open(encoding=encoding, errors=errors, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        number = 0
        try:
            for number, record in enumerate(reader, start=1):
                if number <= header_row or not "".join(record).strip():
                    continue
                problems: list[tuple[int | None, str]] = []
                if len(record) < width:
                    problems.append(
                        (
                            len(record),
                            f"has {len(record)} of {width} columns: the file may be truncated, "
                            "or a value holds an unquoted line break",
                        )
                    )
                elif len(record) > width and "".join(record[width:]).strip():
                    problems.append(
                        (
                            width,
                            f"has {len(record)} values for {width} columns: check the delimiter "
                            f"({'tab' if delimiter == chr(9) else delimiter}) and the quotes",
                        )
                    )
                values = [unguard_formula(cell) for cell in record[:width]]
                values += [""] * (width - len(values))
                yield Row(number, values, tuple(problems))
        except csv.Error as error:
            message = str(error)
            if "unexpected end of data" in message:
                message = (
                    "a quoted value is never closed: the file is truncated or a quote is stray"
                )
            elif "field larger than field limit" in message:
                message = (
                    f"a value is longer than {csv.field_size_limit():,} characters "
                    "(a missing closing quote, or not a table)"
                )
            elif "NUL" in message:
                message = "contains NUL bytes: this is not a text file"
            elif "expected after" in message:
                message = (
                    'text follows a closing quote: a quote inside a value must be doubled (""), '
                    "or a quoted value is not closed"
                )
            message = f"cannot be read from line {reader.line_num}: {message}"
            yield Row(number + 1, [], ((None, message),), fatal=True)


# --- JSON ----------------------------------------------------------------------------------


def _read_json(path: Path) -> list[Table]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name}: JSON must be UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path.name}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"{path.name}: the JSON is nested too deeply to be records; an import file is a "
            "list of flat objects"
        ) from None
    expected = ", ".join(f'"{name}"' for name in RECORD_TYPES)
    if isinstance(data, list):
        sections: list[tuple[str | None, Any]] = [(None, data)]
    elif isinstance(data, dict):
        unknown = [key for key in data if key not in RECORD_TYPES]
        if unknown:
            raise ImportFileError(
                f"{path.name}: unknown section(s) {', '.join(map(repr, unknown))}; "
                f"expected lists named {expected}"
            )
        sections = [(name, data[name]) for name in RECORD_TYPES if name in data]
    else:
        raise ImportFileError(
            f"{path.name}: expected a list of records or an object with {expected}"
        )
    tables = []
    for name, records in sections:
        if not isinstance(records, list):
            raise ImportFileError(
                f"{path.name}: {name!r} must be a list of objects, not {type(records).__name__}"
            )
        headers: dict[str, None] = {}
        for record in records:
            if isinstance(record, dict):
                headers.update(dict.fromkeys(str(key) for key in record))
        columns = list(headers)
        tables.append(
            Table(
                path=path,
                format="json",
                headers=columns,
                stream=lambda records=records, columns=columns: _json_rows(records, columns),
                record_type=name,
                typed=True,
                header_row=0,
            )
        )
    return tables


def _json_rows(records: list[Any], columns: list[str]) -> Iterator[Row]:
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield Row(number, [record.get(column) for column in columns])
        else:
            kind = "null" if record is None else type(record).__name__
            yield Row(number, [None] * len(columns), ((None, f"is {kind}, not an object"),))
