"""Schema 4: a global id on every shared record, and the tables that carry a team's changes.

Revision ID: schema_4
Revises: schema_3

Every table a team shares gets ``gid`` (see :mod:`desktop.core.kb.identity`): rows that exist
keep every value and get the gid their names give them (the same on every laptop built from the
same seed); prospects, briefs and the sent register get random ones. Then the bookkeeping tables
of :mod:`desktop.core.kb.sync_tables`, this file's replica id, and what the engine needs to
record and merge changes (:meth:`StorageBackend.install_sync`: triggers in a laptop file, the
merge function and its sequence on the server).

Frozen like the baseline: the columns and tables are written out as they are in schema 4.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.core.kb.identity import assign_natural_gids, new_replica_id
from desktop.core.kb.sync_tables import add_clock_row
from desktop.core.storage.backend import backend_of

revision = "schema_4"
down_revision = "schema_3"
branch_labels = None
depends_on = None
schema_version = 4

SHARED_TABLES = (
    "source",
    "tag",
    "entity",
    "relation",
    "space_offer",
    "fact",
    "contact",
    "prospect",
    "brief",
    "brief_item",
    "sent_dossier",
)


def _str(name: str, *, null: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=null)


def _seq() -> sa.Column:
    return sa.Column("seq", sa.BigInteger(), nullable=False)


def _create_bookkeeping() -> None:
    op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        _str("replica", null=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("capture", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        _str("table_name", null=False),
        _str("gid", null=False),
        _str("field", null=False),
        _str("op", null=False),
        _str("old_value"),
        _str("new_value"),
        _str("base"),
        _str("clock", null=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("gid", "field", name="uq_sync_outbox_gid_field"),
    )
    op.create_table(
        "sync_known",
        _str("gid", null=False),
        _str("table_name", null=False),
        _str("clocks", null=False),
        sa.PrimaryKeyConstraint("gid"),
    )
    op.create_table(
        "sync_state",
        _str("key", null=False),
        _str("value", null=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "team_change",
        _str("clock", null=False),
        _str("gid", null=False),
        _str("field", null=False),
        _seq(),
        _str("replica", null=False),
        _str("author", null=False),
        _str("table_name", null=False),
        _str("op", null=False),
        _str("old_value"),
        _str("new_value"),
        _str("base"),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("clock", "gid", "field"),
    )
    op.create_index("ix_team_change_seq", "team_change", ["seq"])
    op.create_table(
        "team_record",
        _str("gid", null=False),
        _str("table_name", null=False),
        _str("fields", null=False),
        _str("versions", null=False),
        _str("deleted_seen"),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        _seq(),
        sa.PrimaryKeyConstraint("gid"),
    )
    op.create_index("ix_team_record_seq", "team_record", ["seq"])
    op.create_table(
        "team_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        _seq(),
        _str("table_name", null=False),
        _str("gid", null=False),
        _str("field", null=False),
        _str("kept_value"),
        _str("kept_version", null=False),
        _str("kept_author", null=False),
        _str("lost_value"),
        _str("lost_version", null=False),
        _str("lost_author", null=False),
        _str("resolved_by"),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_conflict_seq", "team_conflict", ["seq"])
    op.create_index("ix_team_conflict_gid", "team_conflict", ["gid"])
    op.create_table(
        "team_visit",
        _str("replica", null=False),
        _str("member", null=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=False),
        sa.Column("pulled_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("replica"),
    )


def upgrade() -> None:
    bind = op.get_bind()
    for table in SHARED_TABLES:
        op.add_column(table, _str("gid"))
    assign_natural_gids(bind)
    # Rebuilding the entity table would copy the case-blind name index without its collation;
    # the backend's search index puts it back as it should be (with the triggers a rebuild drops).
    op.execute("DROP INDEX IF EXISTS ix_entity_name_nocase")
    for table in SHARED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("gid", existing_type=sa.String(), nullable=False)
            batch.create_index(f"ix_{table}_gid", ["gid"], unique=True)
    _create_bookkeeping()
    add_clock_row(bind, new_replica_id())
    backend = backend_of(bind)
    if not backend.search_index_installed(bind):
        backend.install_search_index(bind)
    backend.install_sync(bind)


def downgrade() -> None:
    raise RuntimeError("Downgrades are not supported: restore the backup taken before upgrading.")
