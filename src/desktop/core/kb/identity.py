"""Which records a team shares, and how a record is known on every laptop: its global id.

A row's integer id is local to one file (two laptops that each add an entity give it the same
id); the ``gid`` column is what a record is called everywhere — in the team's change history,
in a change package, on every replica. A new row gets a random gid. Rows that existed before
the team (the seed, a file made before schema 4) get one derived from what names them in the
seed (a slug, a figure's key, a source's key), so two laptops built from the same seed call the
same record by the same gid and joining a team matches them instead of doubling them. Two rows
whose table has one per parent (an entity's contact) or that are named by their code (a tag)
take a gid derived from the parent's gid or the code on every laptop alike.

:data:`SHARED` describes each shared table once: its fields (every column but the local id,
the gid and ``updated_at``, which is "changed here at"), which fields point at other shared
records (sent as the other record's gid), and the natural key a consultant sees (two laptops
may create the same slug; the later record is renamed). An entity's sectors and tags are
fields of the entity (a space-separated list of codes), not records of their own.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Fixed for all time: gids derived from names must come out the same on every laptop.
_NAMESPACE = uuid.UUID("5b0f4d2e-8f7a-4c59-9a55-3d1b2f6c7e10")


def new_gid() -> str:
    """A fresh gid for a record created now."""
    return new_gids(1)[0]


def new_gids(count: int) -> list[str]:
    """``count`` fresh gids: 12 hex digits of the time in milliseconds, then 20 random ones.

    Time first (as in UUID version 7) so that new records land at the end of the gid indexes
    instead of all over them — an import of 100,000 rows writes its index pages once — and
    the random part keeps two laptops' records apart. One read of the system's randomness for
    the whole batch."""
    prefix = f"{time.time_ns() // 1_000_000:012x}"
    pool = os.urandom(10 * count).hex()
    return [prefix + pool[start : start + 20] for start in range(0, 20 * count, 20)]


def natural_gid(table: str, *names: object) -> str:
    """The gid of a record that existed before the team, from what names it."""
    return uuid.uuid5(_NAMESPACE, "\x1f".join([table, *map(str, names)])).hex


def tag_gid(code: str) -> str:
    return f"tag/{code}"


def contact_gid(entity_gid: str) -> str:
    return f"{entity_gid}/contact"


@dataclass(frozen=True)
class SharedTable:
    """One table whose records a team shares."""

    name: str
    # Column that identifies a row in this file (the integer id, or the parent's id).
    local_key: str
    fields: tuple[str, ...]
    # Field → shared table it points at (the value travels as that record's gid).
    references: dict[str, str] = field(default_factory=dict)
    # References a row cannot live without (ON DELETE CASCADE); the others become empty.
    required: frozenset[str] = frozenset()
    # The field a person names the record by, unique in the table ("slug", "key").
    natural_key: str | None = None
    # Fields that are lists of codes in link tables: field → (link table, code column).
    links: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        """The fields stored as columns of the table itself."""
        return tuple(name for name in self.fields if name not in self.links)


_E = "entity"
_S = "source"

# Parents before children: a record is written after every record it points at.
SHARED: tuple[SharedTable, ...] = (
    SharedTable(
        "source",
        "id",
        ("key", "title", "publisher", "published", "accessed_on", "url", "file_name"),
        natural_key="key",
    ),
    SharedTable("tag", "code", ("code", "label", "category")),
    SharedTable(
        "entity",
        "id",
        (
            "slug",
            "name",
            "short_name",
            "kind",
            "description",
            "website",
            "location",
            "founded_year",
            "verified_on",
            "verified_by",
            "source_id",
            "created_at",
            "texts",
            "sectors",
            "tags",
        ),
        references={"source_id": _S},
        natural_key="slug",
        links={"sectors": ("entity_sector", "sector_code"), "tags": ("entity_tag", "tag_code")},
    ),
    SharedTable(
        "relation",
        "id",
        ("subject_id", "relation_type", "object_id", "note", "source_id", "texts"),
        references={"subject_id": _E, "object_id": _E, "source_id": _S},
        required=frozenset({"subject_id", "object_id"}),
    ),
    SharedTable(
        "space_offer",
        "id",
        ("site_id", "space_type", "availability", "since", "note", "source_id", "texts"),
        references={"site_id": _E, "source_id": _S},
        required=frozenset({"site_id"}),
    ),
    SharedTable(
        "fact",
        "id",
        (
            "key",
            "label",
            "value",
            "qualifier",
            "unit",
            "period",
            "scope_id",
            "as_of",
            "source_id",
            "quote",
            "comparable",
            "topics",
            "verified_on",
            "verified_by",
            "created_at",
            "texts",
        ),
        references={"scope_id": _E, "source_id": _S},
        required=frozenset({"scope_id"}),
        natural_key="key",
    ),
    SharedTable(
        "contact",
        "entity_id",
        ("entity_id", "role", "organisation_id", "phone", "email", "public"),
        references={"entity_id": _E, "organisation_id": _E},
        required=frozenset({"entity_id"}),
    ),
    SharedTable(
        "prospect",
        "id",
        (
            "company_name",
            "code_name",
            "use_code_name",
            "country",
            "sectors",
            "activities",
            "requirements",
            "keywords",
            "needs",
            "status",
            "meeting_on",
            "internal_notes",
            "created_at",
        ),
    ),
    SharedTable(
        "brief",
        "id",
        (
            "prospect_id",
            "title",
            "template",
            "language",
            "consultant",
            "section_order",
            "created_at",
        ),
        references={"prospect_id": "prospect"},
        required=frozenset({"prospect_id"}),
    ),
    SharedTable(
        "brief_item",
        "id",
        (
            "brief_id",
            "section",
            "position",
            "entity_id",
            "fact_id",
            "included",
            "note",
            "reason",
            "score",
        ),
        references={"brief_id": "brief", "entity_id": _E, "fact_id": "fact"},
        required=frozenset({"brief_id", "entity_id", "fact_id"}),
    ),
    SharedTable(
        "sent_dossier",
        "id",
        (
            "prospect_id",
            "brief_id",
            "sent_at",
            "template",
            "language",
            "prepared_for",
            "file_name",
            "sha256",
            "snapshot",
        ),
        references={"prospect_id": "prospect", "brief_id": "brief"},
        required=frozenset({"prospect_id"}),
    ),
)

SHARED_BY_NAME: dict[str, SharedTable] = {table.name: table for table in SHARED}
# Tables stamped with ``updated_at`` on every local write.
STAMPED = frozenset({"entity", "fact", "prospect", "brief"})


# --- gids for rows made before the team ----------------------------------------------------


def new_replica_id() -> str:
    """A file's replica id: part of every version it writes, so versions never collide."""
    return uuid.uuid4().hex[:12]


