"""What every reader hands on: a table of rows, and the error for a file that is no table at all.

CSV and JSON (:mod:`desktop.core.exchange.read`) and XLSX (:mod:`desktop.core.exchange.xlsx`)
produce the same :class:`Table`, so the dry run reads all three alike. The shapes live here, apart
from the readers, so each reader depends on them and none on another. Nothing here knows what an
entity is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import DossierError
from desktop.core.language.messages import Message, message


class ImportFileError(DossierError):
    """The file cannot be read as a table at all; the message names it and says what to do.

    Its sentences are built with ``message(...)``, as all of this package's are, so the check
    that every sentence has its translations finds them wherever the error is raised."""


@dataclass(slots=True)
class Row:
    """One record as read: its row number as the file shows it, and its cells in header order.

    ``problems`` are (column index or None, message) found while reading. A ``fatal`` row
    means the file cannot be read past this point.
    """

    number: int
    values: list[Any]
    problems: tuple[tuple[int | None, str | Message], ...] = ()
    fatal: bool = False


@dataclass
class Table:
    """Headers and a way to stream the rows of one CSV file, sheet or JSON section."""

    path: Path
    format: str  # "csv", "xlsx" or "json"
    headers: list[str]
    stream: Callable[[], Iterator[Row]]
    record_type: str | None = None  # when the file, sheet or section name says it
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    typed: bool = False  # JSON: a cell's type must match the field (no "12" for a number)
    header_row: int = 1
    notes: list[str | Message] = field(default_factory=list)  # worth knowing, never blocking
    problems: list[tuple[int | None, str | Message]] = field(default_factory=list)  # blocking

    def rows(self) -> Iterator[Row]:
        return self.stream()

    @property
    def name(self) -> str:
        if self.sheet:
            return f"{self.path.name} [{self.sheet}]"
        if self.format == "json" and self.record_type:
            return f"{self.path.name} [{self.record_type}]"
        return self.path.name

    def column_label(self, index: int | None) -> str | None:
        """How a person finds the column: ``C 'kind'`` in a sheet, ``'kind'`` in JSON."""
        if index is None:
            return None
        header = self.headers[index] if index < len(self.headers) else ""
        if self.format == "json":
            return repr(header)
        return f"{column_letter(index)} {header!r}" if header else column_letter(index)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def header_names(raw: list[str], path: Path) -> list[str]:
    """Headers as the dry run names them: a blank one by its column, a repeated one refused."""
    headers = [text or f"(column {column_letter(i)})" for i, text in enumerate(raw)]
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if header in seen:
            raise ImportFileError(
                message(
                    "{file}: columns {first} and {second} are both headed {header!r}; rename one",
                    file=path.name,
                    first=column_letter(seen[header]),
                    second=column_letter(index),
                    header=header,
                ),
            )
        seen[header] = index
    return headers
