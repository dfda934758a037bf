"""Import into the knowledge base: the entry points the CLI and the window use.

An import has three steps, so a consultant sees everything before anything changes:

1. :func:`read_table` / :func:`read_tables` read a CSV, XLSX or JSON file into tables
   (:mod:`desktop.core.exchange.read`);
2. :func:`suggest_mapping` maps the file's headers to fields, and :func:`plan` runs the dry run:
   row by row what will be added, updated (field: old → new) or rejected, and why
   (:mod:`desktop.core.exchange.plan`);
3. :func:`apply` writes the plan in one transaction, after a backup, into the audit journal
   (:mod:`desktop.core.exchange.apply`).

Importable record types, in the order they are written: sources, tags, entities, relations,
spaces, facts, contacts (:mod:`desktop.core.exchange.fields`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.exchange.apply import ApplyResult, ImportRefusedError, apply
from desktop.core.exchange.fields import RECORD_TYPES, guess_record_type, suggest_mapping
from desktop.core.exchange.plan import Change, ImportPlan, Problem, RowPlan, plan, plan_tables
from desktop.core.exchange.read import (
    MAX_FILE_BYTES,
    ImportFileError,
    Row,
    Table,
    detect_encoding,
    read_table,
    read_tables,
)

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
    "suggest_mapping",
]


def plan_file(
    database: Any, path: Path, *, record_type: str | None = None, encoding: str | None = None
) -> ImportPlan:
    """Read ``path`` and plan all its tables with suggested mappings (the dry run)."""
    if record_type is not None and record_type not in RECORD_TYPES:
        raise ImportFileError(
            f"unknown record type {record_type!r}; use one of {', '.join(RECORD_TYPES)}"
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
            connection.execute(
                insert(models.Sector),
                [
                    {"code": t.code, "label_en": t.en, "label_de": t.de, "position": position}
                    for position, t in enumerate(taxonomy.SECTORS.values())
                ],
            )
    finally:
        engine.dispose()
    return Database.open(Path(path), create=False)
