"""Verification: who checked a record when, and which records need checking again.

A consultant refreshes stale records before a trip; the "needs checking" list is that work
queue, oldest first, and every verification is journalled like an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from desktop.core.kb.models import AuditEntry, Entity, Fact
from desktop.core.upkeep.editing import _audit, _entity, _fact


@dataclass(frozen=True)
class CheckItem:
    record_type: str  # "entity" or "fact"
    key: str
    name: str
    verified_on: str | None  # None: never verified


# --- verification and the "needs checking" list --------------------------------------------------


def verify(session: Session, record_type: str, key: str, *, who: str, on: date, batch: str) -> None:
    """Mark an entity (by slug) or a figure (by key) as checked today by ``who``."""
    record: Any = _entity(session, key) if record_type == "entity" else _fact(session, key)
    old = record.verified_on.isoformat() if record.verified_on else None
    record.verified_on, record.verified_by = on, who
    session.add(record)
    session.flush()
    _audit(session, who, "verify", record_type, key, "verified_on", old, on.isoformat(), batch)


def needs_checking(session: Session, *, today: date, max_age_months: int = 12) -> list[CheckItem]:
    """Entities (not persons) and figures never verified or verified too long ago, oldest first."""

    def stale(verified: date | None) -> bool:
        if verified is None:
            return True
        return (today.year - verified.year) * 12 + today.month - verified.month > max_age_months

    items = [
        CheckItem("entity", e.slug, e.name, e.verified_on.isoformat() if e.verified_on else None)
        for e in session.exec(select(Entity).where(Entity.kind != "person"))
        if stale(e.verified_on)
    ]
    items += [
        CheckItem("fact", f.key, f.label, f.verified_on.isoformat() if f.verified_on else None)
        for f in session.exec(select(Fact))
        if stale(f.verified_on)
    ]
    return sorted(items, key=lambda item: (item.verified_on or "", item.name.casefold()))


def audit_entries(
    session: Session, *, record_key: str | None = None, text: str | None = None, limit: int = 1000
) -> list[AuditEntry]:
    """The journal, newest first; for one record, or filtered by words in any column."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if record_key:
        statement = statement.where(AuditEntry.record_key == record_key)
    entries = list(session.exec(statement.limit(limit if not text else limit * 10)))
    if text:
        needle = text.casefold()
        entries = [
            e
            for e in entries
            if needle
            in " ".join(
                filter(
                    None,
                    (
                        e.who,
                        e.action,
                        e.record_type,
                        e.record_key,
                        e.field,
                        e.old_value,
                        e.new_value,
                    ),
                )
            ).casefold()
        ][:limit]
    return entries
