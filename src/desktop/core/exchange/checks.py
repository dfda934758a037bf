"""The dry run: what an import would add, update or reject, row by row, without writing.

:func:`plan` checks one table (:func:`plan_tables` all tables of a file) and fills the
:class:`~desktop.core.exchange.plan.ImportPlan` the preview shows and apply writes. Checks, in
order: the mapping of headers to fields, each cell (type, code, format), duplicate keys within
the file, then references (to the database or to earlier rows of the same file) and required
fields for new records, then the field-by-field difference to the database.

This module owns the order and the checks that need the whole table at once: the mapping of its
columns, keys repeated across rows, and references, looked up in the database once per table.
What one row is found to be on its own — its cells read into values and a key, its decision
against its record in the database — is :mod:`desktop.core.exchange.row_checks`, as is
:class:`~desktop.core.exchange.row_checks.Where`, which builds every problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from desktop.core.exchange import state as import_state
from desktop.core.exchange.convert.fields import (
    RecordSpec,
    guess_record_type,
    record_spec,
    suggest_mapping,
)
from desktop.core.exchange.plan import REJECT, ImportPlan, PlanContext, Problem, RowPlan
from desktop.core.exchange.row_checks import Where, decide, listed, merge_texts, read_rows
from desktop.core.exchange.rows import Table
from desktop.core.language.messages import Message, counted, message

# What a reference points to, in the problem that says it is missing or rejected.
_TARGETS = {"entity": message("entity"), "source": message("source"), "tag": message("tag")}


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
        result.notes.append(
            message("{table}: read as {kind} (from the headers)", table=table.name, kind=kind)
        )
    spec = record_spec(kind, table.headers)
    result.record_types.append(kind)
    result.notes += [
        message("{table}: {note}", table=table.name, note=note) for note in table.notes
    ]
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
        nothing = message("no records: nothing to import")
        result.problems.append(Problem(result.source, None, None, nothing))
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
    for column, said in table.problems:
        result.problems.append(where.problem(table.header_row or None, column, said))
    rows = read_rows(table, columns, spec, result, where.problem)
    reject_duplicates(rows, spec, where)
    current = import_state.load_records(
        connection, spec.name, [r.key for r in rows if r.key and not r.problems]
    )
    check_references(connection, rows, spec, context, where)
    target = {"entities": "entity", "contacts": "entity", "sources": "source", "tags": "tag"}
    for row in rows:
        record = current.get(row.key)
        merge_texts(row, record, spec)
        decide(row, record, spec, context, where)
        if spec.name in target and row.key:
            book = context.rejected if row.action == REJECT else context.known
            book[target[spec.name]].setdefault(
                row.key, message("{file} row {row}", file=row.file, row=row.row)
            )
            if row.action != REJECT and spec.name == "entities":
                context.kinds[row.key] = row.values.get("kind") or (record or {}).get("kind", "")
            elif row.action != REJECT and spec.name == "contacts":
                context.kinds.setdefault(row.key, "person")
    result.rows += rows


def mapped_columns(
    table: Table, mapping: dict[str, str], spec: RecordSpec, result: ImportPlan, problem: Any
) -> list[tuple[int, Any]] | None:
    names = {f.name for f in spec.fields}
    columns: list[tuple[int, Any]] = []
    taken: dict[str, str] = {}
    for header, field_name in mapping.items():
        if header not in table.headers:
            result.problems.append(
                problem(None, None, message("no column {header!r} in the file", header=header))
            )
            continue
        if field_name not in names:
            valid = ", ".join(sorted(names))
            result.problems.append(
                problem(
                    None,
                    table.headers.index(header),
                    message(
                        "unknown field {field!r}; {record_type} have: {valid}",
                        field=field_name,
                        record_type=spec.name,
                        valid=valid,
                    ),
                )
            )
            continue
        if field_name in taken:
            result.problems.append(
                problem(
                    None,
                    table.headers.index(header),
                    message(
                        "both {first!r} and {second!r} are mapped to {field!r}",
                        first=taken[field_name],
                        second=header,
                        field=field_name,
                    ),
                )
            )
            continue
        taken[field_name] = header
        columns.append((table.headers.index(header), spec.field(field_name)))
    ignored = [h for h in table.headers if h not in mapping]
    if ignored:
        result.notes.append(
            message(
                "{table}: columns not imported: {columns}",
                table=table.name,
                columns=", ".join(ignored),
            )
        )
    keyed = all(k in taken for k in spec.key_fields) or spec.derive_key_from in taken
    if not keyed:
        wanted: str | Message = listed(spec.key_fields)
        if spec.derive_key_from:
            wanted = message(
                "{keys} (or {derive}, to derive it from)", keys=wanted, derive=spec.derive_key_from
            )
        found = ", ".join(repr(h) for h in table.headers[:8])
        if len(table.headers) > 1:
            missing = message(
                "no column for {wanted}; the header reads {found}", wanted=wanted, found=found
            )
        else:
            missing = message(
                "no column for {wanted}; the header reads {found}: is the delimiter , or ;?",
                wanted=wanted,
                found=found,
            )
        result.problems.append(problem(table.header_row or None, None, missing))
        return None
    return columns


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
            repeated_on = counted(
                "{what} {key!r} also on row {listed}: each record may appear once",
                "{what} {key!r} also on rows {listed}: each record may appear once",
                count=count,
                what=what,
                key=key,
                listed=listed,
            )
            row.problems.append(where.at(row, None, repeated_on))


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
                    wrong = message(
                        "refers to {target} {item!r}, which is rejected ({on})",
                        target=_TARGETS[target],
                        item=item,
                        on=context.rejected[target][item],
                    )
                else:
                    wrong = message(
                        "unknown {target} {item!r}: not in the database nor earlier in the file",
                        target=_TARGETS[target],
                        item=item,
                    )
                row.problems.append(where.at(row, spec_field.name, wrong))
