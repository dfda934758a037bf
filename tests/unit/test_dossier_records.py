"""The dossier reads its entities in a handful of queries, and reads them as the catalogue does."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import select

from desktop.core.kb import catalogue
from desktop.core.kb.models import Entity
from desktop.core.storage.database import Database
from desktop.dossier.content.records import printed_details


def test_printed_details_are_the_catalogues_without_relations_and_contacts(
    database: Database,
) -> None:
    """For every entity of the knowledge base: the same summary, source, figures (in order),
    space offers and texts as ``catalogue.entity_detail`` — only what no dossier prints is
    left out."""
    with database.session() as session:
        entities = list(session.exec(select(Entity)))
        facts = catalogue.list_facts(session)
        printed = printed_details(session, [e.id for e in entities], facts)
        assert set(printed) == {e.id for e in entities}
        with_facts = with_space = with_source = 0
        for entity in entities:
            full = catalogue.entity_detail(session, entity.slug)
            expected = replace(full, relations=[], contact=None, contacts=[])
            assert printed[entity.id] == expected, entity.slug
            with_facts += bool(full.facts)
            with_space += bool(full.space)
            with_source += full.source is not None
    assert with_facts and with_space and with_source  # the comparison covered each part


def test_unknown_ids_are_left_out(database: Database) -> None:
    with database.session() as session:
        assert printed_details(session, [10**9], []) == {}
