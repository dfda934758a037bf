"""The checks of one row of an import: its cells read into values and a key, and its decision.

:func:`read_rows` converts each mapped cell of each row (a cell that cannot be converted is a
problem of that row, naming its column) and finds the row's key; :func:`merge_texts` folds its
columns in other languages into its texts; :func:`decide` compares it with its record in the
database and sets what it would do: add, update (with the changes), leave unchanged or reject.
Each looks at one row and, for the decision, its one stored record, so they are apart from
:mod:`desktop.core.exchange.checks`, which runs them in order and owns the checks across rows.
:class:`Where` builds every problem of both, naming the file, the row and the column as the
person sees them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.core.exchange import state as import_state
from desktop.core.exchange.convert.cells import CellError
from desktop.core.exchange.convert.fields import RecordSpec
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
from desktop.core.language import texts as record_texts
from desktop.core.language.messages import Message, message

# A record type in the singular, in "a new entity needs kind".
_RECORD_WORDS = {
    "source": message("source"),
    "tag": message("tag"),
    "entity": message("entity"),
    "relation": message("relation"),
    "space": message("space offer"),
    "fact": message("fact"),
    "contact": message("contact"),
}


class Where:
    """Builds problems that name the table, row and column (found by field name, too)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.fields: dict[str, int] = {}

    def problem(self, row: int | None, column: int | None, said: str | Message) -> Problem:
        table = self.table
        return Problem(table.name, row, table.column_label(column), said, table.format == "json")

    def at(self, row: RowPlan, field_name: str | None, said: str | Message) -> Problem:
        index = self.fields.get(field_name or "")
        label = self.table.column_label(index) if index is not None else field_name
        return Problem(row.file, row.row, label, said, self.table.format == "json")


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
                said = message("{field}: {problem}", field=spec_field.name, problem=error.problem)
                problems.append(problem(raw.number, index, said))
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
            keys = listed(key_fields)
            empty = (
                message("{keys} or {derive} is empty", keys=keys, derive=derive)
                if derive
                else message("{keys} is empty", keys=keys)
            )
            problems.append(problem(raw.number, None, empty))
        rows.append(RowPlan(spec.name, table.name, raw.number, key, REJECT, values, [], problems))
    if not rows and table.format == "json":
        result.notes.append(message("{table}: no records", table=table.name))
    elif not rows and not result.problems:
        nothing = message("no records below the header: nothing to import")
        result.problems.append(problem(table.header_row or None, None, nothing))
    return rows


def listed(names: Sequence[str]) -> str | Message:
    """Field names as a person lists them: "slug", "site and type", "from, type and to"."""
    if len(names) == 1:
        return names[0]
    return message("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def merge_texts(row: RowPlan, current: dict[str, Any] | None, spec: RecordSpec) -> None:
    """Fold the row's texts in other languages (``description [de]``) into its ``texts``.

    They go over the ``texts`` column where the file has one for the row (as files of earlier
    versions hold all translations), else over the record's texts in the database, so a file
    with one language column changes that text only. An empty cell is no translation to merge
    and erases nothing, like every empty cell of an import. Texts that come out the same as the
    stored ones keep the stored value, so they are no change.

    A cell whose text differs from the stored one was written from this row's English (the
    stored English where the row has none), and keeps its fingerprint. A cell that comes back
    as stored keeps the stored fingerprint: a spreadsheet round trip, or an English changed in
    the sheet beside an untouched translation, confirms nothing, so a translation older than
    its English stays marked.
    """
    values = row.values
    columns = {f.name: f for f in spec.fields if f.language and f.name in values}
    if not columns:
        return
    stored = (current or {}).get("texts")
    base = values.get("texts", stored)
    texts, prints = record_texts.parse(base), record_texts.written_from(base)
    stored_texts, stored_prints = record_texts.parse(stored), record_texts.written_from(stored)
    for name, column in columns.items():
        language, field = column.language or "", column.translates or ""
        text = str(values.pop(name)).strip()
        texts.setdefault(language, {})[field] = text
        marks = prints.setdefault(language, {})
        if text != stored_texts.get(language, {}).get(field):
            marks[field] = record_texts.fingerprint(values.get(field, (current or {}).get(field)))
        elif field in stored_prints.get(language, {}):
            marks[field] = stored_prints[language][field]
    merged = record_texts.dump(texts, prints)
    if record_texts.same(merged, stored):
        merged = stored
    if merged is None:
        values.pop("texts", None)
    else:
        values["texts"] = merged


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
            not_a_person = message("{key!r} is a {kind}, not a person", key=row.key, kind=kind)
            row.problems.append(where.at(row, "person", not_a_person))
            row.action = REJECT
            return
        row.existed = current is not None
        if current is None or not current["_contact"]:
            if current is None and row.key not in context.kinds and "name" not in values:
                nameless = message("person {key!r} is new: a name is required", key=row.key)
                row.problems.append(where.at(row, "name", nameless))
                row.action = REJECT
                return
            row.action = ADD
            if current is not None and "name" in values and values["name"] != current["name"]:
                row.changes.append(Change("name", current["name"], values["name"]))
            return
    if current is None:
        missing = [f.name for f in spec.fields if f.required and f.name not in values]
        if missing:
            needs = message(
                "a new {record} needs {fields}",
                record=_RECORD_WORDS.get(spec.audit_type, spec.audit_type),
                fields=", ".join(missing),
            )
            row.problems.append(where.at(row, None, needs))
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
