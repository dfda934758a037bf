"""Editing the parts of an entity — figures, relations, space offers, contact — and sources.

One function per edit, each in its own transaction under a fresh audit batch. A save returns
the record as it was before (None for a new one) and a removal returns what it removed: exactly
what the window's undo writes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session, select

from desktop.app.store import Store
from desktop.core.kb.models import Entity, Source
from desktop.core.upkeep import audit, records, sources
from desktop.core.upkeep.records import ContactRecord, FactRecord, RelationRecord, SpaceRecord
from desktop.core.upkeep.sources import SourceRecord

if TYPE_CHECKING:
    from desktop.core.kb.catalogue import EntityDetail

T = TypeVar("T")


@dataclass(frozen=True)
class RecordForms:
    """What the small forms of the detail pane offer and start from, for one entity."""

    names: dict[str, str]  # every entity's name by slug, ordered by name
    sources: dict[str, str]  # source titles by key
    facts: dict[str, FactRecord]  # this entity's figures by key
    detail: EntityDetail  # its relations, space offers and contact as shown


def record_forms(store: Store, *, slug: str) -> RecordForms:
    """The forms' data for entity ``slug``; NotFoundError when it is gone."""
    from desktop.core.kb import catalogue

    with store.database.session() as session:
        detail = catalogue.entity_detail(session, slug)
        return RecordForms(
            names={e.slug: e.name for e in session.exec(select(Entity).order_by(Entity.name))},
            sources={s.key: s.title for s in session.exec(select(Source))},
            facts={f.key: records.fact_record(session, f.key) for f in detail.facts},
            detail=detail,
        )


def _write(store: Store, change: Callable[[Session, str], T]) -> T:
    """Run ``change(session, batch)`` in one transaction with a batch of its own."""
    with store.database.transaction() as session:
        return change(session, audit.new_batch())


# --- figures -----------------------------------------------------------------------------------


def save_fact(
    store: Store, *, record: FactRecord, original_key: str | None, who: str
) -> FactRecord | None:
    """Add a figure (``original_key`` None) or change one; returns it as it was."""
    return _write(
        store,
        lambda session, batch: records.save_fact(
            session, record, original_key=original_key, who=who, batch=batch, today=date.today()
        ),
    )


def delete_fact(store: Store, *, key: str, who: str) -> FactRecord:
    return _write(
        store, lambda session, batch: records.delete_fact(session, key, who=who, batch=batch)
    )


# --- relations, space, contact -------------------------------------------------------------------


def add_relation(store: Store, *, record: RelationRecord, who: str) -> None:
    _write(
        store, lambda session, batch: records.add_relation(session, record, who=who, batch=batch)
    )


def remove_relation(store: Store, *, record: RelationRecord, who: str) -> None:
    _write(
        store, lambda session, batch: records.remove_relation(session, record, who=who, batch=batch)
    )


def set_space(store: Store, *, record: SpaceRecord, who: str) -> SpaceRecord | None:
    """Offer a space type at a site (or change the offer); returns the offer it replaced."""
    return _write(
        store,
        lambda session, batch: records.set_space(
            session, record, who=who, batch=batch, today=date.today()
        ),
    )


def remove_space(store: Store, *, site: str, space_type: str, who: str) -> SpaceRecord:
    return _write(
        store,
        lambda session, batch: records.remove_space(
            session, site, space_type, who=who, batch=batch
        ),
    )


def save_contact(store: Store, *, record: ContactRecord, who: str) -> ContactRecord | None:
    """Set a person's contact details; returns the details they replaced."""
    return _write(
        store, lambda session, batch: records.save_contact(session, record, who=who, batch=batch)
    )


# --- sources -----------------------------------------------------------------------------------


def list_sources(store: Store) -> list[tuple[SourceRecord, int]]:
    """Every source with the number of records citing it, by title."""
    with store.database.session() as session:
        return sources.list_sources(session)


def save_source(
    store: Store, *, record: SourceRecord, original_key: str | None, who: str
) -> SourceRecord | None:
    """Add a source (``original_key`` None) or correct one; returns it as it was."""
    return _write(
        store,
        lambda session, batch: sources.save_source(
            session, record, original_key=original_key, who=who, batch=batch, today=date.today()
        ),
    )


def delete_source(store: Store, *, key: str, who: str) -> SourceRecord:
    """Delete a source nothing cites (a cited one is refused with a sentence)."""
    return _write(
        store, lambda session, batch: sources.delete_source(session, key, who=who, batch=batch)
    )
