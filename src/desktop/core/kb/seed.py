"""Build the knowledge base from the reviewable TOML files in ``db/seed/``.

The files are read and cross-checked first (:mod:`desktop.core.kb.seed_reader`); then rows are
inserted in file order, into the caller's transaction, with a fixed timestamp from
``manifest.toml`` so two builds from the same files are identical. The caller (building a new
database, :mod:`desktop.core.storage.database`) owns the transaction and wraps the load in the
storage backend's bulk-load suspension, so the search index is built once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from desktop.core.kb import models, taxonomy
from desktop.core.kb.seed_reader import SeedData, read_seed

__all__ = ["SeedData", "SeedSummary", "load_seed", "read_seed"]


@dataclass(frozen=True)
class SeedSummary:
    entities: int
    relations: int
    facts: int


def load_seed(connection: Connection, *, seed_dir: Path | None = None) -> SeedSummary:
    """Insert the seed into an empty schema, inside the caller's transaction.

    The files are read and checked before the first row is written, so an inconsistent seed
    leaves the transaction untouched.
    """
    data = read_seed(seed_dir)
    stamp = datetime.combine(data.seed_date, time(), tzinfo=UTC)
    connection.execute(insert(models.Sector), taxonomy.sector_rows())
    connection.execute(insert(models.Tag), data.tags)
    source_ids = _insert_sources(connection, data.sources)
    entity_ids = _insert_entities(connection, data.entities, source_ids, stamp)
    _insert_entity_details(connection, data.entities, entity_ids, source_ids)
    _insert_relations(connection, data.relations, entity_ids, source_ids)
    _insert_facts(connection, data.facts, entity_ids, source_ids, stamp)
    return SeedSummary(len(data.entities), len(data.relations), len(data.facts))


# --- inserting -----------------------------------------------------------------------------


def _insert_sources(connection: Any, sources: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for source in sources:
        result = connection.execute(
            insert(models.Source).values(
                key=source["key"],
                title=source["title"],
                publisher=source.get("publisher"),
                published=source.get("published"),
                accessed_on=source.get("accessed"),
                url=source.get("url"),
                file_name=source.get("file"),
            )
        )
        ids[source["key"]] = result.inserted_primary_key[0]
    return ids


def _insert_entities(
    connection: Any,
    entities: list[dict[str, Any]],
    source_ids: dict[str, int],
    stamp: datetime,
) -> dict[str, int]:
    ids: dict[str, int] = {}
    for entity in entities:
        result = connection.execute(
            insert(models.Entity).values(
                slug=entity["slug"],
                name=entity["name"],
                short_name=entity.get("short_name"),
                kind=entity["kind"],
                description=entity["description"].strip(),
                website=entity.get("website"),
                location=entity.get("location"),
                founded_year=entity.get("founded"),
                source_id=source_ids[entity["source"]],
                texts=entity.get("texts"),
                created_at=stamp,
                updated_at=stamp,
            )
        )
        ids[entity["slug"]] = result.inserted_primary_key[0]
    return ids


def _insert_entity_details(
    connection: Any,
    entities: list[dict[str, Any]],
    entity_ids: dict[str, int],
    source_ids: dict[str, int],
) -> None:
    sectors, tags, spaces, contacts = [], [], [], []
    for entity in entities:
        entity_id = entity_ids[entity["slug"]]
        sectors += [{"entity_id": entity_id, "sector_code": code} for code in entity["sectors"]]
        tags += [{"entity_id": entity_id, "tag_code": code} for code in entity.get("tags", [])]
        spaces += [
            {
                "site_id": entity_id,
                "space_type": space["type"],
                "availability": space["availability"],
                "since": space.get("since"),
                "note": space.get("note"),
                "source_id": source_ids[entity["source"]],
                "texts": space.get("texts"),
            }
            for space in entity.get("space", [])
        ]
        if "contact" in entity:
            contact = entity["contact"]
            organisation = contact.get("organisation")
            contacts.append(
                {
                    "entity_id": entity_id,
                    "role": contact.get("role"),
                    "organisation_id": entity_ids[organisation] if organisation else None,
                    "phone": contact.get("phone") or None,
                    "email": contact.get("email") or None,
                    "public": contact["public"],
                }
            )
    for model, rows in (
        (models.EntitySector, sectors),
        (models.EntityTag, tags),
        (models.SpaceOffer, spaces),
        (models.Contact, contacts),
    ):
        if rows:
            connection.execute(insert(model), rows)


def _insert_relations(
    connection: Any,
    relations: list[dict[str, Any]],
    entity_ids: dict[str, int],
    source_ids: dict[str, int],
) -> None:
    rows = [
        {
            "subject_id": entity_ids[relation["from"]],
            "relation_type": relation["type"],
            "object_id": entity_ids[relation["to"]],
            "note": relation.get("note"),
            "source_id": source_ids[relation["source"]],
            "texts": relation.get("texts"),
        }
        for relation in relations
    ]
    if rows:
        connection.execute(insert(models.Relation), rows)


def _insert_facts(
    connection: Any,
    facts: list[dict[str, Any]],
    entity_ids: dict[str, int],
    source_ids: dict[str, int],
    stamp: datetime,
) -> None:
    rows = [
        {
            "key": fact["key"],
            "label": fact["label"],
            "value": float(fact["value"]),
            "qualifier": fact["qualifier"],
            "unit": fact["unit"],
            "period": fact.get("period") or None,
            "scope_id": entity_ids[fact["scope"]] if fact.get("scope") else None,
            "as_of": fact.get("as_of") or None,
            "source_id": source_ids[fact["source"]],
            "quote": fact.get("quote"),
            "comparable": fact.get("comparable") or None,
            "topics": " ".join(fact.get("topics", [])) or None,
            "texts": fact.get("texts"),
            "created_at": stamp,
            "updated_at": stamp,
        }
        for fact in facts
    ]
    if rows:
        connection.execute(insert(models.Fact), rows)
