"""Changing figures, relations, space offers and contacts by hand, audited like entities.

Each save takes the complete record and returns the record as it was before (None for a new
one), which is exactly what an undo needs: saving the "before" again, or deleting the new one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import taxonomy, validation
from desktop.core.kb.models import Contact, Fact, Relation, Source, SpaceOffer
from desktop.core.upkeep.editing import _audit, _entity, now


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

    def problems(self, *, today: date) -> list[str]:
        found = [
            validation.slug(self.key),
            validation.required(self.label, "The label")
            or validation.one_line(self.label, "The label"),
            validation.required(self.unit, "The unit"),
            validation.as_of(self.as_of, today=today),
            None
            if self.qualifier in taxonomy.QUALIFIERS
            else f"Unknown qualifier {self.qualifier!r}.",
            None if self.source else "Every figure needs its source.",
        ]
        return [message for message in found if message]


@dataclass(frozen=True)
class RelationRecord:
    subject: str
    relation_type: str
    object: str
    note: str | None = None


@dataclass(frozen=True)
class SpaceRecord:
    site: str
    space_type: str
    availability: str = "unknown"
    since: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ContactRecord:
    person: str
    role: str | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    public: bool = False

    def problems(self) -> list[str]:
        return [m for m in (validation.phone(self.phone), validation.email(self.email)) if m]


# --- figures ----------------------------------------------------------------------------------


def fact_record(session: Session, key: str) -> FactRecord:
    fact = _fact(session, key)
    scope = session.get(_entity_model(), fact.scope_id) if fact.scope_id else None
    source = session.get(Source, fact.source_id) if fact.source_id else None
    return FactRecord(
        key=fact.key, label=fact.label, value=fact.value, unit=fact.unit, qualifier=fact.qualifier,
        period=fact.period, scope=scope.slug if scope else None, as_of=fact.as_of,
        source=source.key if source else None, quote=fact.quote,
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
    problems = record.problems(today=today)
    if problems:
        raise ValueError(" ".join(problems))
    source = session.exec(select(Source).where(Source.key == record.source)).first()
    if source is None:
        raise ValueError(f"Unknown source {record.source!r}.")
    scope_id = _entity(session, record.scope).id if record.scope else None
    before = fact_record(session, original_key) if original_key else None
    if (
        record.key != original_key
        and session.exec(select(Fact).where(Fact.key == record.key)).first()
    ):
        raise ValueError(f"The key {record.key!r} is already used by another figure.")
    fact = (
        _fact(session, original_key)
        if original_key
        else Fact(created_at=now(), updated_at=now(), key="", label="", value=0, unit="")
    )
    for name in ("key", "label", "value", "unit", "qualifier", "period", "as_of", "quote"):
        setattr(fact, name, getattr(record, name))
    fact.scope_id, fact.source_id, fact.updated_at = scope_id, source.id, now()
    session.add(fact)
    session.flush()
    _audit_changes(session, who, "fact", record.key, before, record, batch)
    return before


def delete_fact(session: Session, key: str, *, who: str, batch: str) -> FactRecord:
    before = fact_record(session, key)
    session.delete(_fact(session, key))
    session.flush()
    _audit(session, who, "delete", "fact", key, None, before.label, None, batch)
    return before


# --- relations, space, contacts -----------------------------------------------------------------


def add_relation(session: Session, record: RelationRecord, *, who: str, batch: str) -> None:
    taxonomy.require(taxonomy.RELATION_TYPES, record.relation_type, "relation type")
    subject, obj = _entity(session, record.subject), _entity(session, record.object)
    if subject.id == obj.id:
        raise ValueError("An entity cannot be related to itself.")
    session.add(
        Relation(
            subject_id=subject.id,
            relation_type=record.relation_type,
            object_id=obj.id,
            note=record.note,
        )
    )
    session.flush()
    _audit(
        session, who, "create", "relation", _relation_key(record), "note", None, record.note, batch
    )


def remove_relation(session: Session, record: RelationRecord, *, who: str, batch: str) -> None:
    subject, obj = _entity(session, record.subject), _entity(session, record.object)
    relation = session.exec(
        select(Relation).where(
            Relation.subject_id == subject.id,
            Relation.object_id == obj.id,
            Relation.relation_type == record.relation_type,
        )
    ).first()
    if relation is None:
        raise NotFoundError(f"no relation {_relation_key(record)}")
    session.delete(relation)
    session.flush()
    _audit(
        session,
        who,
        "delete",
        "relation",
        _relation_key(record),
        "note",
        relation.note,
        None,
        batch,
    )


def set_space(
    session: Session, record: SpaceRecord, *, who: str, batch: str, today: date
) -> SpaceRecord | None:
    """Add or replace the offer of one space type at a site; returns the previous one."""
    taxonomy.require(taxonomy.SPACE_TYPES, record.space_type, "space type")
    taxonomy.require(taxonomy.AVAILABILITY, record.availability, "availability")
    if problem := validation.as_of(record.since, today=date(today.year + 10, 12, 31)):
        raise ValueError(problem)
    site = _entity(session, record.site)
    offer = session.exec(
        select(SpaceOffer).where(
            SpaceOffer.site_id == site.id, SpaceOffer.space_type == record.space_type
        )
    ).first()
    before = (
        SpaceRecord(record.site, offer.space_type, offer.availability, offer.since, offer.note)
        if offer
        else None
    )
    offer = offer or SpaceOffer(site_id=site.id, space_type=record.space_type)
    offer.availability, offer.since, offer.note = record.availability, record.since, record.note
    session.add(offer)
    session.flush()
    _audit_changes(
        session, who, "space", f"{record.site}:{record.space_type}", before, record, batch
    )
    return before


def remove_space(
    session: Session, site: str, space_type: str, *, who: str, batch: str
) -> SpaceRecord:
    entity = _entity(session, site)
    offer = session.exec(
        select(SpaceOffer).where(
            SpaceOffer.site_id == entity.id, SpaceOffer.space_type == space_type
        )
    ).first()
    if offer is None:
        raise NotFoundError(f"{site} offers no {space_type}")
    before = SpaceRecord(site, space_type, offer.availability, offer.since, offer.note)
    session.delete(offer)
    session.flush()
    _audit(
        session,
        who,
        "delete",
        "space",
        f"{site}:{space_type}",
        None,
        offer.availability,
        None,
        batch,
    )
    return before


def save_contact(
    session: Session, record: ContactRecord, *, who: str, batch: str
) -> ContactRecord | None:
    """Set a person's contact details (and whether they may be shared); returns the previous."""
    problems = record.problems()
    if problems:
        raise ValueError(" ".join(problems))
    person = _entity(session, record.person)
    if person.kind != "person":
        raise ValueError("Contact details belong to a person entity.")
    contact = session.get(Contact, person.id)
    organisation = _entity(session, record.organisation) if record.organisation else None
    before = None
    if contact is not None:
        old_org = (
            session.get(_entity_model(), contact.organisation_id)
            if contact.organisation_id
            else None
        )
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
    _audit_changes(session, who, "contact", record.person, before, record, batch)
    return before


# --- internals ----------------------------------------------------------------------------------


def _fact(session: Session, key: str) -> Fact:
    fact = session.exec(select(Fact).where(Fact.key == key)).first()
    if fact is None:
        raise NotFoundError(f"no figure with key {key!r}")
    return fact


def _entity_model() -> Any:
    from desktop.core.kb.models import Entity

    return Entity


def _relation_key(record: RelationRecord) -> str:
    return f"{record.subject} {record.relation_type} {record.object}"


def _audit_changes(
    session: Session, who: str, record_type: str, key: str, before: Any, after: Any, batch: str
) -> None:
    old = asdict(before) if before is not None else {}
    action = "update" if before is not None else "create"
    for name, value in asdict(after).items():
        if old.get(name) != value:
            _audit(session, who, action, record_type, key, name, old.get(name), value, batch)
