"""Read services over the knowledge base: lists, one entity in full, key figures, sectors.

They return plain dataclasses (no ORM objects, no Qt) so the CLI can print them as JSON, the
window can hand them across threads, and the dossier can render them without a session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop.core.errors import NotFoundError
from desktop.core.kb import taxonomy
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
from desktop.core.kb.values import format_figure
from desktop.core.language.catalogues import word
from desktop.core.language.messages import message


@dataclass(frozen=True)
class SourceRef:
    key: str
    title: str
    publisher: str | None
    published: str | None
    accessed_on: str | None


@dataclass(frozen=True)
class EntitySummary:
    slug: str
    name: str
    short_name: str | None
    kind: str
    sectors: list[str]
    tags: list[str]
    location: str | None
    verified_on: str | None
    description: str


@dataclass(frozen=True)
class RelationView:
    relation_type: str
    label: str  # read in the direction shown: "spin-off of", or "has spin-off" for incoming
    direction: str  # "out" or "in"
    slug: str
    name: str
    note: str | None
    texts: str | None = None  # the note in other languages (core/language/texts.py)

    def label_in(self, language: str) -> str:
        """The relation read in the direction shown, in ``language`` (a type the vocabulary
        lacks keeps its stored label)."""
        if self.relation_type not in taxonomy.RELATION_TYPES:
            return self.label
        if self.direction == "in":
            return taxonomy.inverse_label(self.relation_type, language)
        return taxonomy.RELATION_TYPES[self.relation_type].label(language)


@dataclass(frozen=True)
class FactView:
    fact_id: int
    key: str
    label: str
    value: float
    qualifier: str
    unit: str
    period: str | None
    text: str  # "more than 1,500 companies"
    scope_slug: str | None
    scope_name: str | None
    as_of: str | None
    source: SourceRef | None
    quote: str | None
    comparable: str | None
    verified_on: str | None
    topics: tuple[str, ...] = ()
    texts: str | None = None  # label, unit, period in other languages (core/language/texts.py)


@dataclass(frozen=True)
class SpaceView:
    space_type: str
    label: str
    availability: str
    since: str | None
    note: str | None
    texts: str | None = None  # the note in other languages (core/language/texts.py)


@dataclass(frozen=True)
class ContactView:
    role: str | None
    organisation_slug: str | None
    organisation_name: str | None
    phone: str | None
    email: str | None
    public: bool


@dataclass(frozen=True)
class PersonContact:
    """A person listed on an organisation's page."""

    slug: str
    name: str
    contact: ContactView


@dataclass(frozen=True)
class EntityDetail(EntitySummary):
    website: str | None = None
    founded_year: int | None = None
    source: SourceRef | None = None
    relations: list[RelationView] = field(default_factory=list)
    facts: list[FactView] = field(default_factory=list)
    space: list[SpaceView] = field(default_factory=list)
    contact: ContactView | None = None
    contacts: list[PersonContact] = field(default_factory=list)  # persons of an organisation
    texts: str | None = None  # the description in other languages (core/language/texts.py)
    # read in another language: its own fields whose text there is older than their English
    outdated: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectorCount:
    code: str
    label_en: str
    labels: dict[str, str]  # language → label
    entities: int


def list_entities(
    session: Session, *, kind: str | None = None, sector: str | None = None
) -> list[EntitySummary]:
    """Entities by name, optionally of one kind and/or sector."""
    statement = select(Entity).order_by(func.lower(Entity.name), Entity.id)
    if kind:
        taxonomy.require(taxonomy.KINDS, kind, message("kind"))
        statement = statement.where(Entity.kind == kind)
    if sector:
        taxonomy.require(taxonomy.SECTORS, sector, message("sector"))
        statement = statement.where(
            col(Entity.id).in_(
                select(EntitySector.entity_id).where(EntitySector.sector_code == sector)
            )
        )
    entities = list(session.exec(statement))
    return _summaries(session, entities)


def summaries(session: Session, slugs: Sequence[str]) -> list[EntitySummary]:
    """Summaries for ``slugs`` in the order given (e.g. search rank); unknown slugs are skipped."""
    found = {
        entity.slug: entity
        for entity in session.exec(select(Entity).where(col(Entity.slug).in_(list(slugs))))
    }
    return _summaries(session, [found[slug] for slug in slugs if slug in found])


def entity_detail(session: Session, slug: str) -> EntityDetail:
    """Everything known about one entity; raises :class:`NotFoundError` for an unknown slug."""
    entity = session.exec(select(Entity).where(Entity.slug == slug)).first()
    if entity is None:
        raise NotFoundError(
            "no entity with slug {slug!r}; try `dossier-desk search {slug}`", slug=slug
        )
    summary = _summaries(session, [entity])[0]
    sources = _sources(session)
    return EntityDetail(
        **summary.__dict__,
        website=entity.website,
        founded_year=entity.founded_year,
        source=sources.get(entity.source_id),
        relations=_relations(session, entity),
        facts=list_facts(session, scope_id=entity.id),
        space=[
            space_view(offer)
            for offer in session.exec(
                select(SpaceOffer).where(SpaceOffer.site_id == entity.id).order_by(SpaceOffer.id)
            )
        ],
        contact=_contact(session, entity),
        contacts=[
            PersonContact(person.slug, person.name, _contact(session, person))  # type: ignore[arg-type]
            for person in session.exec(
                select(Entity)
                .join(Contact, col(Contact.entity_id) == col(Entity.id))
                .where(Contact.organisation_id == entity.id)
                .order_by(Entity.name)
            )
        ],
        texts=entity.texts,
    )


