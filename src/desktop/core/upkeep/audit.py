"""The audit journal's one writer: every change to the knowledge base is written here.

An entry says who changed what, when: the action, the record (type and key), the field, the
value before and after, and the ``batch`` that ties together everything one user action did
(one save, one delete, one import). Hand edits write their entries one at a time through the
session they change the record in (:func:`record`, :func:`record_changes`); an import collects
thousands and writes them in one statement inside its own transaction (:func:`write_many`).
Both build the entry with :func:`entry`, so a value reads the same whoever wrote it; the
journal is read back with :func:`journal`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, insert
from sqlmodel import Session, col, select

from desktop.core.kb.models import AuditEntry


class Entry(NamedTuple):
    """One journal row, its fields in :data:`COLUMNS` order (a tuple: an import makes 100,000)."""

    at: datetime
    who: str
    action: str  # "create", "update", "delete", "verify", "import", "restore"
    record_type: str  # "entity", "fact", "relation", "space", "contact", "source", "import" …
    record_key: str
    field: str | None
    old_value: str | None
    new_value: str | None
    batch: str


COLUMNS: tuple[str, ...] = Entry._fields

# (connection, table, columns, rows): a caller's faster executemany, e.g. the import's
BulkInsert = Callable[[Connection, Table, Sequence[str], Iterable[Sequence[Any]]], None]


def new_batch() -> str:
    """A fresh batch id: what one user action changed shares it."""
    return uuid.uuid4().hex[:12]


def now() -> datetime:
    return datetime.now(UTC)


def text(value: Any) -> str | None:
    """A value as the journal stores it: nothing for empty, lists joined with commas."""
    if type(value) is str:  # the common case first: an import writes 100,000 of them
        return value or None
    if value is None or value == ():
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def entry(
    *,
    who: str,
    action: str,
    record_type: str,
    key: str,
    batch: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    at: datetime | None = None,
) -> Entry:
    """Build one entry; ``at`` defaults to now (an import stamps all its entries alike)."""
    return Entry(
        at or now(), who or "unknown", action, record_type, key, field, text(old), text(new), batch
    )


def record(
    session: Session,
    *,
    who: str,
    action: str,
    record_type: str,
    key: str,
    batch: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    """Write one entry through ``session``: it commits or rolls back with the change itself."""
    made = entry(
        who=who,
        action=action,
        record_type=record_type,
        key=key,
        batch=batch,
        field=field,
        old=old,
        new=new,
    )
    session.add(AuditEntry(**made._asdict()))


def record_changes(
    session: Session,
    *,
    who: str,
    record_type: str,
    key: str,
    before: Any,
    after: Any,
    batch: str,
) -> None:
    """One entry per field that differs between two records (dataclasses); ``before`` None
    means the record is new, and every field it has is journalled as created."""
    old = asdict(before) if before is not None else {}
    action = "update" if before is not None else "create"
    for name, value in asdict(after).items():
        if old.get(name) != value:
            record(
                session,
                who=who,
                action=action,
                record_type=record_type,
                key=key,
                batch=batch,
                field=name,
                old=old.get(name),
                new=value,
            )


def write_many(
    connection: Connection, entries: Sequence[Entry], *, bulk_insert: BulkInsert | None = None
) -> int:
    """Write ``entries`` in one statement inside the caller's transaction; returns how many.

    ``bulk_insert`` is the caller's own executemany when it has a faster one (the import
    converts each distinct value once); without it, SQLAlchemy's plain executemany.
    """
    if not entries:
        return 0
    table: Table = AuditEntry.__table__  # type: ignore[attr-defined]
    if bulk_insert is not None:
        bulk_insert(connection, table, COLUMNS, entries)
    else:
        connection.execute(insert(table), [e._asdict() for e in entries])
    return len(entries)


def journal(
    session: Session,
    *,
    record_key: str | None = None,
    containing: str | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """The journal, newest first: all of it, one record's history, or the entries with the
    words ``containing`` in any column."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if record_key:
        statement = statement.where(AuditEntry.record_key == record_key)
    found = list(session.exec(statement.limit(limit * 10 if containing else limit)))
    if not containing:
        return found
    needle = containing.casefold()

    def mentions(e: AuditEntry) -> bool:
        columns = (e.who, e.action, e.record_type, e.record_key, e.field, e.old_value, e.new_value)
        return needle in " ".join(filter(None, columns)).casefold()

    return [e for e in found if mentions(e)][:limit]