def assign_natural_gids(connection: Any, *, every_row: bool = False) -> None:
    """Give every row without a gid the one derived from its names (see the module docstring).

    Runs where gids may still be empty: after the seed is loaded, and when a file made before
    schema 4 is migrated. Rows that already carry a gid keep it. Relations and space offers are
    named by their entities' slugs, their type and their place among equals (two identical
    relations are two records). ``every_row``: rename every row (a seed just loaded, whose rows
    got random gids on insert).
    """
    from sqlalchemy import text

    def rows(sql: str) -> list[Any]:
        if every_row:
            sql = sql.replace(" WHERE gid IS NULL", "")
        return list(connection.execute(text(sql)).all())

    only_missing = "" if every_row else " AND gid IS NULL"

    def write(table: str, key: str, pairs: Iterable[tuple[str, Any]]) -> None:
        params = [{"gid": gid, "key": local} for gid, local in pairs]
        if params:
            connection.execute(
                text(f"UPDATE {table} SET gid = :gid WHERE {key} = :key{only_missing}"), params
            )

    def named(table: str, column: str) -> list[tuple[str, Any]]:
        found = rows(f"SELECT id, {column} FROM {table} WHERE gid IS NULL")
        return [(natural_gid(table, name), local) for local, name in found]

    write("source", "id", named("source", "key"))
    write("entity", "id", named("entity", "slug"))
    write("fact", "id", named("fact", "key"))
    codes = rows("SELECT code FROM tag WHERE gid IS NULL")
    write("tag", "code", ((tag_gid(code), code) for (code,) in codes))
    slugs = dict(rows("SELECT id, slug FROM entity"))
    relations = rows(
        "SELECT id, subject_id, relation_type, object_id FROM relation WHERE gid IS NULL"
        " ORDER BY id"
    )
    write(
        "relation",
        "id",
        _numbered("relation", ((i, slugs[s], t, slugs[o]) for i, s, t, o in relations)),
    )
    spaces = rows("SELECT id, site_id, space_type FROM space_offer WHERE gid IS NULL ORDER BY id")
    write("space_offer", "id", _numbered("space_offer", ((i, slugs[s], t) for i, s, t in spaces)))
    entity_gids = dict(rows("SELECT id, gid FROM entity"))
    contacts = rows("SELECT entity_id FROM contact WHERE gid IS NULL")
    write("contact", "entity_id", ((contact_gid(entity_gids[i]), i) for (i,) in contacts))
    for table in ("prospect", "brief", "brief_item", "sent_dossier"):
        missing = rows(f"SELECT id FROM {table} WHERE gid IS NULL")
        write(table, "id", ((new_gid(), local) for (local,) in missing))


def _numbered(table: str, named: Iterable[tuple[Any, ...]]) -> list[tuple[str, Any]]:
    """Gids from ``(local id, *names)`` rows in id order; equal names count up (…, 1), (…, 2)."""
    seen: dict[tuple[Any, ...], int] = {}
    pairs = []
    for local, *names in named:
        key = tuple(names)
        seen[key] = seen.get(key, 0) + 1
        pairs.append((natural_gid(table, *names, seen[key]), local))
    return pairs
