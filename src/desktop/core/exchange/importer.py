"""Import into the knowledge base: plan a file, then write the plan (the CLI and the window
go through :mod:`desktop.app.exchange` to here).

An import has three steps, so a consultant sees everything before anything changes:

1. :func:`read_table` / :func:`read_tables` read a CSV, XLSX or JSON file into tables
   (:mod:`desktop.core.exchange.read`);
2. :func:`suggest_mapping` maps the file's headers to fields, and :func:`plan` runs the dry run:
   row by row what will be added, updated (field: old → new) or rejected, and why
   (:mod:`desktop.core.exchange.checks`);
3. :func:`apply` writes the plan in one transaction, after a backup, into the audit journal.
   All or nothing: a plan with a rejected row is refused unless the caller explicitly skips
   those rows, and the database is re-read inside the transaction so that a record changed
   since the preview stops the import instead of being overwritten unseen. Large imports
   suspend the search index and refresh it once (see :func:`_suspend_index`).

Importable record types, in the order they are written: sources, tags, entities, relations,
spaces, facts, contacts (:mod:`desktop.core.exchange.convert.fields`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from desktop.core.errors import DossierError
from desktop.core.exchange import state as import_state
from desktop.core.exchange.checks import plan, plan_tables
from desktop.core.exchange.convert.fields import (
    RECORD_TYPES,
    guess_record_type,
    record_spec,
    suggest_mapping,
)
from desktop.core.exchange.csv_reader import detect_encoding
from desktop.core.exchange.plan import ADD, REJECT, UPDATE, Change, ImportPlan, Problem, RowPlan
from desktop.core.exchange.read import MAX_FILE_BYTES, read_table, read_tables
from desktop.core.exchange.rows import ImportFileError, Row, Table
from desktop.core.exchange.write import Writer
from desktop.core.language.messages import counted, message
from desktop.core.storage.backend import backend_of
from desktop.core.upkeep import audit

__all__ = [
    "MAX_FILE_BYTES",
    "RECORD_TYPES",
    "ApplyResult",
    "Change",
    "ImportFileError",
    "ImportPlan",
    "ImportRefusedError",
    "Problem",
    "Row",
    "RowPlan",
    "Table",
    "apply",
    "create_empty_database",
    "detect_encoding",
    "guess_record_type",
    "import_file",
    "plan",
    "plan_file",
    "plan_tables",
    "read_table",
    "read_tables",
    "record_spec",
    "suggest_mapping",
]

BULK_ROWS = 500


class ImportRefusedError(DossierError):
    """The plan cannot be applied as it is; nothing was written."""


@dataclass(frozen=True)
class ApplyResult:
    batch: str  # the audit journal's batch id of this import
    added: int
    updated: int
    skipped: int  # rejected rows left out (skip_rejected)
    audit_entries: int
    index_rebuilt: bool
    seconds: float


def apply(
    database: Any,
    plan: ImportPlan,
    *,
    who: str,
    backup: Callable[[], object] | None = None,
    skip_rejected: bool = False,
) -> ApplyResult:
    """Write ``plan`` into ``database`` in one transaction and journal it under one batch.

    ``backup`` is called right before writing (after every check that needs no transaction);
    if it raises, nothing is written.
    """
    started = time.perf_counter()
    if plan.problems:
        raise ImportRefusedError(
            message(
                "The file has problems, so nothing was imported: {problem}",
                problem=plan.problems[0],
            )
        )
    rejected = plan.of(REJECT)
    if rejected and not skip_rejected:
        raise ImportRefusedError(
            counted(
                "{count} row is rejected, so nothing was imported. Fix it, or import the other "
                "rows only. First: {problem}",
                "{count} rows are rejected, so nothing was imported. Fix them, or import the "
                "other rows only. First: {problem}",
                count=len(rejected),
                problem=rejected[0].problems[0],
            )
        )
    if not who.strip():
        raise ImportRefusedError(
            message("Say who imports (the consultant's name) for the audit journal.")
        )
    rows = [row for row in plan.rows if row.action in (ADD, UPDATE)]
    if not rows:
        return ApplyResult("", 0, 0, len(rejected), 0, False, time.perf_counter() - started)
    if backup is not None:
        backup()
    batch = audit.new_batch()
    writer = Writer(who.strip(), batch)
    try:
        _write(database, plan, rows, writer)
    except OperationalError as error:
        if "full" not in str(error.orig).lower():
            raise
        raise ImportRefusedError(
            message(
                "The disk is full, so nothing was imported (the database is as it was). Free some "
                "space and import again."
            )
        ) from None
    return ApplyResult(
        batch,
        sum(row.action == ADD for row in rows),
        sum(row.action == UPDATE for row in rows),
        len(rejected),
        writer.entries,
        _suspend_index(rows),
        time.perf_counter() - started,
    )


def _write(database: Any, plan: ImportPlan, rows: list[RowPlan], writer: Writer) -> None:
    """The one transaction: rolled back whole if anything in it fails."""
    with import_state.collector_paused(), database.engine.begin() as connection:
        writer.connection = connection
        _check_unchanged(connection, rows)
        suspend = _suspend_index(rows)
        backend = backend_of(connection)
        index = backend.search_index_suspended(connection, incremental=True)
        with index if suspend else contextlib.nullcontext(set()) as changed:
            recorded = backend.changes_recorded_in_bulk(connection, changed)
            with recorded if suspend else contextlib.nullcontext():
                for record_type in import_state.RECORD_TYPE_ORDER:
                    group = [row for row in rows if row.record_type == record_type]
                    if group:
                        writer.write(record_type, group)
                updated = [
                    row.key
                    for row in rows
                    if row.record_type == "entities" and row.action == UPDATE
                ]
                changed.update(import_state.entity_ids(connection, updated).values())
        backend.catch_up_search_index(connection)
        writer.summary(plan.source, plan.counts())
        writer.journal()


def _suspend_index(rows: list[RowPlan]) -> bool:
    """Refresh the search index once, for the imported entities only, on bulk loads.

    Per-row upkeep costs a few index refreshes per entity (one per sector and tag link); the
    incremental refresh costs one per imported entity, whatever the size of the database.
    """
    touched = sum(row.record_type in ("entities", "contacts") for row in rows)
    return touched > BULK_ROWS


def _check_unchanged(connection: Connection, rows: list[RowPlan]) -> None:
    """Refuse if the database moved since the preview: a new record now exists, or an old
    value the preview showed is no longer there."""
    for record_type in import_state.RECORD_TYPE_ORDER:
        group = [row for row in rows if row.record_type == record_type]
        if not group:
            continue
        current = import_state.load_records(connection, record_type, [r.key for r in group])
        for row in group:
            now = current.get(row.key)
            present = now is not None and (record_type != "contacts" or now["_contact"])
            stale = (row.action == ADD and present) or (row.action == UPDATE and not present)
            stale = stale or any(
                not import_state.same((now or {}).get(c.field), c.old) for c in row.changes
            )
            if stale:
                raise ImportRefusedError(
                    message(
                        "{file}, row {row}: {key!r} changed in the database since the "
                        "preview. Nothing was imported; preview the file again.",
                        file=row.file,
                        row=row.row,
                        key=row.key,
                    ),
                )


def plan_file(
    database: Any, path: Path, *, record_type: str | None = None, encoding: str | None = None
) -> ImportPlan:
    """Read ``path`` and plan all its tables with suggested mappings (the dry run)."""
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ImportFileError(
            message(
                "unknown record type {name!r}; use one of {valid}",
                name=record_type,
                valid=", ".join(RECORD_TYPES),
            ),
        )
    tables = read_tables(Path(path), encoding)
    with database.engine.connect() as connection:
        return plan_tables(connection, tables, record_type)


def import_file(
    database: Any,
    path: Path,
    *,
    who: str,
    record_type: str | None = None,
    encoding: str | None = None,
    backup: Callable[[], object] | None = None,
    skip_rejected: bool = False,
) -> tuple[ImportPlan, ApplyResult]:
    """Plan and apply ``path`` in one go (the CLI without ``--dry-run``)."""
    planned = plan_file(database, path, record_type=record_type, encoding=encoding)
    return planned, apply(database, planned, who=who, backup=backup, skip_rejected=skip_rejected)


def create_empty_database(path: Path) -> Any:
    """A database with the schema and the fixed sector taxonomy, and no knowledge yet.

    This is what an import needs to start from: sectors are the product's vocabulary and come
    with every database; sources, tags and everything else arrive with the import.
    """
    from sqlalchemy import insert

    from desktop.core.kb import models, taxonomy
    from desktop.core.storage.database import Database, create_schema, make_engine

    engine = make_engine(Path(path))
    try:
        create_schema(engine)
        with engine.begin() as connection:
            connection.execute(insert(models.Sector), taxonomy.sector_rows())
    finally:
        engine.dispose()
    return Database.open(Path(path), create=False)
