"""Schema 6: texts in other languages with their records, sector labels in every language.

Revision ID: schema_6
Revises: schema_5

Entities, figures, space offers and relations get ``texts`` (JSON, language → field → text;
see :mod:`desktop.core.language.texts`), a shared field like any other: the capture triggers are
installed again so it travels with sync. A sector's German label column becomes ``labels`` —
its label in every language, what the search index holds —, so a third language needs no
migration. The search index is rebuilt with the new definition (translated descriptions are
searchable). Existing values are kept; no text is invented: a database upgraded from schema 5
has no German texts until they are written or imported.

Frozen like the earlier revisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.core.storage.backend import backend_of

revision = "schema_6"
down_revision = "schema_5"
branch_labels = None
depends_on = None
schema_version = 6

TRANSLATED_TABLES = ("entity", "fact", "space_offer", "relation")


def upgrade() -> None:
    bind = op.get_bind()
    backend = backend_of(bind)
    for table in TRANSLATED_TABLES:
        op.add_column(table, sa.Column("texts", sa.String(), nullable=True))
    op.add_column("sector", sa.Column("labels", sa.String(), nullable=False, server_default=""))
    op.execute("UPDATE sector SET labels = label_en || ' ' || label_de")
    with op.batch_alter_table("sector") as batch:
        batch.drop_column("label_de")
    backend.install_search_index(bind)  # the view's new definition, its triggers
    backend.rebuild_search_index(bind)
    backend.install_sync(bind)  # capture the new field


def downgrade() -> None:
    raise RuntimeError("Downgrades are not supported: restore the backup taken before upgrading.")
