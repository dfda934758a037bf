"""Baseline: the schema of Dossier Desk schema 3 (knowledge base, prospects, briefs, the sent
register, the audit journal) and its FTS5 search index.

Revision ID: schema_3
Revises: (none)

Files made before Alembic carry ``meta.schema_version`` 1, 2 or 3 and no ``alembic_version``
table. This revision brings any of them, or an empty file, to schema 3 with additive steps
only, as ``upgrade_schema`` did before it: create the tables that are missing, add
``fact.topics`` and ``fact.verified_by`` when absent, create the search index objects when
absent. On a schema-3 file it changes nothing but the stamp.

Frozen: the tables and the search index SQL are written out as they were in schema 3, so later
changes to the models or to ``sqlite_search`` do not rewrite history. Change the schema in a
new revision. The FTS5 statements are SQLite's; on any other engine (the team's PostgreSQL
server) the backend installs its own index instead.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from desktop.core.storage.backend import backend_of

revision = "schema_3"
down_revision = None
branch_labels = None
depends_on = None
schema_version = 3


def _pk() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _str(name: str, *, null: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=null)


def _int(name: str, *, null: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=null)


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _fk(column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], ondelete=ondelete)


# Each table in creation order (parents first), with its indexes: (name, columns, unique).
TABLES: list[tuple[str, Callable[[], list], list[tuple[str, list[str], bool]]]] = [
    (
        "meta",
        lambda: [
            _str("key", null=False),
            _str("value", null=False),
            sa.PrimaryKeyConstraint("key"),
        ],
        [],
    ),
    (
        "source",
        lambda: [
            _pk(),
            _str("key", null=False),
            _str("title", null=False),
            _str("publisher"),
            _str("published"),
            sa.Column("accessed_on", sa.Date(), nullable=True),
            _str("url"),
            _str("file_name"),
            sa.PrimaryKeyConstraint("id"),
        ],
        [("ix_source_key", ["key"], True)],
    ),
    (
        "sector",
        lambda: [
            _str("code", null=False),
            _str("label_en", null=False),
            _str("label_de", null=False),
            _int("position", null=False),
            sa.PrimaryKeyConstraint("code"),
        ],
        [],
    ),
    (
        "tag",
        lambda: [
            _str("code", null=False),
            _str("label", null=False),
            _str("category", null=False),
            sa.PrimaryKeyConstraint("code"),
        ],
        [],
    ),
    (
        "entity",
        lambda: [
            _pk(),
            _str("slug", null=False),
            _str("name", null=False),
            _str("short_name"),
            _str("kind", null=False),
            _str("description", null=False),
            _str("website"),
            _str("location"),
            _int("founded_year"),
            sa.Column("verified_on", sa.Date(), nullable=True),
            _str("verified_by"),
            _int("source_id"),
            *_stamps(),
            sa.PrimaryKeyConstraint("id"),
            _fk("source_id", "source.id", "SET NULL"),
        ],
        [
            ("ix_entity_slug", ["slug"], True),
            ("ix_entity_name", ["name"], False),
            ("ix_entity_kind", ["kind"], False),
        ],
    ),
    (
        "entity_sector",
        lambda: [
            _int("entity_id", null=False),
            _str("sector_code", null=False),
            sa.PrimaryKeyConstraint("entity_id", "sector_code"),
            _fk("entity_id", "entity.id", "CASCADE"),
            _fk("sector_code", "sector.code"),
        ],
        [("ix_entity_sector_sector_code", ["sector_code"], False)],
    ),
    (
        "entity_tag",
        lambda: [
            _int("entity_id", null=False),
            _str("tag_code", null=False),
            sa.PrimaryKeyConstraint("entity_id", "tag_code"),
            _fk("entity_id", "entity.id", "CASCADE"),
            _fk("tag_code", "tag.code"),
        ],
        [("ix_entity_tag_tag_code", ["tag_code"], False)],
    ),
    (
        "relation",
        lambda: [
            _pk(),
            _int("subject_id", null=False),
            _str("relation_type", null=False),
            _int("object_id", null=False),
            _str("note"),
            _int("source_id"),
            sa.PrimaryKeyConstraint("id"),
            _fk("subject_id", "entity.id", "CASCADE"),
            _fk("object_id", "entity.id", "CASCADE"),
            _fk("source_id", "source.id", "SET NULL"),
        ],
        [
            ("ix_relation_subject_id", ["subject_id"], False),
            ("ix_relation_object_id", ["object_id"], False),
        ],
    ),
    (
        "space_offer",
        lambda: [
            _pk(),
            _int("site_id", null=False),
            _str("space_type", null=False),
            _str("availability", null=False),
            _str("since"),
            _str("note"),
            _int("source_id"),
            sa.PrimaryKeyConstraint("id"),
            _fk("site_id", "entity.id", "CASCADE"),
            _fk("source_id", "source.id", "SET NULL"),
        ],
        [("ix_space_offer_site_id", ["site_id"], False)],
    ),
    (
        "fact",
        lambda: [
            _pk(),
            _str("key", null=False),
            _str("label", null=False),
            sa.Column("value", sa.Float(), nullable=False),
            _str("qualifier", null=False),
            _str("unit", null=False),
            _str("period"),
            _int("scope_id"),
            _str("as_of"),
            _int("source_id"),
            _str("quote"),
            _str("comparable"),
            _str("topics"),
            sa.Column("verified_on", sa.Date(), nullable=True),
            _str("verified_by"),
            *_stamps(),
            sa.PrimaryKeyConstraint("id"),
            _fk("scope_id", "entity.id", "CASCADE"),
            _fk("source_id", "source.id", "RESTRICT"),
        ],
        [("ix_fact_key", ["key"], True), ("ix_fact_scope_id", ["scope_id"], False)],
    ),
    (
        "contact",
        lambda: [
            _int("entity_id", null=False),
            _str("role"),
            _int("organisation_id"),
            _str("phone"),
            _str("email"),
            sa.Column("public", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("entity_id"),
            _fk("entity_id", "entity.id", "CASCADE"),
            _fk("organisation_id", "entity.id", "SET NULL"),
        ],
        [("ix_contact_organisation_id", ["organisation_id"], False)],
    ),
    (
        "prospect",
        lambda: [
            _pk(),
            _str("company_name", null=False),
            _str("code_name"),
            sa.Column("use_code_name", sa.Boolean(), nullable=False),
            _str("country"),
            _str("sectors", null=False),
            _str("activities", null=False),
            _str("requirements", null=False),
            _str("keywords", null=False),
            _str("needs"),
            _str("status", null=False),
            sa.Column("meeting_on", sa.Date(), nullable=True),
            _str("internal_notes"),
            *_stamps(),
            sa.PrimaryKeyConstraint("id"),
        ],
        [],
    ),
    (
        "brief",
        lambda: [
            _pk(),
            _int("prospect_id", null=False),
            _str("title", null=False),
            _str("template", null=False),
            _str("language", null=False),
            _str("consultant"),
            _str("section_order", null=False),
            *_stamps(),
            sa.PrimaryKeyConstraint("id"),
            _fk("prospect_id", "prospect.id", "CASCADE"),
        ],
        [("ix_brief_prospect_id", ["prospect_id"], False)],
    ),
    (
        "brief_item",
        lambda: [
            _pk(),
            _int("brief_id", null=False),
            _str("section", null=False),
            _int("position", null=False),
            _int("entity_id"),
            _int("fact_id"),
            sa.Column("included", sa.Boolean(), nullable=False),
            _str("note"),
            _str("reason", null=False),
            sa.Column("score", sa.Float(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            _fk("brief_id", "brief.id", "CASCADE"),
            _fk("entity_id", "entity.id", "CASCADE"),
            _fk("fact_id", "fact.id", "CASCADE"),
        ],
        [("ix_brief_item_brief_id", ["brief_id"], False)],
    ),
    (
        "sent_dossier",
        lambda: [
            _pk(),
            _int("prospect_id", null=False),
            _int("brief_id"),
            sa.Column("sent_at", sa.DateTime(), nullable=False),
            _str("template", null=False),
            _str("language", null=False),
            _str("prepared_for", null=False),
            _str("file_name", null=False),
            _str("sha256", null=False),
            _str("snapshot", null=False),
            sa.PrimaryKeyConstraint("id"),
            _fk("prospect_id", "prospect.id", "CASCADE"),
            _fk("brief_id", "brief.id", "SET NULL"),
        ],
        [("ix_sent_dossier_prospect_id", ["prospect_id"], False)],
    ),
    (
        "audit_entry",
        lambda: [
            _pk(),
            sa.Column("at", sa.DateTime(), nullable=False),
            _str("who", null=False),
            _str("action", null=False),
            _str("record_type", null=False),
            _str("record_key", null=False),
            _str("field"),
            _str("old_value"),
            _str("new_value"),
            _str("batch"),
            sa.PrimaryKeyConstraint("id"),
        ],
        [
            ("ix_audit_entry_at", ["at"], False),
            ("ix_audit_entry_record_type", ["record_type"], False),
            ("ix_audit_entry_record_key", ["record_key"], False),
            ("ix_audit_entry_batch", ["batch"], False),
        ],
    ),
]

# Schema 1 had fact without these; schema 2 added topics, schema 3 verified_by.
ADDED_FACT_COLUMNS = ("topics", "verified_by")

_DOC = "name, short_name, tags, sectors, location, description"
_REFRESH = (
    "DELETE FROM entity_fts WHERE rowid = {id};"
    f" INSERT INTO entity_fts(rowid, {_DOC}) SELECT id, {_DOC} FROM entity_search_doc"
    " WHERE id = {id};"
)
SEARCH_INDEX_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5({_DOC},"
    " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "INSERT INTO entity_fts(entity_fts, rank)"
    " VALUES ('rank', 'bm25(4.0, 3.0, 2.0, 0.5, 0.5, 1.0)')",
    """CREATE VIEW IF NOT EXISTS entity_search_doc AS
