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

ADD, UPDATE, UNCHANGED, REJECT = "add", "update", "unchanged", "reject"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: ``file``, ``row`` and ``column`` as the file shows them."""

    file: str
    row: int | None
    column: str | None
    message: str
    json_records: bool = False  # JSON counts records, not rows

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{'record' if self.json_records else 'row'} {self.row}")
        if self.column:
            where.append(f"{'field' if self.json_records else 'column'} {self.column}")
        return f"{', '.join(where)}: {self.message}"


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
    notes: list[str] = field(default_factory=list)
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
            "notes": self.notes,
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
                        {"column": p.column, "message": p.message, "text": str(p)}
                        for p in row.problems
                    ],
                }
                for row in self.rows
            ],
        }


@dataclass
class PlanContext:
    """What earlier tables of the same import add, so later ones may refer to it."""

    known: dict[str, dict[str, str]] = field(
        default_factory=lambda: {"entity": {}, "source": {}, "tag": {}}
    )
    rejected: dict[str, dict[str, str]] = field(
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
