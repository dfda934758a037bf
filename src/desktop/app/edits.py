"""Database work for editing, run by the window's executor (no Qt).

Each write is one transaction stamped with the consultant's name and a batch id, so the audit
journal groups what one user action changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from desktop.app.store import Store
from desktop.core.kb.models import AuditEntry, Entity, Tag
from desktop.core.upkeep import editing, verification
from desktop.core.upkeep.editing import DeletedEntity, EntityRecord
from desktop.core.upkeep.verification import CheckItem


def form_data(
    store: Store, slug: str | None
) -> tuple[EntityRecord | None, dict[str, str], dict[str, str]]:
    """The record to edit (None for a new one), all entity names by slug, and tag labels."""
    with store.database.session() as session:
        record = editing.entity_record(session, slug) if slug else None
        names = {e.slug: e.name for e in session.exec(select(Entity))}
        tags = {t.code: t.label for t in session.exec(select(Tag).order_by(Tag.label))}
        return record, names, tags


def save_entity(store: Store, record: EntityRecord, original_slug: str | None, who: str) -> str:
    with store.database.transaction() as session:
        editing.save_entity(
            session,
            record,
            original_slug=original_slug,
            who=who,
            batch=editing.new_batch(),
            today=date.today(),
        )
    return record.slug


def delete_impact(store: Store, slug: str) -> dict[str, int]:
    with store.database.session() as session:
        return editing.delete_impact(session, slug)


def delete_entity(store: Store, slug: str, who: str) -> DeletedEntity:
    with store.database.transaction() as session:
        return editing.delete_entity(session, slug, who=who, batch=editing.new_batch())


def restore_entity(store: Store, deleted: DeletedEntity, who: str) -> str:
    with store.database.transaction() as session:
        editing.restore_entity(
            session, deleted, who=who, batch=editing.new_batch(), today=date.today()
        )
    return deleted.record.slug


def verify(store: Store, record_type: str, key: str, who: str) -> None:
    with store.database.transaction() as session:
        verification.verify(
            session, record_type, key, who=who, on=date.today(), batch=editing.new_batch()
        )


def needs_checking(store: Store, max_age_months: int) -> list[CheckItem]:
    with store.database.session() as session:
        return verification.needs_checking(
            session, today=date.today(), max_age_months=max_age_months
        )


def audit(
    store: Store, record_key: str | None = None, text: str | None = None
) -> list[dict[str, Any]]:
    with store.database.session() as session:
        return [
            _entry(e) for e in verification.audit_entries(session, record_key=record_key, text=text)
        ]


def _entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": f"{entry.at:%Y-%m-%d %H:%M}",
        "who": entry.who,
        "action": entry.action,
        "record": f"{entry.record_type} {entry.record_key}",
        "field": entry.field or "",
        "change": f"{entry.old_value or '—'} → {entry.new_value or '—'}",
    }


def run_record_edit(store: Store, operation: str, **arguments: Any) -> Any:
    """One edit of a figure, relation, space offer or contact, in its own transaction."""
    from desktop.core.upkeep import records, sources

    operations = {
        "save_fact": records.save_fact,
        "delete_fact": records.delete_fact,
        "add_relation": records.add_relation,
        "remove_relation": records.remove_relation,
        "set_space": records.set_space,
        "remove_space": records.remove_space,
        "save_contact": records.save_contact,
        "save_source": sources.save_source,
        "delete_source": sources.delete_source,
    }
    needs_today = {"save_fact", "set_space", "save_source"}
    with store.database.transaction() as session:
        if operation in needs_today:
            arguments["today"] = date.today()
        return operations[operation](session, batch=editing.new_batch(), **arguments)


def record_form_data(store: Store, slug: str) -> dict[str, Any]:
    """What the small forms need: entity names, sources, this entity's figures and contact."""
    from desktop.core.kb import catalogue
    from desktop.core.kb.models import Source
    from desktop.core.upkeep.records import fact_record

    with store.database.session() as session:
        detail = catalogue.entity_detail(session, slug) if slug else None
        return {
            "names": {e.slug: e.name for e in session.exec(select(Entity).order_by(Entity.name))},
            "sources": {s.key: s.title for s in session.exec(select(Source))},
            "facts": {f.key: fact_record(session, f.key) for f in (detail.facts if detail else [])},
            "detail": detail,
        }


def sources(store: Store) -> list[Any]:
    from desktop.core.upkeep.sources import list_sources

    with store.database.session() as session:
        return list_sources(session)
