"""The plan of an import: what it would add, update or reject, row by row, and why.

The dry run (:mod:`desktop.core.exchange.checks`) fills an :class:`ImportPlan`; the preview
shows it, and :mod:`desktop.core.exchange.importer` writes exactly that, so what the consultant saw
is what is applied. Every :class:`Problem` names the file, the row and the column, so the
spreadsheet can be fixed and tried again. Only the shape lives here, no checks, so the dry run,
the writers and the window all depend on it and it on none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.language.messages import Message, message

ADD, UPDATE, UNCHANGED, REJECT = "add", "update", "unchanged", "reject"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: ``file``, ``row`` and ``column`` as the file shows them.

    ``message`` says what is wrong, kept as a :class:`~desktop.core.language.messages.Message`
    so the preview says it, and where it is, in the reader's language (:meth:`said`);
    ``str(problem)`` is the English, for the log and ``--json``.
    """

    file: str
    row: int | None
    column: str | None
    message: str | Message
    json_records: bool = False  # JSON counts records, not rows

    def sentence(self) -> Message:
        """The whole line: the place, then what is wrong there."""
        row, column = self.row is not None, bool(self.column)
        values = {"file": self.file, "row": self.row, "column": self.column}
        values["problem"] = self.message
        if self.json_records:
            if row and column:
                return message("{file}, record {row}, field {column}: {problem}", **values)
            if row:
                return message("{file}, record {row}: {problem}", **values)
            if column:
                return message("{file}, field {column}: {problem}", **values)
        elif row and column:
            return message("{file}, row {row}, column {column}: {problem}", **values)
        elif row:
            return message("{file}, row {row}: {problem}", **values)
        elif column:
            return message("{file}, column {column}: {problem}", **values)
        return message("{file}: {problem}", **values)

    def said(self, language: str) -> str:
        return self.sentence().said(language)

    def __str__(self) -> str:
        return str(self.sentence())


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(slots=True)
class RowPlan:
    """One row's fate. ``values`` are the parsed, non-empty cells: an empty cell never erases."""

    record_type: str
    file: str
    row: int
    key: str
    action: str
    values: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    existed: bool = False  # the record (for contacts: the person) was in the database


@dataclass
class ImportPlan:
    """The dry run of one file: rows in the order they will be written."""

    source: str
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # file-level: block any apply
    notes: list[str | Message] = field(default_factory=list)  # English by str(), or said()
    record_types: list[str] = field(default_factory=list)

    def of(self, action: str) -> list[RowPlan]:
        return [row for row in self.rows if row.action == action]

    @property
    def ok(self) -> bool:
        """Nothing blocks applying: no file-level problem and no rejected row."""
        return not self.problems and not any(row.action == REJECT for row in self.rows)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((ADD, UPDATE, UNCHANGED, REJECT), 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for row in self.rows for p in row.problems)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "record_types": self.record_types,
            "ok": self.ok,
            "counts": self.counts(),
            "notes": [str(note) for note in self.notes],
            "problems": [str(problem) for problem in self.problems],
            "rows": [
                {
                    "record_type": row.record_type,
                    "file": row.file,
                    "row": row.row,
                    "key": row.key,
                    "action": row.action,
                    "changes": [
                        {"field": c.field, "old": display(c.old), "new": display(c.new)}
                        for c in row.changes
                    ],
                    "problems": [
                        {"column": p.column, "message": str(p.message), "text": str(p)}
                        for p in row.problems
                    ],
                }
                for row in self.rows
            ],
        }


@dataclass
class PlanContext:
    """What earlier tables of the same import add, so later ones may refer to it."""

    known: dict[str, dict[str, str | Message]] = field(
        default_factory=lambda: {"entity": {}, "source": {}, "tag": {}}
    )
    rejected: dict[str, dict[str, str | Message]] = field(
        default_factory=lambda: {"entity": {}, "source": {}, "tag": {}}
    )
    kinds: dict[str, str] = field(default_factory=dict)  # entity slug → kind, from this file


def display(value: Any) -> str:
    """A value as the preview and the audit journal show it."""
    if value is None or value == () or value == "":
        return "(empty)"
    if isinstance(value, tuple | list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
