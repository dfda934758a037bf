"""The dry run: what an import would add, update or reject, row by row, without writing.

:func:`plan` checks one table (:func:`plan_tables` all tables of a file) and fills the
:class:`~desktop.core.exchange.plan.ImportPlan` the preview shows and apply writes. Checks, in
order: each cell (type, code, format), duplicate keys within the file, then references (to the
database or to earlier rows of the same file) and required fields for new records, then the
field-by-field difference to the database. Every problem is built by :class:`Where`, which
names the file, the row and the column as the person sees them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from desktop.core.exchange import state as import_state
from desktop.core.exchange.fields import (
    CellError,
    RecordSpec,
    guess_record_type,
    record_spec,
    suggest_mapping,
)
from desktop.core.exchange.plan import (
    ADD,
    REJECT,
    UNCHANGED,
    UPDATE,
    Change,
    ImportPlan,
    PlanContext,
    Problem,
    RowPlan,
)
from desktop.core.exchange.rows import Table
from desktop.core.kb import validation


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


def plan_table(
    connection: Connection,
    table: Table,
    mapping: dict[str, str],
    spec: RecordSpec,
    context: PlanContext,
    result: ImportPlan,
) -> None:
    """Append one table's rows to ``result``; ``context`` learns what they add for later tables."""
    where = Where(table)
    columns = mapped_columns(table, mapping, spec, result, where.problem)
    if columns is None:
        return
    where.fields = {spec_field.name: index for index, spec_field in columns}
    for column, message in table.problems:
        result.problems.append(where.problem(table.header_row or None, column, message))
    rows = read_rows(table, columns, spec, result, where.problem)
    reject_duplicates(rows, spec, where)
    current = import_state.load_records(
        connection, spec.name, [r.key for r in rows if r.key and not r.problems]
    )
    check_references(connection, rows, spec, context, where)
    target = {"entities": "entity", "contacts": "entity", "sources": "source", "tags": "tag"}
    for row in rows:
        record = current.get(row.key)
        decide(row, record, spec, context, where)
        if spec.name in target and row.key:
            book = context.rejected if row.action == REJECT else context.known
            book[target[spec.name]].setdefault(row.key, f"{row.file} row {row.row}")
            if row.action != REJECT and spec.name == "entities":
                context.kinds[row.key] = row.values.get("kind") or (record or {}).get("kind", "")
            elif row.action != REJECT and spec.name == "contacts":
                context.kinds.setdefault(row.key, "person")
    result.rows += rows


