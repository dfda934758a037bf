"""Verification: who checked a record when, and which records need checking again.

A consultant refreshes stale records before a trip; the "needs checking" list is that work
queue, oldest first, and every verification is journalled like an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from desktop.core.kb.models import Entity, Fact
from desktop.core.upkeep import audit
from desktop.core.upkeep.editing import find_entity, find_fact


@dataclass(frozen=True)
class CheckItem:
    record_type: str  # "entity" or "fact"
    key: str
    name: str
    verified_on: str | None  # None: never verified


# --- verification and the "needs checking" list --------------------------------------------------


def verify(session: Session, record_type: str, key: str, *, who: str, on: date, batch: str) -> None:
    """Mark an entity (by slug) or a figure (by key) as checked today by ``who``."""
    record: Any = find_entity(session, key) if record_type == "entity" else find_fact(session, key)
    old = record.verified_on.isoformat() if record.verified_on else None
    record.verified_on, record.verified_by = on, who
    session.add(record)
    session.flush()
    audit.record(
        session,
        who=who,
        action="verify",
        record_type=record_type,
        key=key,
        batch=batch,
        field="verified_on",
        old=old,
        new=on.isoformat(),
    )


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
