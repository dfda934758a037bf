"""Changing figures, relations, space offers and contacts by hand, audited like entities.

Each save takes the complete record and returns the record as it was before (None for a new
one), which is exactly what an undo needs: saving the "before" again, or deleting the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import taxonomy, validation
from desktop.core.kb.models import Contact, Entity, Fact, Relation, Source, SpaceOffer
from desktop.core.kb.refusals import RefusedError, refuse
from desktop.core.language.messages import message
from desktop.core.upkeep import audit
from desktop.core.upkeep.editing import find_entity, find_fact


@dataclass(frozen=True)
class FactRecord:
    key: str
    label: str
    value: float
    unit: str
    qualifier: str = "exact"
    period: str | None = None
    scope: str | None = None  # entity slug; None: the whole cluster
    as_of: str | None = None
    source: str | None = None  # source key
    quote: str | None = None
    texts: str | None = None  # label, unit and period in other languages (language.texts)

    def problems(self, *, today: date, language: str = "en") -> list[str]:
        """What is wrong with the figure, in ``language``."""
        label = message("The label").said(language)
        found = [
            validation.slug(self.key, language),
            validation.required(self.label, label, language)
            or validation.one_line(self.label, label, language=language),
            validation.required(self.unit, message("The unit").said(language), language),
            validation.as_of(self.as_of, today=today, language=language),
            None
            if self.qualifier in taxonomy.QUALIFIERS
            else message("Unknown qualifier {code!r}.", code=self.qualifier).said(language),
            None if self.source else message("Every figure needs its source.").said(language),
        ]
        return [problem for problem in found if problem]


@dataclass(frozen=True)
class RelationRecord:
    subject: str
    relation_type: str
    object: str
    note: str | None = None
    texts: str | None = None  # the note in other languages (language.texts)


@dataclass(frozen=True)
class SpaceRecord:
    site: str
    space_type: str
    availability: str = "unknown"
    since: str | None = None
    note: str | None = None
    texts: str | None = None  # the note in other languages (language.texts)


@dataclass(frozen=True)
class ContactRecord:
    person: str
    role: str | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    public: bool = False

    def problems(self, language: str = "en") -> list[str]:
        """What is wrong with the contact details, in ``language``."""
        found = (validation.phone(self.phone, language), validation.email(self.email, language))
        return [problem for problem in found if problem]


# --- figures ----------------------------------------------------------------------------------


def fact_record(session: Session, key: str) -> FactRecord:
    fact = find_fact(session, key)
    scope = session.get(Entity, fact.scope_id) if fact.scope_id else None
    source = session.get(Source, fact.source_id) if fact.source_id else None
    return FactRecord(
        key=fact.key, label=fact.label, value=fact.value, unit=fact.unit, qualifier=fact.qualifier,
        period=fact.period, scope=scope.slug if scope else None, as_of=fact.as_of,
        source=source.key if source else None, quote=fact.quote, texts=fact.texts,
    )  # fmt: skip


def save_fact(
    session: Session,
    record: FactRecord,
    *,
    original_key: str | None,
    who: str,
    batch: str,
    today: date,
) -> FactRecord | None:
    refuse(lambda language: record.problems(today=today, language=language))
    source = session.exec(select(Source).where(Source.key == record.source)).first()
    if source is None:
        raise RefusedError(message("Unknown source {key!r}.", key=record.source))
    scope_id = find_entity(session, record.scope).id if record.scope else None
    before = fact_record(session, original_key) if original_key else None
    if (
        record.key != original_key
        and session.exec(select(Fact).where(Fact.key == record.key)).first()
    ):
        raise RefusedError(
            message("The key {key!r} is already used by another figure.", key=record.key)
        )
    stamp = audit.now()
    fact = (
        find_fact(session, original_key)
        if original_key
        else Fact(created_at=stamp, updated_at=stamp, key="", label="", value=0, unit="")
    )
    for name in ("key", "label", "value", "unit", "qualifier", "period", "as_of", "quote", "texts"):
        setattr(fact, name, getattr(record, name))
    fact.scope_id, fact.source_id, fact.updated_at = scope_id, source.id, stamp
    session.add(fact)
    session.flush()
    audit.record_changes(
        session,
        who=who,
        record_type="fact",
        key=record.key,
        before=before,
        after=record,
        batch=batch,
    )
    return before


def delete_fact(session: Session, key: str, *, who: str, batch: str) -> FactRecord:
    before = fact_record(session, key)
    session.delete(find_fact(session, key))
    session.flush()
    audit.record(
        session,
        who=who,
        action="delete",
        record_type="fact",
        key=key,
        batch=batch,
        old=before.label,
    )
    return before


# --- relations, space, contacts -----------------------------------------------------------------


def add_relation(session: Session, record: RelationRecord, *, who: str, batch: str) -> None:
    taxonomy.require(taxonomy.RELATION_TYPES, record.relation_type, message("relation type"))
    subject, obj = find_entity(session, record.subject), find_entity(session, record.object)
    if subject.id == obj.id:
        raise RefusedError(message("An entity cannot be related to itself."))
    session.add(
        Relation(
            subject_id=subject.id,
            relation_type=record.relation_type,
            object_id=obj.id,
            note=record.note,
            texts=record.texts,
        )
    )
    session.flush()
    _journal_relation(session, record, "create", record.note, record.texts, who=who, batch=batch)


def remove_relation(session: Session, record: RelationRecord, *, who: str, batch: str) -> None:
    subject, obj = find_entity(session, record.subject), find_entity(session, record.object)
    relation = session.exec(
        select(Relation).where(
            Relation.subject_id == subject.id,
            Relation.object_id == obj.id,
            Relation.relation_type == record.relation_type,
        )
    ).first()
    if relation is None:
        raise NotFoundError("no relation {relation}", relation=_relation_key(record))
    session.delete(relation)
    session.flush()
    _journal_relation(
        session, record, "delete", relation.note, relation.texts, who=who, batch=batch
    )


def _journal_relation(
    session: Session,
    record: RelationRecord,
    action: str,
    note: str | None,
    texts: str | None,
    *,
    who: str,
    batch: str,
) -> None:
    """A relation added (the values are new) or removed (they are old): its note always, its
    texts only when it has some."""
    for field, value in (("note", note), ("texts", texts)):
        if value or field == "note":
            change = {"new": value} if action == "create" else {"old": value}
            audit.record(
                session,
                who=who,
                action=action,
                record_type="relation",
                key=_relation_key(record),
                batch=batch,
                field=field,
                **change,
            )


def set_space(
    session: Session, record: SpaceRecord, *, who: str, batch: str, today: date
) -> SpaceRecord | None:
    """Add or replace the offer of one space type at a site; returns the previous one."""
    taxonomy.require(taxonomy.SPACE_TYPES, record.space_type, message("space type"))
    taxonomy.require(taxonomy.AVAILABILITY, record.availability, message("availability"))
    latest = date(today.year + 10, 12, 31)
    refuse(lambda language: [validation.as_of(record.since, today=latest, language=language) or ""])
    site = find_entity(session, record.site)
    offer = session.exec(
        select(SpaceOffer).where(
            SpaceOffer.site_id == site.id, SpaceOffer.space_type == record.space_type
        )
    ).first()
    before = (
        SpaceRecord(
            record.site, offer.space_type, offer.availability, offer.since, offer.note, offer.texts
        )
        if offer
        else None
    )
    offer = offer or SpaceOffer(site_id=site.id, space_type=record.space_type)
    offer.availability, offer.since, offer.note = record.availability, record.since, record.note
    offer.texts = record.texts
    session.add(offer)
    session.flush()
    audit.record_changes(
        session,
        who=who,
        record_type="space",
        key=f"{record.site}:{record.space_type}",
        before=before,
        after=record,
        batch=batch,
    )
    return before


def remove_space(
    session: Session, site: str, space_type: str, *, who: str, batch: str
) -> SpaceRecord:
    entity = find_entity(session, site)
    offer = session.exec(
        select(SpaceOffer).where(
            SpaceOffer.site_id == entity.id, SpaceOffer.space_type == space_type
        )
    ).first()
    if offer is None:
        raise NotFoundError("{site} offers no {space_type}", site=site, space_type=space_type)
    before = SpaceRecord(site, space_type, offer.availability, offer.since, offer.note, offer.texts)
    session.delete(offer)
    session.flush()
    audit.record(
        session,
        who=who,
        action="delete",
        record_type="space",
        key=f"{site}:{space_type}",
        batch=batch,
        old=offer.availability,
    )
    return before


def save_contact(
    session: Session, record: ContactRecord, *, who: str, batch: str
) -> ContactRecord | None:
    """Set a person's contact details (and whether they may be shared); returns the previous."""
    refuse(record.problems)
    person = find_entity(session, record.person)
    if person.kind != "person":
        raise RefusedError(message("Contact details belong to a person entity."))
    contact = session.get(Contact, person.id)
    organisation = find_entity(session, record.organisation) if record.organisation else None
    before = None
    if contact is not None:
        old_org = session.get(Entity, contact.organisation_id) if contact.organisation_id else None
        before = ContactRecord(
            record.person,
            contact.role,
            old_org.slug if old_org else None,
            contact.phone,
            contact.email,
            contact.public,
        )
    contact = contact or Contact(entity_id=person.id)
    contact.role, contact.phone, contact.email, contact.public = (
        record.role,
        record.phone,
        record.email,
        record.public,
    )
    contact.organisation_id = organisation.id if organisation else None
    session.add(contact)
    session.flush()
    audit.record_changes(
        session,
        who=who,
        record_type="contact",
        key=record.person,
        before=before,
        after=record,
        batch=batch,
    )
    return before


# --- internals ----------------------------------------------------------------------------------


def _relation_key(record: RelationRecord) -> str:
    return f"{record.subject} {record.relation_type} {record.object}"
