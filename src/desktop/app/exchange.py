"""Import and export of data, the same for the window and the command line.

An import is read → map → plan (the dry run) → apply. Applying keeps the rules in one place:
nothing is written while a row is rejected unless the caller leaves those rows out; a backup
is taken right before the first write (rotated like every backup), and everything the import
writes shares one audit batch. The window also asks for the content digest right after, which
its Undo compares against before putting the backup back.

These functions take the open :class:`~desktop.core.storage.database.Database` rather than
the window's :class:`~desktop.app.store.Store`: the command line opens one of its own (taking
the write lock at the start of each transaction), and the window passes ``store.database``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.exchange import importer

if TYPE_CHECKING:
    from desktop.core.exchange.importer import ApplyResult, ImportPlan, Table
    from desktop.core.storage.backup import BackupInfo
    from desktop.core.storage.database import Database


@dataclass(frozen=True)
class ImportTable:
    """A file read for the mapping step: its first table, what it holds, the suggested map."""

    table: Table
    record_type: str
    mapping: dict[str, str]  # header → field
    fields: list[str]  # the fields of ``record_type`` in form order, ``description [de]`` too


@dataclass(frozen=True)
class Imported:
    """An applied import, with what undoing it needs."""

    result: ApplyResult
    source_name: str
    backup_path: Path | None  # taken right before writing; None when nothing was written
    after_digest: str | None  # the content right after the import (asked for with undoable)


def read_import_file(
    *, path: Path, encoding: str | None = None, record_type: str | None = None
) -> ImportTable:
    """Read ``path`` and suggest which field each column fills (the record type is detected
    from the file, its sheet or section name, else its headers, unless given)."""
    table = importer.read_tables(path, encoding)[0]
    kind = record_type or table.record_type or importer.guess_record_type(table.headers)
    fields = [field.name for field in importer.record_spec(kind, table.headers).fields]
    return ImportTable(table, kind, importer.suggest_mapping(table.headers, kind), fields)


def preview_import(
    database: Database, *, table: Table, mapping: dict[str, str], record_type: str
) -> ImportPlan:
    """The dry run of one mapped table: row by row what would be added, updated, rejected."""
    with database.engine.connect() as connection:
        return importer.plan(connection, table, mapping, record_type)


def plan_import_file(
    database: Database, *, path: Path, record_type: str | None = None, encoding: str | None = None
) -> ImportPlan:
    """The dry run of every table in ``path``, each with its suggested mapping."""
    return importer.plan_file(database, path, record_type=record_type, encoding=encoding)


def apply_import(
    database: Database,
    *,
    plan: ImportPlan,
    who: str,
    skip_rejected: bool = False,
    keep_backups: int | None = None,
    undoable: bool = False,
) -> Imported:
    """Write ``plan`` in one transaction and one audit batch, after a backup.

    The backup goes into the database's backups folder, rotated to keep the newest
    ``keep_backups`` (default 10) plus daily and weekly ones; it is taken only when there is
    something to write. With ``undoable`` the content digest right after is returned too.
    Raises ImportRefusedError, with nothing written, for a plan with problems or rejected rows
    (unless ``skip_rejected``) or a database that changed since the preview.
    """
    taken: list[BackupInfo] = []

    def take_backup() -> BackupInfo:
        from desktop.app.maintenance import back_up

        info = back_up(database.path, reason="import", keep=keep_backups)
        taken.append(info)
        return info

    result = importer.apply(
        database, plan, who=who, backup=take_backup, skip_rejected=skip_rejected
    )
    source_name = Path(plan.source).name if plan.source else "the file"
    if not taken:
        return Imported(result, source_name, None, None)
    digest = None
    if undoable:
        from desktop.core.storage.database import content_digest

        digest = content_digest(database.engine)
    return Imported(result, source_name, taken[0].path, digest)


def export_data(
    database: Database, *, out: Path, kind: str | None = None, record_type: str | None = None
) -> list[Path]:
    """Write the knowledge base (or entities of ``kind``, or one ``record_type``) to ``out``
    as JSON, XLSX or CSV — the shape an import reads back; returns the files written."""
    from desktop.core.exchange.exporter import export_data as write_export

    return write_export(database, out, kind=kind, record_type=record_type)
