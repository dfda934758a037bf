"""Editing entities by hand: the form's data, save, delete and its undo, verify, the journal.

Each write is one transaction stamped with the consultant's name (``who``) and a fresh batch
id, so the audit journal groups what one user action changed. The window runs these functions
on its executor and makes each write an undoable step; a delete returns the snapshot that its
undo (:func:`restore_entity`) writes back.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from desktop.app.store import Store
from desktop.core.kb.models import AuditEntry, Entity, Fact, Source, Tag
from desktop.core.upkeep import audit, editing, verification
from desktop.core.upkeep.editing import DeletedEntity, EntityRecord
from desktop.core.upkeep.verification import CheckItem


@dataclass(frozen=True)
class EntityForm:
    """What the entity form needs: the record (None for a new one) and what it checks against."""

    record: EntityRecord | None
    names: dict[str, str]  # every entity's name by slug: identifiers in use, likely duplicates
    tags: dict[str, str]  # tag labels by code, by label


@dataclass(frozen=True)
class DeleteImpact:
    """What the delete question names: the entity, and what goes with it (count by kind)."""

    name: str
    goes: dict[str, int]


@dataclass(frozen=True)
class JournalEntry:
    """One line of the audit journal, as stored (codes, not labels)."""

    at: str  # "YYYY-MM-DD HH:MM"
    who: str
    action: str
    record_type: str
    record_key: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Journal:
    """Journal entries, newest first, with the names people know the records by."""

    entries: list[JournalEntry]
    names: dict[str, dict[str, str]]  # "entity", "fact", "source", "tags": key → name


def journal_name(explicit: str | None = None) -> str:
    """Who the journal names: ``explicit`` (the CLI's ``--who``), else the consultant from the
    settings, else the computer login — one rule for the window and the command line."""
    from desktop.app.consultant import read_consultant

    if explicit and explicit.strip():
        return explicit.strip()
    try:
        login = getpass.getuser()
    except Exception:  # no login name on some systems: the journal still needs a name
        login = ""
    return read_consultant().name or login or "unknown"


def entity_form(store: Store, *, slug: str | None) -> EntityForm:
    """The form's data for ``slug`` (None: a new entity); NotFoundError when it is gone."""
    with store.database.session() as session:
        record = editing.entity_record(session, slug) if slug else None
        names = {e.slug: e.name for e in session.exec(select(Entity))}
        tags = {t.code: t.label for t in session.exec(select(Tag).order_by(Tag.label))}
        return EntityForm(record, names, tags)


def save_entity(store: Store, *, record: EntityRecord, original_slug: str | None, who: str) -> str:
    """Create (``original_slug`` None) or update an entity; returns the slug to show."""
    with store.database.transaction() as session:
        editing.save_entity(
            session,
            record,
            original_slug=original_slug,
            who=who,
            batch=audit.new_batch(),
            today=date.today(),
        )
    return record.slug


def delete_impact(store: Store, *, slug: str) -> DeleteImpact:
    """The entity's name and what its delete takes with it, for the question before it."""
    with store.database.session() as session:
        goes = editing.delete_impact(session, slug)
        return DeleteImpact(editing.find_entity(session, slug).name, goes)


def delete_entity(store: Store, *, slug: str, who: str) -> DeletedEntity:
    """Delete an entity with its relations, figures and space; returns what its undo needs."""
    with store.database.transaction() as session:
        return editing.delete_entity(session, slug, who=who, batch=audit.new_batch())


def restore_entity(store: Store, *, deleted: DeletedEntity, who: str) -> str:
    """Put a deleted entity back with everything that went with it; returns its slug."""
    with store.database.transaction() as session:
        editing.restore_entity(
            session, deleted, who=who, batch=audit.new_batch(), today=date.today()
        )
    return deleted.record.slug


def verify(store: Store, *, record_type: str, key: str, who: str) -> None:
    """Mark an entity (``record_type`` "entity", by slug) or a figure ("fact") checked today."""
    with store.database.transaction() as session:
        verification.verify(
            session, record_type, key, who=who, on=date.today(), batch=audit.new_batch()
        )


def needs_checking(store: Store, *, max_age_months: int) -> list[CheckItem]:
    """Entities and figures not verified within ``max_age_months``, oldest first."""
    with store.database.session() as session:
        return verification.needs_checking(
            session, today=date.today(), max_age_months=max_age_months
        )


def journal(
    store: Store, *, record_key: str | None = None, containing: str | None = None
) -> Journal:
    """The journal (or one record's history, or the entries with words ``containing``), with
    the names people know the records by."""
    with store.database.session() as session:
        entries = audit.journal(session, record_key=record_key, containing=containing)
        return Journal(
            [_entry(e) for e in entries],
            {
                "entity": {e.slug: e.name for e in session.exec(select(Entity))},
                "fact": {f.key: f.label for f in session.exec(select(Fact))},
                "source": {s.key: s.title for s in session.exec(select(Source))},
                "tags": {t.code: t.label for t in session.exec(select(Tag))},
            },
        )


def _entry(entry: AuditEntry) -> JournalEntry:
    return JournalEntry(
        at=f"{entry.at:%Y-%m-%d %H:%M}",
        who=entry.who,
        action=entry.action,
        record_type=entry.record_type,
        record_key=entry.record_key,
        field=entry.field,
        old=entry.old_value,
        new=entry.new_value,
    )
