"""Export the knowledge base, or the part of it about one kind, to JSON, CSV or XLSX.

The export is written in exactly the shape the importer reads (same field names, codes and
keys), so export → import into an empty database gives the same content; sources and tags
travel with it because entities and facts refer to them. Sectors do not: they are the fixed
taxonomy every database has. Every file is written aside and moved into place (temp file,
fsync, ``os.replace``), so a crash or a full disk never leaves half an export under the
real name (:mod:`desktop.core.atomic_files`). Text that a spreadsheet would take for a formula
is guarded in CSV (a leading quote) and typed as text in XLSX.

In a spreadsheet (CSV, XLSX) each translated field has a column per language beside the English
one, ``description [de]``, for every language with a catalogue and every other language the
records hold (:func:`spreadsheet_rows`); JSON keeps the record's ``texts`` as one value, with
the fingerprints of the English each translation was written from, so a JSON round trip keeps
what is stale. A spreadsheet's columns hold the plain texts only.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import IO, Any

from desktop.core import atomic_files
from desktop.core.errors import DossierError
from desktop.core.exchange import state as import_state
from desktop.core.exchange.convert.fields import (
    RECORD_TYPES,
    record_spec,
    translated_fields,
)
from desktop.core.exchange.csv_reader import guard_formula
from desktop.core.kb import taxonomy
from desktop.core.language import texts as record_texts
from desktop.core.language.messages import Grouped, message

EXPORT_FORMATS = (".json", ".csv", ".xlsx")
XLSX_MAX_CELL = 32_767  # Excel's limit; longer text would be cut when the file is opened


class ExportError(DossierError):
    """The export cannot be written as asked; nothing was written."""


def collect(
    connection: Any, *, kind: str | None = None, record_types: tuple[str, ...] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Records per type in import-field terms, in id order; only ``kind``'s part when given.

    A selection by kind keeps what is *about* the selected entities: their space offers,
    figures scoped to them, contacts of selected persons, relations between two selected
    entities, and the sources and tags these use.
    """
    connection = import_state.as_connection(connection)
    if kind is not None:
        taxonomy.require(taxonomy.KINDS, kind, "kind")
    data = {
        name: [
            {k: v for k, v in record.items() if not k.startswith("_")}
            for record in import_state.list_records(connection, name)
        ]
        for name in import_state.RECORD_TYPE_ORDER
    }
    if kind is not None:
        data["entities"] = [e for e in data["entities"] if e["kind"] == kind]
        chosen = {e["slug"] for e in data["entities"]}
        data["relations"] = [r for r in data["relations"] if {r["from"], r["to"]} <= chosen]
        data["spaces"] = [s for s in data["spaces"] if s["site"] in chosen]
        data["facts"] = [f for f in data["facts"] if f["scope"] in chosen]
        data["contacts"] = [c for c in data["contacts"] if c["person"] in chosen]
        used = {
            r.get("source")
            for name in ("entities", "relations", "spaces", "facts")
            for r in data[name]
        }
        data["sources"] = [s for s in data["sources"] if s["key"] in used]
        tags = {code for e in data["entities"] for code in e["tags"]}
        data["tags"] = [t for t in data["tags"] if t["code"] in tags]
    if record_types is not None:
        data = {name: data[name] for name in record_types}
    return data


