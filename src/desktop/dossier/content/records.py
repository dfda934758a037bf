"""The included entities as the dossier prints them, read in a handful of queries.

``catalogue.entity_detail`` reads one entity in full for the detail pane: about a dozen queries
each, every source and every key figure of the knowledge base again for each entity, plus its
relations and contacts. A dossier of 40 entities paid that forty times over and printed neither
relations nor contacts. Here the summaries, figures, space offers and sources of all included
entities come in one query each, as the same ``EntityDetail`` records (without relations and
contacts, which no dossier prints).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlmodel import Session, col, select

from desktop.core.kb import catalogue
from desktop.core.kb.catalogue import EntityDetail, FactView, SourceRef, SpaceView
from desktop.core.kb.models import Entity, Source, SpaceOffer


def printed_details(
    session: Session, entity_ids: Collection[int], facts: list[FactView]
) -> dict[int, EntityDetail]:
    """Entity id → what a dossier prints of it; unknown ids are left out.

    ``facts`` are the knowledge base's key figures (``catalogue.list_facts``), read once for
    the cards and the key-figures table alike.
    """
    entities = list(session.exec(select(Entity).where(col(Entity.id).in_(list(entity_ids)))))
    if not entities:
        return {}
    ids = [entity.id for entity in entities]
    summaries = {s.slug: s for s in catalogue.summaries(session, [e.slug for e in entities])}
    by_scope: dict[str, list[FactView]] = defaultdict(list)
    for fact in facts:  # already in the catalogue's order (by id)
        if fact.scope_slug is not None:
            by_scope[fact.scope_slug].append(fact)
    space: dict[int, list[SpaceView]] = defaultdict(list)
    for offer in session.exec(
        select(SpaceOffer).where(col(SpaceOffer.site_id).in_(ids)).order_by(SpaceOffer.id)
    ):
        space[offer.site_id].append(catalogue.space_view(offer))
    sources = _sources(session, {e.source_id for e in entities if e.source_id is not None})
    return {
        entity.id: EntityDetail(  # type: ignore[misc]
            **summaries[entity.slug].__dict__,
            website=entity.website,
            founded_year=entity.founded_year,
            source=sources.get(entity.source_id),
            facts=by_scope[entity.slug],
            space=space[entity.id],  # type: ignore[index]
            texts=entity.texts,
        )
        for entity in entities
    }


def _sources(session: Session, ids: set[int]) -> dict[int | None, SourceRef]:
    """The sources named by ``ids``, as the catalogue describes a source."""
    if not ids:
        return {}
    chosen = select(Source).where(col(Source.id).in_(ids))
    return {source.id: catalogue.source_ref(source) for source in session.exec(chosen)}
