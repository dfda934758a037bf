"""Schema 5: the consultant's choices on suggestions, kept to learn from.

Revision ID: schema_5
Revises: schema_4

One local table (never synced): which suggested entities a consultant included in or left out
of a brief, with the investor profile it was for (:mod:`desktop.core.suggestions.choices`). Nothing
existing changes.

Frozen like the earlier revisions: the table is written out as it is in schema 5.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "schema_5"
down_revision = "schema_4"
branch_labels = None
depends_on = None
schema_version = 5


def upgrade() -> None:
    op.create_table(
        "brief_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brief_id", sa.Integer(), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("sectors", sa.String(), nullable=False),
        sa.Column("requirements", sa.String(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["brief_id"], ["brief.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["entity_id"], ["entity.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_brief_choice_brief_id", "brief_choice", ["brief_id"])
    op.create_index("ix_brief_choice_entity_id", "brief_choice", ["entity_id"])


def downgrade() -> None:
    raise RuntimeError("Downgrades are not supported: restore the backup taken before upgrading.")
