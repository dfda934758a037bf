"""Alembic environment for Dossier Desk.

The application runs migrations through :func:`desktop.core.storage.migrations.upgrade`, which backs
up first, hands over a connection with foreign keys off inside an open transaction (see
``config.attributes["connection"]``) and checks foreign keys before committing. Run a bare
``alembic upgrade`` only on a scratch copy.

For a developer writing a new revision against a database file::

    .venv/bin/alembic -c db/migrations/alembic.ini -x db=PATH revision --autogenerate -m "..."

Then set ``schema_version`` in the new revision (and ``SCHEMA_VERSION`` in database.py) to the
next number, and review the generated operations: ``render_as_batch`` emits SQLite-safe batch
operations, and ``include_name`` keeps the FTS5 tables, the search view and the expression
index out of the comparison.

The team's PostgreSQL database runs the same revisions through
:func:`desktop.core.storage.migrations.upgrade_server`, which hands over its connection the same
way; batch operations become plain ``ALTER TABLE`` there. ``-x db=`` also takes a server URL
(``postgresql+psycopg://…``), for comparing a scratch server database with the models.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlmodel import SQLModel

from desktop.core.kb import models  # noqa: F401  (registers the tables)
from desktop.core.storage.migrations import include_name, migration_engine, record_schema_version

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_name=include_name,
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        record_schema_version(connection, context.script)  # type: ignore[arg-type]


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("Offline (--sql) migrations are not supported for SQLite files.")
    connection = config.attributes.get("connection")
    if (
        connection is not None
    ):  # from desktop.core.storage.migrations.upgrade: already in a transaction
        _run(connection)
        return
    database = context.get_x_argument(as_dictionary=True).get("db")
    if not database:
        raise SystemExit("Name the database: alembic -c db/migrations/alembic.ini -x db=PATH …")
    engine = migration_engine(database if "://" in database else Path(database))  # type: ignore[arg-type]
    try:
        with engine.connect() as connection, connection.begin():
            _run(connection)
    finally:
        engine.dispose()


main()
