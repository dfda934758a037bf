"""The audit journal has one writer: hand edits and imports build and write entries alike."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

import desktop
from desktop.core.exchange import state as import_state
from desktop.core.kb.models import AuditEntry
from desktop.core.storage.database import Database
from desktop.core.upkeep import audit

PACKAGE = Path(desktop.__file__).parent
WRITER = PACKAGE / "core" / "upkeep" / "audit.py"


def _trees() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_only_the_audit_module_makes_or_inserts_journal_rows() -> None:
    """No ``AuditEntry(...)`` and no insert into its table anywhere else."""
    found = []
    for path, tree in _trees():
        if path == WRITER:
            continue
        for node in ast.walk(tree):
            made = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "AuditEntry"
            table = (
                isinstance(node, ast.Attribute)
                and node.attr == "__table__"
                and getattr(node.value, "id", None) == "AuditEntry"
            )
            if made or table:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_upkeep_modules_import_nothing_private_from_each_other() -> None:
    """``from desktop.core.upkeep.editing import _audit`` was how three modules journalled."""
    areas = ("core/upkeep", "app", "ui/upkeep", "cli")
    found = []
    for path, tree in _trees():
        if not str(path.relative_to(PACKAGE)).startswith(areas):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop"):
                found += [
                    f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert found == []


def test_an_entry_reads_the_same_whoever_writes_it() -> None:
    """Empty values are stored as nothing, lists joined, and a journal always names someone."""
    made = audit.entry(
        who="", action="update", record_type="entity", key="x", batch="b", field="tags",
        old=(), new=("gmp", "cdmo"),
    )  # fmt: skip
    assert (made.who, made.old_value, made.new_value) == ("unknown", None, "gmp, cdmo")
    assert (
        audit.entry(who="A", action="a", record_type="t", key="k", batch="b", new=7).new_value
        == "7"
    )


def test_one_row_through_the_session_and_many_in_bulk_are_the_same_rows(
    database: Database,
) -> None:
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    entries = [
        audit.entry(
            who="Anna", action="import", record_type="entity", key=f"firm-{n}", batch=batch,
            field="name", old=None, new=f"Firm {n}", at=at,
        )
        for n, batch in ((1, "plain"), (2, "fast"))
    ]  # fmt: skip
    with database.engine.begin() as connection:
        assert audit.write_many(connection, entries[:1]) == 1
        assert audit.write_many(connection, entries[1:], bulk_insert=import_state.insert_many) == 1
        assert audit.write_many(connection, []) == 0
    with database.transaction() as session:
        audit.record(
            session, who="Anna", action="import", record_type="entity", key="firm-3",
            batch="session", field="name", new="Firm 3",
        )  # fmt: skip
    with database.engine.connect() as connection:
        rows = connection.execute(
            select(
                AuditEntry.who, AuditEntry.record_key, AuditEntry.old_value, AuditEntry.new_value
            )
            .where(AuditEntry.batch.in_(["plain", "fast", "session"]))  # type: ignore[attr-defined]
            .order_by(AuditEntry.record_key)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("Anna", f"firm-{n}", None, f"Firm {n}") for n in (1, 2, 3)
    ]
