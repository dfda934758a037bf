"""The knowledge base as import and export see it: records in import-field terms, by key.

An entity is read back as ``{"slug", "name", "sectors": ("medtech",), "source": "…"}`` — the
same shape a file row is parsed into — so the dry run can diff a row against the database field
by field, the apply step can check nothing moved since the preview, and the exporter writes
exactly what the importer reads. All SQL is portable SQLAlchemy Core.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.orm import aliased

from desktop.core.kb.identity import new_gids
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

# Dependency order: a record may refer to records of the types before it.
RECORD_TYPE_ORDER = ("sources", "tags", "entities", "relations", "spaces", "facts", "contacts")
CHUNK = 500  # keys per IN (…): well below every backend's parameter limit
Record = dict[str, Any]


def record_key(record_type: str, values: Record) -> str:
    """The key a record is found by: a slug, a fact key, or the parts of a relation/space."""
    if record_type == "relations":
        return f"{values['from']} {values['type']} {values['to']}"
    if record_type == "spaces":
        return f"{values['site']} {values['type']}"
    field = {"sources": "key", "tags": "code", "facts": "key", "contacts": "person"}
    return str(values[field.get(record_type, "slug")])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk step.

    A 100,000-row plan holds a few hundred thousand small objects, none of them in cycles;
    the collector would walk them over and over as they are created (a third of the dry run).
    Reference counting still frees everything; the pause lasts only the step.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def as_connection(connection_or_session: Any) -> Connection:
    """The Core connection of a Session (the services' currency), or the connection itself."""
    from sqlalchemy.orm import Session

    if isinstance(connection_or_session, Session):
        return connection_or_session.connection()
    return connection_or_session


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_records(
    connection: Connection, record_type: str, keys: Collection[str] | None = None
) -> dict[str, Record]:
    """Records of ``record_type`` by key (all of them when ``keys`` is None), in id order.

    Each carries its database id as ``_id``; contacts also ``_kind`` (the person entity's kind)
    and ``_contact`` (whether a contact row exists), because a contact row may add details to
    an existing person.
    """
    loader = _LOADERS[record_type]
    found: dict[str, Record] = {}
    if keys is None or record_type in ("relations", "spaces"):  # these: few, several columns
        wanted = None if keys is None else set(keys)
        for record in loader(connection, None):
            key = record_key(record_type, record)
            if wanted is None or key in wanted:
                found.setdefault(key, record)
        return found
    wanted = sorted(set(keys))
    if len(wanted) > CHUNK * 10 and record_type in _KEY_COLUMNS:
        # Many keys (a bulk import): one scan of the key column finds the few that exist
        # faster than hundreds of IN (…) queries that mostly find nothing.
        present = set(connection.execute(select(_KEY_COLUMNS[record_type])).scalars())
        wanted = [key for key in wanted if key in present]
    for part in chunks(wanted):
        for record in loader(connection, part):
            found.setdefault(record_key(record_type, record), record)
    return found


_KEY_COLUMNS = {
    "sources": Source.key,
    "tags": Tag.code,
    "entities": Entity.slug,
    "facts": Fact.key,
    "contacts": Entity.slug,
}


def list_records(connection: Connection, record_type: str) -> list[Record]:
    """Every record of ``record_type`` in id order (duplicates of a key included)."""
    return _LOADERS[record_type](connection, None)


def entity_ids(connection: Connection, slugs: Collection[str]) -> dict[str, int]:
    return _pairs(connection, Entity.slug, Entity.id, Entity.slug, slugs)


def entity_kinds(connection: Connection, slugs: Collection[str]) -> dict[str, str]:
    return _pairs(connection, Entity.slug, Entity.kind, Entity.slug, slugs)


def _pairs(connection: Connection, key: Any, value: Any, by: Any, wanted: Iterable[Any]) -> dict:
    """{key: value} for rows whose ``by`` is in ``wanted``, asked in chunks."""
    found: dict[Any, Any] = {}
    wanted = set(wanted)
    if len(wanted) > CHUNK * 10 and key is by:  # many: one scan beats hundreds of IN (…)
        rows = connection.execute(select(key, value)).all()
        return {k: v for k, v in rows if k in wanted}
    for part in chunks(sorted(wanted)):
        found.update(connection.execute(select(key, value).where(by.in_(part))).all())
    return found


def source_ids(connection: Connection) -> dict[str, int]:
    return dict(connection.execute(select(Source.key, Source.id)).all())


def tag_codes(connection: Connection) -> set[str]:
    return set(connection.execute(select(Tag.code)).scalars())


def insert_many(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """``executemany`` of ``rows`` (tuples in ``columns`` order), converting values once.

    SQLAlchemy's own executemany converts every value of every row through the column types;
    at 100,000 rows that is half the import. Here each distinct value of a typed column (the
    shared timestamp, a date) is converted once, and the statement is SQLAlchemy's, compiled
    for the connection's dialect, so the SQL stays portable.
    """
    if "gid" in table.c and "gid" not in columns:  # a new shared record: a fresh global id
        rows = list(rows)
        columns = (*columns, "gid")
        rows = [(*values, gid) for values, gid in zip(rows, new_gids(len(rows)), strict=True)]
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    converters = []
    for position, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            converters.append((position, processor, {None: None}))
    params: list[Any] = list(rows)
    if not params:
        return
    if converters:  # column by column: transposing is C-fast, each distinct value once
        data = list(zip(*params, strict=True))
        for position, processor, cache in converters:
            for value in set(data[position]) - cache.keys():
                cache[value] = processor(value)
            data[position] = tuple(map(cache.__getitem__, data[position]))
        params = list(zip(*data, strict=True))
    if compiled.positional:
        order = [list(columns).index(name) for name in compiled.positiontup or ()]
        if order != list(range(len(columns))):
            pick = itemgetter(*order)
            params = [pick(values) for values in params]
    else:
        params = [dict(zip(columns, values, strict=True)) for values in params]
    connection.exec_driver_sql(str(compiled), params)


# --- loaders: (connection, keys or None for all) -> {key: record} ---------------------------


def _slugs_by_id(connection: Connection, ids: Iterable[int | None]) -> dict[int, str]:
    return _pairs(connection, Entity.id, Entity.slug, Entity.id, (i for i in ids if i is not None))


def _source_keys(connection: Connection) -> dict[int, str]:
    return dict(connection.execute(select(Source.id, Source.key)).all())


def _codes(connection: Connection, link: Any, column: Any, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = select(link.entity_id, column).order_by(link.entity_id, column)
    parts = [None] if len(ids) > CHUNK * 4 else list(chunks(ids))  # many: one full scan
    for part in parts:
        statement = query if part is None else query.where(link.entity_id.in_(part))
        for entity_id, code in connection.execute(statement):
            found.setdefault(entity_id, []).append(code)
    return found


def _entities(connection: Connection, keys: Sequence[str] | None) -> list[Record]:
    statement = select(Entity).order_by(Entity.id)
    if keys is not None:
        statement = statement.where(Entity.slug.in_(keys))
    rows = connection.execute(statement).mappings().all()
    ids = [row["id"] for row in rows]
    sectors = _codes(connection, EntitySector, EntitySector.sector_code, ids)
    tags = _codes(connection, EntityTag, EntityTag.tag_code, ids)
    sources = _source_keys(connection)
    return [
        {
            "slug": row["slug"],
            "name": row["name"],
            "short_name": row["short_name"],
            "kind": row["kind"],
            "sectors": tuple(sectors.get(row["id"], ())),
            "tags": tuple(tags.get(row["id"], ())),
            "location": row["location"],
            "description": row["description"],
            "website": row["website"],
            "founded": row["founded_year"],
            "source": sources.get(row["source_id"]),
            "verified_on": row["verified_on"],
            "verified_by": row["verified_by"],
            "texts": row["texts"],
            "_id": row["id"],
        }
        for row in rows
    ]


def _facts(connection: Connection, keys: Sequence[str] | None) -> list[Record]:
    statement = select(Fact).order_by(Fact.id)
    if keys is not None:
        statement = statement.where(Fact.key.in_(keys))
    rows = connection.execute(statement).mappings().all()
    slugs = _slugs_by_id(connection, (row["scope_id"] for row in rows))
    sources = _source_keys(connection)
    return [
        {
            "key": row["key"],
            "label": row["label"],
            "value": row["value"],
            "qualifier": row["qualifier"],
            "unit": row["unit"],
            "period": row["period"],
            "scope": slugs.get(row["scope_id"]),
            "as_of": row["as_of"],
            "source": sources.get(row["source_id"]),
            "quote": row["quote"],
            "comparable": row["comparable"],
            "topics": tuple((row["topics"] or "").split()),
            "verified_on": row["verified_on"],
            "verified_by": row["verified_by"],
            "texts": row["texts"],
            "_id": row["id"],
        }
        for row in rows
    ]


def _contacts(connection: Connection, keys: Sequence[str] | None) -> list[Record]:
    """Persons (with their contact row if any); with ``keys`` None, only those with one."""
    statement = (
        select(Entity.id, Entity.slug, Entity.name, Entity.kind, Contact)
        .join(Contact, Contact.entity_id == Entity.id, isouter=keys is not None)
        .order_by(Entity.id)
    )
    if keys is not None:
        statement = statement.where(Entity.slug.in_(keys))
    rows = connection.execute(statement).mappings().all()
    organisations = _slugs_by_id(connection, (row["organisation_id"] for row in rows))
    return [
        {
            "person": row["slug"],
            "name": row["name"],
            "role": row["role"],
            "organisation": organisations.get(row["organisation_id"]),
            "phone": row["phone"],
            "email": row["email"],
            "public": row["public"] if row["entity_id"] is not None else None,
            "_id": row["id"],
            "_kind": row["kind"],
            "_contact": row["entity_id"] is not None,
        }
        for row in rows
    ]


def _sources(connection: Connection, keys: Sequence[str] | None) -> list[Record]:
    statement = select(Source).order_by(Source.id)
    if keys is not None:
        statement = statement.where(Source.key.in_(keys))
    return [
        {
            "key": row["key"],
            "title": row["title"],
            "publisher": row["publisher"],
            "published": row["published"],
            "accessed": row["accessed_on"],
            "url": row["url"],
            "file": row["file_name"],
            "_id": row["id"],
        }
        for row in connection.execute(statement).mappings()
    ]


def _tags(connection: Connection, keys: Sequence[str] | None) -> list[Record]:
    statement = select(Tag).order_by(Tag.code)
    if keys is not None:
        statement = statement.where(Tag.code.in_(keys))
    return [
        {"code": row["code"], "label": row["label"], "category": row["category"]}
        for row in connection.execute(statement).mappings()
    ]


def _relations(connection: Connection, _keys: Sequence[str] | None) -> list[Record]:
    subject, object_ = aliased(Entity), aliased(Entity)
    statement = (
        select(Relation, subject.slug.label("from_slug"), object_.slug.label("to_slug"))
        .join(subject, subject.id == Relation.subject_id)
        .join(object_, object_.id == Relation.object_id)
        .order_by(Relation.id)
    )
    sources = _source_keys(connection)
    return [
        {
            "from": row["from_slug"],
            "type": row["relation_type"],
            "to": row["to_slug"],
            "note": row["note"],
            "source": sources.get(row["source_id"]),
            "texts": row["texts"],
            "_id": row["id"],
        }
        for row in connection.execute(statement).mappings()
    ]


def _spaces(connection: Connection, _keys: Sequence[str] | None) -> list[Record]:
    statement = (
        select(SpaceOffer, Entity.slug)
        .join(Entity, Entity.id == SpaceOffer.site_id)
        .order_by(SpaceOffer.id)
    )
    sources = _source_keys(connection)
    return [
        {
            "site": row["slug"],
            "type": row["space_type"],
            "availability": row["availability"],
            "since": row["since"],
            "note": row["note"],
            "source": sources.get(row["source_id"]),
            "texts": row["texts"],
            "_id": row["id"],
        }
        for row in connection.execute(statement).mappings()
    ]


_LOADERS = {
    "sources": _sources,
    "tags": _tags,
    "entities": _entities,
    "relations": _relations,
    "spaces": _spaces,
    "facts": _facts,
    "contacts": _contacts,
}


def same(old: Any, new: Any) -> bool:
    """Whether a stored value and a file value mean the same (1500 == 1500.0, date == text)."""
    if isinstance(old, date) and isinstance(new, str):
        return old.isoformat() == new
    if isinstance(old, tuple | list) and isinstance(new, tuple | list):
        return tuple(old) == tuple(new)
    return bool(old == new)
