"""The dry run: what an import would add, update or reject, row by row, without writing.

Every problem names the file, the row and the column, so a consultant can fix the spreadsheet
and try again. A plan is also what :mod:`desktop.core.exchange.apply` writes, so what the preview
shows is exactly what is applied. Checks, in order: each cell (type, code, format), duplicate
keys within the file, then references (to the database or to earlier rows of the same file)
and required fields for new records, then the field-by-field difference to the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.exchange import state as import_state
from desktop.core.exchange.fields import record_spec, suggest_mapping
from desktop.core.exchange.read import Table

ADD, UPDATE, UNCHANGED, REJECT = "add", "update", "unchanged", "reject"
_REF_WHAT = {"entity": "entity", "source": "source", "tag": "tag"}


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


def plan(
    connection: Any,
    table: Table,
    mapping: dict[str, str] | None = None,
    record_type: str | None = None,
    *,
    context: PlanContext | None = None,
    into: ImportPlan | None = None,
) -> ImportPlan:
    """The dry run of one table (``mapping`` header → field; suggested when None).

    ``connection`` is a SQLAlchemy Connection or Session; nothing is written through it.
    Pass ``context`` and ``into`` to plan several tables of one file as one import.
    """
    from desktop.core.exchange.fields import guess_record_type

    connection = import_state.as_connection(connection)
    result = into or ImportPlan(source=str(table.path))
    kind = record_type or table.record_type
    if kind is None:
        kind = guess_record_type(table.headers)
        result.notes.append(f"{table.name}: read as {kind} (from the headers)")
    spec = record_spec(kind)
    result.record_types.append(kind)
    result.notes += [f"{table.name}: {note}" for note in table.notes]
    mapping = suggest_mapping(table.headers, kind) if mapping is None else mapping
    from desktop.core.exchange.checks import plan_table

    with import_state.collector_paused():
        plan_table(connection, table, mapping, spec, context or PlanContext(), result)
    return result


def plan_tables(
    connection: Any, tables: Sequence[Table], record_type: str | None = None
) -> ImportPlan:
    """One plan over several tables of one file, in dependency order, with suggested mappings."""
    result = ImportPlan(source=str(tables[0].path) if tables else "")
    context = PlanContext()
    for table in tables:
        kind = record_type if len(tables) == 1 and record_type else None
        plan(connection, table, None, kind, context=context, into=result)
    if not result.rows and not result.problems:
        result.problems.append(Problem(result.source, None, None, "no records: nothing to import"))
    return result