def list_facts(session: Session, *, scope_id: int | None = None) -> list[FactView]:
    """Key figures with unit, as-of and source; all of them, or those about one entity."""
    statement = select(Fact).order_by(Fact.id)
    if scope_id is not None:
        statement = statement.where(Fact.scope_id == scope_id)
    facts = list(session.exec(statement))
    sources = _sources(session)
    scope_ids = {fact.scope_id for fact in facts if fact.scope_id}
    scopes = {
        entity.id: entity
        for entity in session.exec(select(Entity).where(col(Entity.id).in_(scope_ids)))
    }
    return [
        FactView(
            fact_id=fact.id,  # type: ignore[arg-type]
            key=fact.key,
            label=fact.label,
            value=fact.value,
            qualifier=fact.qualifier,
            unit=fact.unit,
            period=fact.period,
            text=format_figure(fact.value, fact.qualifier, fact.unit, fact.period),
            scope_slug=scopes[fact.scope_id].slug if fact.scope_id else None,
            scope_name=scopes[fact.scope_id].name if fact.scope_id else None,
            as_of=fact.as_of,
            source=sources.get(fact.source_id),
            quote=fact.quote,
            comparable=fact.comparable,
            verified_on=iso_date(fact.verified_on),
            topics=tuple((fact.topics or "").split()),
            texts=fact.texts,
        )
        for fact in facts
    ]


def sector_counts(session: Session) -> list[SectorCount]:
    """Every sector of the taxonomy with how many entities carry it (zero included)."""
    counts = dict(
        session.exec(
            select(EntitySector.sector_code, func.count()).group_by(EntitySector.sector_code)
        ).all()
    )
    return [
        SectorCount(term.code, term.en, term.labels(), counts.get(term.code, 0))
        for term in taxonomy.SECTORS.values()
    ]


def kind_counts(session: Session) -> dict[str, int]:
    return dict(session.exec(select(Entity.kind, func.count()).group_by(Entity.kind)).all())


def tag_labels(session: Session, language: str = "en") -> dict[str, str]:
    """Every tag's label; in another language the catalogue's, where it has one (the seeded
    tags), else the tag's own."""
    return {
        tag.code: word("tag", tag.code, language, tag.label)
        for tag in session.exec(select(Tag).order_by(Tag.code))
    }


# --- internals -----------------------------------------------------------------------------


def _summaries(session: Session, entities: list[Entity]) -> list[EntitySummary]:
    ids = [entity.id for entity in entities]
    sectors: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    if ids:
        order = {code: i for i, code in enumerate(taxonomy.SECTORS)}
        for link in session.exec(select(EntitySector).where(col(EntitySector.entity_id).in_(ids))):
            sectors[link.entity_id].append(link.sector_code)
        for link in session.exec(
            select(EntityTag).where(col(EntityTag.entity_id).in_(ids)).order_by(EntityTag.tag_code)
        ):
            tags[link.entity_id].append(link.tag_code)
        for codes in sectors.values():
            codes.sort(key=lambda code: order.get(code, len(order)))
    return [
        EntitySummary(
            slug=entity.slug,
            name=entity.name,
            short_name=entity.short_name,
            kind=entity.kind,
            sectors=sectors[entity.id],
            tags=tags[entity.id],
            location=entity.location,
            verified_on=iso_date(entity.verified_on),
            description=entity.description,
        )
        for entity in entities
    ]


def _relations(session: Session, entity: Entity) -> list[RelationView]:
    outgoing = session.exec(
        select(Relation, Entity)
        .join(Entity, col(Entity.id) == col(Relation.object_id))
        .where(Relation.subject_id == entity.id)
        .order_by(Relation.id)
    ).all()
    incoming = session.exec(
        select(Relation, Entity)
        .join(Entity, col(Entity.id) == col(Relation.subject_id))
        .where(Relation.object_id == entity.id)
        .order_by(Relation.id)
    ).all()
    views = [
        RelationView(
            relation.relation_type,
            taxonomy.RELATION_TYPES[relation.relation_type].en,
            "out",
            other.slug,
            other.name,
            relation.note,
            relation.texts,
        )
        for relation, other in outgoing
    ]
    views += [
        RelationView(
            relation.relation_type,
            taxonomy.inverse_label(relation.relation_type),
            "in",
            other.slug,
            other.name,
            relation.note,
            relation.texts,
        )
        for relation, other in incoming
    ]
    return views


def _contact(session: Session, entity: Entity) -> ContactView | None:
    contact = session.get(Contact, entity.id)
    if contact is None:
        return None
    organisation = session.get(Entity, contact.organisation_id) if contact.organisation_id else None
    return ContactView(
        role=contact.role,
        organisation_slug=organisation.slug if organisation else None,
        organisation_name=organisation.name if organisation else None,
        phone=contact.phone,
        email=contact.email,
        public=contact.public,
    )


def space_view(offer: SpaceOffer) -> SpaceView:
    """A space offer as the detail pane and the dossier show it."""
    return SpaceView(
        space_type=offer.space_type,
        label=taxonomy.SPACE_TYPES[offer.space_type].en,
        availability=offer.availability,
        since=offer.since,
        note=offer.note,
        texts=offer.texts,
    )


def source_ref(source: Source) -> SourceRef:
    """A source as the detail pane and the dossier cite it."""
    return SourceRef(
        key=source.key,
        title=source.title,
        publisher=source.publisher,
        published=source.published,
        accessed_on=iso_date(source.accessed_on),
    )


def _sources(session: Session) -> dict[int | None, SourceRef]:
    return {source.id: source_ref(source) for source in session.exec(select(Source))}


def iso_date(value: date | str | None) -> str | None:
    """A stored date as the catalogue gives it: ISO, or the text a hand-edited file left."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