class Where:
    """Builds problems that name the table, row and column (found by field name, too)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.fields: dict[str, int] = {}

    def problem(self, row: int | None, column: int | None, message: str) -> Problem:
        table = self.table
        return Problem(table.name, row, table.column_label(column), message, table.format == "json")

    def at(self, row: RowPlan, field_name: str | None, message: str) -> Problem:
        index = self.fields.get(field_name or "")
        label = self.table.column_label(index) if index is not None else field_name
        return Problem(row.file, row.row, label, message, self.table.format == "json")


def mapped_columns(
    table: Table, mapping: dict[str, str], spec: RecordSpec, result: ImportPlan, problem: Any
) -> list[tuple[int, Any]] | None:
    names = {f.name for f in spec.fields}
    columns: list[tuple[int, Any]] = []
    taken: dict[str, str] = {}
    for header, field_name in mapping.items():
        if header not in table.headers:
            result.problems.append(problem(None, None, f"no column {header!r} in the file"))
            continue
        if field_name not in names:
            valid = ", ".join(sorted(names))
            result.problems.append(
                problem(
                    None,
                    table.headers.index(header),
                    f"unknown field {field_name!r}; {spec.name} have: {valid}",
                )
            )
            continue
        if field_name in taken:
            result.problems.append(
                problem(
                    None,
                    table.headers.index(header),
                    f"both {taken[field_name]!r} and {header!r} are mapped to {field_name!r}",
                )
            )
            continue
        taken[field_name] = header
        columns.append((table.headers.index(header), spec.field(field_name)))
    ignored = [h for h in table.headers if h not in mapping]
    if ignored:
        result.notes.append(f"{table.name}: columns not imported: {', '.join(ignored)}")
    keyed = all(k in taken for k in spec.key_fields) or spec.derive_key_from in taken
    if not keyed:
        wanted = " and ".join(spec.key_fields)
        if spec.derive_key_from:
            wanted += f" (or {spec.derive_key_from}, to derive it from)"
        found = ", ".join(repr(h) for h in table.headers[:8])
        result.problems.append(
            problem(
                table.header_row or None,
                None,
                f"no column for {wanted}; the header reads {found}"
                + ("" if len(table.headers) > 1 else ": is the delimiter , or ;?"),
            )
        )
        return None
    return columns


def read_rows(
    table: Table,
    columns: list[tuple[int, Any]],
    spec: RecordSpec,
    result: ImportPlan,
    problem: Any,
) -> list[RowPlan]:
    rows: list[RowPlan] = []
    typed = table.typed
    key_fields = spec.key_fields
    derive = spec.derive_key_from
    single_key = key_fields[0] if len(key_fields) == 1 else None
    for raw in table.rows():
        if raw.fatal:
            result.problems += [problem(raw.number, c, m) for c, m in raw.problems]
            break
        problems = [problem(raw.number, c, m) for c, m in raw.problems]
        values: dict[str, Any] = {}
        cells = raw.values
        # A row of the wrong width has its values in the wrong columns: say that, not more.
        structural = problems and table.format == "csv"
        for index, spec_field in () if structural else columns:
            try:
                value = spec_field.convert(cells[index], typed)
            except CellError as error:
                problems.append(problem(raw.number, index, f"{spec_field.name}: {error}"))
                continue
            if value is not None:
                values[spec_field.name] = value
        key = ""
        if single_key in values:
            key = values[single_key]
        elif all(k in values for k in key_fields):
            key = import_state.record_key(spec.name, values)
        elif derive and derive in values:
            values[key_fields[0]] = key = validation.slug_from(values[derive])
        elif not problems:
            wanted = " and ".join(key_fields) + (f" or {derive}" if derive else "")
            problems.append(problem(raw.number, None, f"{wanted} is empty"))
        rows.append(RowPlan(spec.name, table.name, raw.number, key, REJECT, values, [], problems))
    if not rows and table.format == "json":
        result.notes.append(f"{table.name}: no records")
    elif not rows and not result.problems:
        message = "no records below the header: nothing to import"
        result.problems.append(problem(table.header_row or None, None, message))
    return rows


def reject_duplicates(rows: list[RowPlan], spec: RecordSpec, where: Where) -> None:
    """Reject every row of a key that appears more than once, each naming the others: which
    of them is right is for a person to decide."""
    first: dict[str, RowPlan] = {}
    repeated: dict[str, list[RowPlan]] = {}
    for row in rows:
        if row.key in first:
            repeated.setdefault(row.key, [first[row.key]]).append(row)
        elif row.key:
            first[row.key] = row
    what = " ".join(spec.key_fields)
    for key, group in repeated.items():
        # Only the first six numbers can be named, so a key repeated on every row of a big
        # file costs one pass over its rows, not one per row.
        head = [r.row for r in group[:6]]
        count = len(group) - 1
        for row in group:
            others = [n for n in head if n != row.row][:5]
            listed = ", ".join(map(str, others)) + (" …" if count > 5 else "")
            plural = "s" if count > 1 else ""
            message = f"{what} {key!r} also on row{plural} {listed}: each record may appear once"
            row.problems.append(where.at(row, None, message))


def check_references(
    connection: Connection,
    rows: list[RowPlan],
    spec: RecordSpec,
    context: PlanContext,
    where: Where,
) -> None:
    refs = [f for f in spec.fields if f.ref]
    wanted: dict[str, set[str]] = {"entity": set(), "source": set(), "tag": set()}
    for row in rows:
        for spec_field in refs:
            value = row.values.get(spec_field.name)
            if value:
                wanted[spec_field.ref or ""].update(value if isinstance(value, tuple) else [value])
        if spec.name == "contacts" and row.key:
            wanted["entity"].add(row.key)
    in_db = {
        "entity": set(import_state.entity_kinds(connection, wanted["entity"])),
        "source": set(import_state.source_ids(connection)) if wanted["source"] else set(),
        "tag": import_state.tag_codes(connection) if wanted["tag"] else set(),
    }
    for row in rows:
        for spec_field in refs:
            value = row.values.get(spec_field.name)
            for item in (value if isinstance(value, tuple) else [value]) if value else []:
                target = spec_field.ref or ""
                if item in in_db[target] or item in context.known[target]:
                    continue
                if item in context.rejected[target]:
                    on = context.rejected[target][item]
                    message = f"refers to {target} {item!r}, which is rejected ({on})"
                else:
                    message = (
                        f"unknown {target} {item!r}: not in the database nor earlier in the file"
                    )
                row.problems.append(where.at(row, spec_field.name, message))


def decide(
    row: RowPlan,
    current: dict[str, Any] | None,
    spec: RecordSpec,
    context: PlanContext,
    where: Where,
) -> None:
    if row.problems:
        row.action = REJECT
        return
    values = row.values
    if spec.name == "contacts":
        kind = current["_kind"] if current else context.kinds.get(row.key)
        if kind is not None and kind != "person":
            row.problems.append(where.at(row, "person", f"{row.key!r} is a {kind}, not a person"))
            row.action = REJECT
            return
        row.existed = current is not None
        if current is None or not current["_contact"]:
            if current is None and row.key not in context.kinds and "name" not in values:
                message = f"person {row.key!r} is new: a name is required"
                row.problems.append(where.at(row, "name", message))
                row.action = REJECT
                return
            row.action = ADD
            if current is not None and "name" in values and values["name"] != current["name"]:
                row.changes.append(Change("name", current["name"], values["name"]))
            return
    if current is None:
        missing = [f.name for f in spec.fields if f.required and f.name not in values]
        if missing:
            message = f"a new {spec.audit_type} needs {', '.join(missing)}"
            row.problems.append(where.at(row, None, message))
            row.action = REJECT
            return
        row.action = ADD
        return
    row.existed = True
    row.changes = [
        Change(name, current.get(name), value)
        for name, value in values.items()
        if name not in spec.key_fields and not import_state.same(current.get(name), value)
    ]
    row.action = UPDATE if row.changes else UNCHANGED
