"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Runs inside desktop.core.migrations.upgrade: after a backup, in one transaction, with foreign
keys off. Use batch operations for anything SQLite cannot ALTER in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}
schema_version = None  # set: meta.schema_version after this revision (database.SCHEMA_VERSION)


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    raise RuntimeError("Downgrades are not supported: restore the backup taken before upgrading.")