def export_data(
    database: Any, out: Path, *, kind: str | None = None, record_type: str | None = None
) -> list[Path]:
    """Write an export to ``out`` (format from its suffix); return the files written.

    A CSV holds one record type: with ``record_type`` it is ``out`` itself, otherwise one file
    per type that has records, named ``<out stem>-<type>.csv``.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportError(message("{file}: choose a .json, .csv or .xlsx file name", file=out.name))
    if not out.parent.is_dir():
        raise ExportError(message("the folder {folder} does not exist", folder=out.parent))
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ExportError(
            message(
                "unknown record type {name!r}; use one of {valid}",
                name=record_type,
                valid=", ".join(RECORD_TYPES),
            ),
        )
    if suffix != ".csv" or record_type is not None:
        atomic_files.check_target(out)  # a folder, link or device is refused before the work
    with database.engine.connect() as connection:
        data = collect(connection, kind=kind, record_types=(record_type,) if record_type else None)
    if suffix == ".json":
        atomic_files.write_file(out, lambda handle: _write_json(handle, data))
        return [out]
    if suffix == ".xlsx":
        atomic_files.write_file(out, lambda handle: _write_xlsx(handle, data))
        return [out]
    if record_type is not None:
        atomic_files.write_file(
            out, lambda handle: _write_csv(handle, record_type, data[record_type])
        )
        return [out]
    targets = {
        name: out.with_name(f"{out.stem}-{name}.csv") for name, records in data.items() if records
    }
    for path in targets.values():  # all refused before any is written
        atomic_files.check_target(path)
    for name, path in targets.items():
        records = data[name]
        atomic_files.write_file(path, lambda handle, n=name, r=records: _write_csv(handle, n, r))
    return list(targets.values())


# --- formats -------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _write_json(handle: IO[bytes], data: dict[str, list[dict[str, Any]]]) -> None:
    payload = {
        name: [{k: _json_value(v) for k, v in record.items() if v is not None} for record in rows]
        for name, rows in data.items()
        if rows
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    handle.write(text.encode("utf-8") + b"\n")


def cell_text(value: Any) -> str:
    """A value as a CSV cell: lists joined with "; ", yes/no, ISO dates, exact numbers."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as it is: text that would start a formula gets a quote
    before it (the import takes it off); numbers, negative ones included, stay numbers."""
    text = cell_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return guard_formula(text)


def spreadsheet_rows(
    record_type: str, records: list[dict[str, Any]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of one record type in a spreadsheet: each translated field's texts
    in columns of their own, ``description [de]``, one per language.

    The languages are those with a catalogue (a column to fill in even while it is empty) and
    any other the records hold. The ``texts`` column is left out unless a record has a text no
    language column holds (a field that is not translated in the forms), which it then keeps,
    so that nothing is lost on the way back.
    """
    translated = translated_fields(record_type)
    if not translated:
        return [field.name for field in RECORD_TYPES[record_type].fields], records
    parsed = [record_texts.parse(record.get("texts")) for record in records]
    held = sorted(
        {code for texts in parsed for code, of in texts.items() if set(of) & set(translated)}
    )
    fields = record_spec(record_type, languages=held).fields
    columns = {(f.translates, f.language): f.name for f in fields if f.language}
    rows, leftovers = [], False
    for record, texts in zip(records, parsed, strict=True):
        row = dict(record)
        rest: dict[str, dict[str, str]] = {}
        for code, texts_of in texts.items():
            for field, text in texts_of.items():
                column = columns.get((field, code))
                if column is None:
                    rest.setdefault(code, {})[field] = text
                else:
                    row[column] = text
        row["texts"] = record_texts.dump(rest)
        leftovers = leftovers or row["texts"] is not None
        rows.append(row)
    return [f.name for f in fields if f.name != "texts" or leftovers], rows


def _write_csv(handle: IO[bytes], record_type: str, records: list[dict[str, Any]]) -> None:
    """UTF-8 with a byte-order mark, so Excel shows umlauts; the importer accepts both."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text)
        fields, rows = spreadsheet_rows(record_type, records)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([_csv_cell(row.get(name)) for name in fields])
        text.flush()
    finally:
        text.detach()


def _write_xlsx(handle: IO[bytes], data: dict[str, list[dict[str, Any]]]) -> None:
    """One sheet per record type, named like the type, values typed (numbers stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name, records in data.items():
        if not records:
            continue
        sheet = workbook.create_sheet(name)
        fields, rows = spreadsheet_rows(name, records)
        sheet.append(fields)
        for record in rows:
            cells = []
            for field_name in fields:
                value = record.get(field_name)
                if not isinstance(value, bool | int | float):
                    value = cell_text(value) or None
                if isinstance(value, str) and len(value) > XLSX_MAX_CELL:
                    raise ExportError(
                        message(
                            "{record_type} {key!r}: {field} has {count} characters, more than an "
                            "Excel cell holds; export JSON",
                            record_type=name,
                            key=import_state.record_key(name, record),
                            field=field_name,
                            count=Grouped(len(value)),
                        ),
                    )
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text such as "=1+1" is text, never a formula
                cells.append(cell)
            sheet.append(cells)
    if not workbook.worksheets:
        workbook.create_sheet("entities").append(spreadsheet_rows("entities", [])[0])
    workbook.save(handle)
