"""Changing the knowledge base by hand: entities and figures, with an audit trail.

Every service records each changed field in the audit journal (who, when, old → new) under one
``batch`` per user action. Deleting returns a complete snapshot, and restoring a snapshot puts
the record back with its relations, figures, space and contact — which is what makes a delete
undoable in the window. Validation lives in :mod:`desktop.core.kb.validation`; services refuse
invalid records with ``ValueError`` (:class:`~desktop.core.kb.refusals.RefusedError`, said in
the reader's language) so nothing half-valid is ever stored. The journal entries
are written by :mod:`desktop.core.upkeep.audit`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from sqlmodel import Session, delete, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import taxonomy, validation
from desktop.core.kb.models import (
    Contact,
    Entity,
    EntitySector,
    EntityTag,
    Fact,
    Relation,
    Source,
    SpaceOffer,
    Tag,
)
from desktop.core.kb.refusals import RefusedError, refuse
from desktop.core.language.messages import message
from desktop.core.upkeep import audit


@dataclass(frozen=True)
class EntityRecord:
    """The editable fields of an entity, as the form shows them."""

    slug: str
    name: str
    kind: str
    short_name: str | None = None
    description: str = ""
    website: str | None = None
    location: str | None = None
    founded_year: int | None = None
    sectors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    texts: str | None = None  # description and location in other languages (language.texts)

    def problems(
        self, *, today: date, known_tags: set[str], language: str = "en"
    ) -> dict[str, str]:
        """Field name → what is wrong with it, in ``language``."""
        name = message("The name").said(language)
        found: dict[str, str | None] = {
            "slug": validation.slug(self.slug, language),
            "name": validation.required(self.name, name, language)
            or validation.one_line(self.name, name, language=language),
            "short_name": validation.one_line(
                self.short_name, message("The short name").said(language), language=language
            ),
            "location": validation.one_line(
                self.location, message("The location").said(language), language=language
            ),
            "description": validation.long_text(
                self.description, message("The description").said(language), language=language
            ),
            "website": validation.url(self.website, language),
            "founded_year": validation.year(
                str(self.founded_year or ""), today=today, language=language
            ),
        }
        if self.kind not in taxonomy.KINDS:
            found["kind"] = message("Unknown kind {kind!r}.", kind=self.kind).said(language)
        unknown = [code for code in self.sectors if code not in taxonomy.SECTORS]
        unknown += [code for code in self.tags if code not in known_tags]
        if unknown:
            found["sectors"] = message("Unknown code(s): {codes}.", codes=", ".join(unknown)).said(
                language
            )
        return {key: problem for key, problem in found.items() if problem}


@dataclass(frozen=True)
class DeletedEntity:
    """Everything a delete removed, enough to put it all back."""

    record: EntityRecord
    verified_on: date | None
    verified_by: str | None
    source_key: str | None
    relations: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    space: list[dict[str, Any]] = field(default_factory=list)
    contact: dict[str, Any] | None = None
    contacts_of: list[str] = field(default_factory=list)  # person slugs that pointed here
    texts: str | None = None  # the entity's texts in other languages


# --- entities ---------------------------------------------------------------------------------


def entity_record(session: Session, slug: str) -> EntityRecord:
    entity = find_entity(session, slug)
    return EntityRecord(
        slug=entity.slug,
        name=entity.name,
        kind=entity.kind,
        short_name=entity.short_name,
        description=entity.description,
        website=entity.website,
        location=entity.location,
        founded_year=entity.founded_year,
        sectors=tuple(_codes(session, EntitySector, entity.id, "sector_code")),
        tags=tuple(_codes(session, EntityTag, entity.id, "tag_code")),
        texts=entity.texts,
    )


def save_entity(
    session: Session,
    record: EntityRecord,
    *,
    original_slug: str | None,
    who: str,
    batch: str,
    today: date,
) -> None:
    """Create the entity (``original_slug`` None) or update it, field by field, audited."""
    known_tags = {tag.code for tag in session.exec(select(Tag))}
    refuse(
        lambda language: record.problems(
            today=today, known_tags=known_tags, language=language
        ).values()
    )
    if (
        record.slug != original_slug
        and session.exec(select(Entity).where(Entity.slug == record.slug)).first()
    ):
        raise RefusedError(
            message("The identifier {slug!r} is already used by another entity.", slug=record.slug)
        )
    stamp = audit.now()  # the journal's clock: an entry and its record agree
    if original_slug is None:
        entity = Entity(
            slug=record.slug, name=record.name, kind=record.kind, created_at=stamp, updated_at=stamp
        )
        before = {f.name: None for f in fields(EntityRecord)}
        action = "create"
    else:
        entity = find_entity(session, original_slug)
        before = asdict(entity_record(session, original_slug))
        action = "update"
    after = asdict(record)
    for name in (
        "slug",
        "name",
        "kind",
        "short_name",
        "description",
        "website",
        "location",
        "founded_year",
        "texts",
    ):
        value = after[name]
        setattr(entity, name, value.strip() if isinstance(value, str) else value)
    entity.short_name = entity.short_name or None
    entity.website = entity.website or None
    entity.location = entity.location or None
    entity.texts = entity.texts or None
    entity.updated_at = stamp
    session.add(entity)
    session.flush()
    _replace_links(session, EntitySector, entity.id, "sector_code", record.sectors)
    _replace_links(session, EntityTag, entity.id, "tag_code", record.tags)
    for name, new in after.items():
        old = before.get(name)
        if audit.text(old) != audit.text(new):
            audit.record(
                session,
                who=who,
                action=action,
                record_type="entity",
                key=record.slug,
                batch=batch,
                field=name,
                old=old,
                new=new,
            )
    session.flush()


def delete_impact(session: Session, slug: str) -> dict[str, int]:
    """What else goes when ``slug`` is deleted, for the confirmation question."""
    entity = find_entity(session, slug)
    return {
        "relations": len(
            session.exec(
                select(Relation).where(
                    (Relation.subject_id == entity.id) | (Relation.object_id == entity.id)
                )
            ).all()
        ),
        "figures": len(session.exec(select(Fact).where(Fact.scope_id == entity.id)).all()),
        "space offers": len(
            session.exec(select(SpaceOffer).where(SpaceOffer.site_id == entity.id)).all()
        ),
    }


def delete_entity(session: Session, slug: str, *, who: str, batch: str) -> DeletedEntity:
    entity = find_entity(session, slug)
    slugs = {e.id: e.slug for e in session.exec(select(Entity))}
    sources = {s.id: s.key for s in session.exec(select(Source))}
    relations = [
        {
            "subject": slugs[r.subject_id],
            "relation_type": r.relation_type,
            "object": slugs[r.object_id],
            "note": r.note,
            "source": sources.get(r.source_id),
            "texts": r.texts,
        }
        for r in session.exec(
            select(Relation).where(
                (Relation.subject_id == entity.id) | (Relation.object_id == entity.id)
            )
        )
    ]
    facts = [
        {k: v for k, v in f.model_dump().items() if k not in ("id", "scope_id", "source_id")}
        | {"source": sources.get(f.source_id)}
        for f in session.exec(select(Fact).where(Fact.scope_id == entity.id))
    ]
    space = [
        {k: v for k, v in s.model_dump().items() if k not in ("id", "site_id", "source_id")}
        | {"source": sources.get(s.source_id)}
        for s in session.exec(select(SpaceOffer).where(SpaceOffer.site_id == entity.id))
    ]
    contact = session.get(Contact, entity.id)
    deleted = DeletedEntity(
        record=entity_record(session, slug),
        verified_on=entity.verified_on,
        verified_by=entity.verified_by,
        source_key=sources.get(entity.source_id),
        relations=relations,
        facts=facts,
        space=space,
        contact=(
            {
                **contact.model_dump(exclude={"entity_id", "organisation_id"}),
                "organisation": slugs.get(contact.organisation_id),
            }
            if contact
            else None
        ),
        contacts_of=[
            slugs[c.entity_id]
            for c in session.exec(select(Contact).where(Contact.organisation_id == entity.id))
        ],
        texts=entity.texts,
    )
    session.delete(entity)
    session.flush()
    audit.record(
        session,
        who=who,
        action="delete",
        record_type="entity",
        key=slug,
        batch=batch,
        old=entity.name,
    )
    return deleted


def restore_entity(
    session: Session, deleted: DeletedEntity, *, who: str, batch: str, today: date
) -> None:
    """Put a deleted entity back with everything that went with it (undo of a delete)."""
    save_entity(session, deleted.record, original_slug=None, who=who, batch=batch, today=today)
    entity = find_entity(session, deleted.record.slug)
    entity.verified_on, entity.verified_by = deleted.verified_on, deleted.verified_by
    sources = {s.key: s.id for s in session.exec(select(Source))}
    entity.source_id = sources.get(deleted.source_key or "")
    entity.texts = deleted.texts
    session.add(entity)
    ids = {e.slug: e.id for e in session.exec(select(Entity))}
    for relation in deleted.relations:
        if relation["subject"] in ids and relation["object"] in ids:
            session.add(
                Relation(
                    subject_id=ids[relation["subject"]],
                    relation_type=relation["relation_type"],
                    object_id=ids[relation["object"]],
                    note=relation["note"],
                    source_id=sources.get(relation["source"] or ""),
                    texts=relation.get("texts"),
                )
            )
    for fact in deleted.facts:
        data = {k: v for k, v in fact.items() if k != "source"}
        session.add(Fact(**data, scope_id=entity.id, source_id=sources.get(fact["source"] or "")))
    for offer in deleted.space:
        data = {k: v for k, v in offer.items() if k != "source"}
        session.add(
            SpaceOffer(**data, site_id=entity.id, source_id=sources.get(offer["source"] or ""))
        )
    if deleted.contact is not None:
        data = {k: v for k, v in deleted.contact.items() if k != "organisation"}
        session.add(
            Contact(
                **data,
                entity_id=entity.id,
                organisation_id=ids.get(deleted.contact["organisation"] or ""),
            )
        )
    for person in deleted.contacts_of:
        contact = session.get(Contact, ids.get(person))
        if contact is not None:
            contact.organisation_id = entity.id
            session.add(contact)
    session.flush()
    audit.record(
        session,
        who=who,
        action="restore",
        record_type="entity",
        key=entity.slug,
        batch=batch,
        new=entity.name,
    )


# --- finding records ---------------------------------------------------------------------------


def find_entity(session: Session, slug: str) -> Entity:
    """The entity ``slug`` names; NotFoundError (a sentence for the window) when it is gone."""
    entity = session.exec(select(Entity).where(Entity.slug == slug)).first()
    if entity is None:
        raise NotFoundError("no entity with slug {slug!r}", slug=slug)
    return entity


def find_fact(session: Session, key: str) -> Fact:
    """The figure ``key`` names; NotFoundError when it is gone."""
    fact = session.exec(select(Fact).where(Fact.key == key)).first()
    if fact is None:
        raise NotFoundError("no figure with key {key!r}", key=key)
    return fact


# --- internals ---------------------------------------------------------------------------------


def _codes(session: Session, model: type, entity_id: int | None, column: str) -> list[str]:
    return sorted(
        getattr(row, column)
        for row in session.exec(select(model).where(model.entity_id == entity_id))
    )  # type: ignore[attr-defined]


def _replace_links(
    session: Session, model: type, entity_id: int | None, column: str, codes: tuple[str, ...]
) -> None:
    current = set(_codes(session, model, entity_id, column))
    wanted = set(codes)
    if current == wanted:
        return
    session.exec(delete(model).where(model.entity_id == entity_id))  # type: ignore[attr-defined]
    for code in sorted(wanted):
        session.add(model(entity_id=entity_id, **{column: code}))
    session.flush()