SELECT e.id AS id,
       e.name AS name,
       coalesce(e.short_name, '') AS short_name,
       coalesce((SELECT group_concat(t.label, ' ')
                   FROM entity_tag et JOIN tag t ON t.code = et.tag_code
                  WHERE et.entity_id = e.id), '') AS tags,
       coalesce((SELECT group_concat(s.label_en || ' ' || s.label_de, ' ')
                   FROM entity_sector es JOIN sector s ON s.code = es.sector_code
                  WHERE es.entity_id = e.id), '') AS sectors,
       coalesce(e.location, '') AS location,
       coalesce(e.description, '') AS description
  FROM entity e
""",
    "CREATE INDEX IF NOT EXISTS ix_entity_name_nocase ON entity (name COLLATE NOCASE)",
    "CREATE TRIGGER IF NOT EXISTS entity_fts_ai AFTER INSERT ON entity"
    f" BEGIN {_REFRESH.format(id='new.id')} END",
    "CREATE TRIGGER IF NOT EXISTS entity_fts_au AFTER UPDATE ON entity"
    f" BEGIN {_REFRESH.format(id='old.id')} END",
    "CREATE TRIGGER IF NOT EXISTS entity_fts_ad AFTER DELETE ON entity"
    " BEGIN DELETE FROM entity_fts WHERE rowid = old.id; END",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_{suffix} AFTER {event} ON {table}"
        f" BEGIN {_REFRESH.format(id=f'{row}.entity_id')} END"
        for table in ("entity_tag", "entity_sector")
        for suffix, event, row in (("ai", "INSERT", "new"), ("ad", "DELETE", "old"))
    ),
    "CREATE TRIGGER IF NOT EXISTS tag_fts_au AFTER UPDATE OF label ON tag BEGIN"
    " DELETE FROM entity_fts WHERE rowid IN"
    " (SELECT entity_id FROM entity_tag WHERE tag_code = new.code);"
    f" INSERT INTO entity_fts(rowid, {_DOC}) SELECT id, {_DOC} FROM entity_search_doc"
    " WHERE id IN (SELECT entity_id FROM entity_tag WHERE tag_code = new.code); END",
]


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    for name, columns, indexes in TABLES:
        if name in existing:
            continue
        op.create_table(name, *columns())
        for index, on, unique in indexes:
            op.create_index(index, name, on, unique=unique)
    present = {column["name"] for column in sa.inspect(bind).get_columns("fact")}
    for column in ADDED_FACT_COLUMNS:
        if column not in present:
            op.add_column("fact", _str(column))
    backend = backend_of(bind)
    if backend.name != "sqlite":  # a new server database: the engine's own index, if any
        backend.install_search_index(bind)
        return
    fresh_index = "entity_fts" not in existing
    for statement in SEARCH_INDEX_SQL:
        if fresh_index or "IF NOT EXISTS" in statement:
            op.execute(statement)
    if fresh_index:  # an empty file has no entities; a legacy file always had the index
        op.execute(
            f"INSERT INTO entity_fts(rowid, {_DOC}) SELECT id, {_DOC} FROM entity_search_doc"
        )


def downgrade() -> None:
    raise RuntimeError("Downgrades are not supported: restore the backup taken before upgrading.")
