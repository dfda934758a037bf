"""Reading import files into tables: the file as a whole, which reader it needs, and JSON.

The first step of an import: :func:`read_tables` checks the file as a whole (a regular file,
not empty, at most :data:`MAX_FILE_BYTES`, a suffix we read) and hands it to the reader its
suffix names: CSV in :mod:`desktop.core.exchange.csv_reader`, XLSX in
:mod:`desktop.core.exchange.xlsx`, JSON here, as a JSON file is parsed whole and has no dialect
to find. All of them return the :class:`~desktop.core.exchange.rows.Table` of
:mod:`desktop.core.exchange.rows`. A table is headers plus rows that are *streamed* from the file
each time they are iterated, so a large CSV never sits in memory twice. Anything wrong with the
file as a whole (too big, empty, not the format its name says) raises :class:`ImportFileError`;
anything wrong with one row (too few columns, a formula without a value, merged cells) travels
with that row, so the dry run can name the file, row and column. Record types are known only by
name (a file, sheet or section called "entities"), never by their fields.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.exchange.convert.fields import RECORD_TYPES
from desktop.core.exchange.csv_reader import read_csv
from desktop.core.exchange.rows import ImportFileError, Row, Table
from desktop.core.exchange.xlsx import read_xlsx
from desktop.core.language.messages import Grouped, message

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
        if path.suffix:
            raise ImportFileError(
                message(
                    "{file}: cannot import {suffix}; use a .csv, .xlsx or .json file",
                    file=path.name,
                    suffix=path.suffix,
                ),
            )
        raise ImportFileError(
            message(
                "{file}: cannot import files without a suffix; use a .csv, .xlsx or .json file",
                file=path.name,
            ),
        )
    try:
        status = path.stat()
    except OSError as error:
        reason = error.strerror or error
        raise ImportFileError(message("{path}: {reason}", path=path, reason=reason)) from None
    if stat.S_ISDIR(status.st_mode):
        raise ImportFileError(
            message("{path} is a folder: choose a file in it to import", path=path)
        )
    if not stat.S_ISREG(status.st_mode):
        raise ImportFileError(
            message("{path} is not a regular file (a device or a pipe): choose a file", path=path)
        )
    size = status.st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            message(
                "{file} is {size} MB; files over {limit} MB are not imported. "
                "Split it into smaller files.",
                file=path.name,
                size=Grouped(round(size / 2**20)),
                limit=Grouped(MAX_FILE_BYTES // 2**20),
            ),
        )
    if size == 0:
        raise ImportFileError(message("{file} is empty", file=path.name))
    try:
        if kind == "csv":
            return [read_csv(path, encoding)]
        if kind == "xlsx":
            return read_xlsx(path)
        return _read_json(path)
    except OSError as error:  # unreadable (permissions, a disk error) after the checks above
        raise ImportFileError(
            message(
                "{file} cannot be read: {reason}; check the file and its permissions",
                file=path.name,
                reason=error.strerror or error,
            ),
        ) from None


def read_table(path: Path, encoding: str | None = None) -> Table:
    """The one table of ``path`` (the first, for a workbook or JSON file with several)."""
    return read_tables(path, encoding)[0]


# --- JSON ----------------------------------------------------------------------------------


def _read_json(path: Path) -> list[Table]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(message("{file}: JSON must be UTF-8 text", file=path.name)) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            message(
                "{file}, line {line}, column {column}: not valid JSON ({reason})",
                file=path.name,
                line=error.lineno,
                column=error.colno,
                reason=error.msg,
            ),
        ) from None
    except RecursionError:
        raise ImportFileError(
            message(
                "{file}: the JSON is nested too deeply to be records; an import file is a "
                "list of flat objects",
                file=path.name,
            ),
        ) from None
    expected = ", ".join(f'"{name}"' for name in RECORD_TYPES)
    if isinstance(data, list):
        sections: list[tuple[str | None, Any]] = [(None, data)]
    elif isinstance(data, dict):
        unknown = [key for key in data if key not in RECORD_TYPES]
        if unknown:
            raise ImportFileError(
                message(
                    "{file}: unknown section(s) {sections}; expected lists named {expected}",
                    file=path.name,
                    sections=", ".join(map(repr, unknown)),
                    expected=expected,
                ),
            )
        sections = [(name, data[name]) for name in RECORD_TYPES if name in data]
    else:
        raise ImportFileError(
            message(
                "{file}: expected a list of records or an object with {expected}",
                file=path.name,
                expected=expected,
            ),
        )
    tables = []
    for name, records in sections:
        if not isinstance(records, list):
            raise ImportFileError(
                message(
                    "{file}: {name!r} must be a list of objects, not {type}",
                    file=path.name,
                    name=name,
                    type=type(records).__name__,
                ),
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
            not_an_object = message("is {type}, not an object", type=kind)
            yield Row(number, [None] * len(columns), ((None, not_an_object),))
