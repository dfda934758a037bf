"""Writing an import plan: one transaction, a backup first, every change in the audit journal.

All or nothing: a plan with a rejected row is refused unless the caller explicitly skips those
rows, and the database is re-read inside the transaction so that a record changed since the
preview stops the import instead of being overwritten unseen. Large imports suspend the search
index triggers and rebuild the index once (see :func:`_suspend_index`).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from desktop.core.errors import DossierError
from desktop.core.exchange import state as import_state
from desktop.core.exchange.plan import ADD, REJECT, UPDATE, ImportPlan, RowPlan
from desktop.core.exchange.write import Writer
from desktop.core.storage.sqlite import search_index as sqlite_search

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


def new_batch() -> str:
    return uuid.uuid4().hex[:12]


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
            "The file has problems, so nothing was imported: " + str(plan.problems[0])
        )
    rejected = plan.of(REJECT)
    if rejected and not skip_rejected:
        raise ImportRefusedError(
            f"{len(rejected)} row(s) are rejected, so nothing was imported. Fix them, or import "
            f"the other rows only. First: {rejected[0].problems[0]}"
        )
    if not who.strip():
        raise ImportRefusedError("Say who imports (the consultant's name) for the audit journal.")
    rows = [row for row in plan.rows if row.action in (ADD, UPDATE)]
    if not rows:
        return ApplyResult("", 0, 0, len(rejected), 0, False, time.perf_counter() - started)
    if backup is not None:
        backup()
    batch = new_batch()
    writer = Writer(who.strip(), batch)
    try:
        _write(database, plan, rows, writer)
    except OperationalError as error:
        if "full" not in str(error.orig).lower():
            raise
        raise ImportRefusedError(
            "The disk is full, so nothing was imported (the database is as it was). Free some "
            "space and import again."
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
        index = sqlite_search.search_index_suspended(connection, incremental=True)
        with index if suspend else contextlib.nullcontext(set()) as changed:
            for record_type in import_state.RECORD_TYPE_ORDER:
                group = [row for row in rows if row.record_type == record_type]
                if group:
                    getattr(writer, record_type)(group)
            updated = [
                row.key for row in rows if row.record_type == "entities" and row.action == UPDATE
            ]
            changed.update(import_state.entity_ids(connection, updated).values())
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
                    f"{row.file}, row {row.row}: {row.key!r} changed in the database since the "
                    "preview. Nothing was imported; preview the file again."
                )
