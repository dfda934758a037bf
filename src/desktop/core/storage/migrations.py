"""Schema migrations with Alembic, run the only safe way on SQLite.

:func:`upgrade` is what :meth:`desktop.core.storage.database.Database.open` calls for an older file:

1. back up first (reason ``migration``), with the backend's backup;
2. migrate on a connection whose foreign keys are switched off when it connects, i.e.
   before any transaction (inside one the setting is silently ignored). Alembic's batch mode
   rebuilds a table by copy-drop-rename, and dropping a parent table with foreign keys on
   deletes its children through ``ON DELETE CASCADE`` (seen: 2 contacts → 0);
3. run every revision in one transaction (our engine issues an explicit ``BEGIN``, so DDL is
   transactional), then the foreign-key check before committing; any problem rolls the
   transaction back, restores the backup and raises :class:`MigrationError`;
4. databases made before Alembic carry ``meta.schema_version`` 1, 2 or 3 and no
   ``alembic_version`` table; the baseline revision (``schema_3``) brings them to schema 3 with
   additive steps only, so they simply run it like an empty file would.

``meta.schema_version`` stays the fast marker the window's reader and the "newer version" error
use: each revision declares ``schema_version`` and env.py writes it after migrating.

The team's server database is migrated by :func:`upgrade_server` instead: the same revisions,
in one transaction on the administrator's connection, with none of the above — no file to back
up or lock, and a server engine changes tables in place with its foreign keys on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import (
    DatabaseInUseError,
    DatabaseLockedError,
    DossierError,
    NewerSchemaError,
)
from desktop.core.language.messages import Listing, Message, message
from desktop.core.storage import backup as backups
from desktop.core.storage import locking
from desktop.core.storage.backend import backend_for, backend_of
from desktop.core.storage.backup_files import BackupInfo
from desktop.core.storage.engine import SCHEMA_VERSION_SQL, make_engine
from desktop.core.storage.restore import restore

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL

BASELINE = "schema_3"


class MigrationError(DossierError):
    """Updating the database to this version's schema failed (the backup was restored)."""


@dataclass(frozen=True)
class UpgradeResult:
    from_version: int
    from_revision: str | None
    to_revision: str
    backup: BackupInfo


# --- configuration -------------------------------------------------------------------------


def migrations_dir() -> Path:
    from desktop.paths import project_root

    return project_root() / "db" / "migrations"


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic filter: the full-text index's tables, view and indexes belong to the backend
    (invisible to SQLAlchemy's reflection); autogenerate would otherwise try to drop them."""
    return name is None or not backend_for().owns_schema_object(name, type_)


def alembic_config(
    connection: Connection | None = None, *, script_location: Path | None = None
) -> Config:
    """An Alembic configuration built in code; no alembic.ini is read."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location=script_location))


def head_revision(script: ScriptDirectory) -> str:
    head = script.get_current_head()
    if head is None:
        raise MigrationError("No migration revisions found.")
    return head


def revision_schema_version(script: ScriptDirectory, revision: str) -> int:
    """The ``schema_version`` a revision module declares (``meta.schema_version`` after it)."""
    module = script.get_revision(revision).module  # type: ignore[union-attr]
    return int(module.schema_version)


def record_schema_version(connection: Connection, script: ScriptDirectory) -> None:
    """Write ``meta.schema_version`` for the revision the database is now at (from env.py)."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) != 1:
        raise MigrationError("Expected one migration head, found {count}.", count=len(heads))
    version = str(revision_schema_version(script, heads[0]))
    from sqlalchemy import text

    current = connection.execute(text(SCHEMA_VERSION_SQL)).scalar_one_or_none()
    if current != version:  # read-only alembic commands (current, check) write nothing
        connection.execute(
            text(
                "INSERT INTO meta (key, value) VALUES ('schema_version', :version)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"version": version},
        )


def stamp_head(connection: Connection) -> None:
    """Mark a database just built from the models (``create_schema``) as at the head revision."""
    from alembic.runtime.migration import MigrationContext

    MigrationContext.configure(connection).stamp(script_directory(), "head")


# --- state and upgrade ---------------------------------------------------------------------


def current_state(path: Path) -> tuple[int | None, str | None]:
    """``(meta.schema_version, alembic revision)`` read with a plain connection; either may be
    None (no meta row; a database made before Alembic)."""
    backend = backend_for(path)
    connection = backend.connect_existing(Path(path))
    try:
        row = connection.execute(SCHEMA_VERSION_SQL).fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else None
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except backend.driver_errors as error:
            if not backend.is_missing_table_error(error):
                raise
            revision = None  # made before Alembic
    finally:
        connection.close()
    return version, revision[0] if revision else None


def needs_upgrade(path: Path, *, script_location: Path | None = None) -> bool:
    """True when :func:`upgrade` would migrate (an older or unstamped database)."""
    script = script_directory(script_location)
    head = head_revision(script)
    version, revision = current_state(path)
    return revision != head or version != revision_schema_version(script, head)


def upgrade(
    path: Path, *, backups_folder: Path | None = None, script_location: Path | None = None
) -> UpgradeResult | None:
    """Bring ``path`` to the head revision; None when it already is there.

    Backs up first; on any failure the backup is restored (the failed file is kept aside) and
    :class:`MigrationError` says where everything is.
    """
    path = Path(path)
    script = script_directory(script_location)
    head = head_revision(script)
    target = revision_schema_version(script, head)
    version, revision = current_state(path)
    if revision == head and version == target:
        return None
    if version is None:
        raise MigrationError(
            "{path} has no schema version; it is not a Dossier Desk database.", path=path
        )
    if version > target:
        raise NewerSchemaError(path, version, target)
    if revision is not None and revision not in {s.revision for s in script.walk_revisions()}:
        raise MigrationError(
            "{path} was updated by a newer Dossier Desk (revision {revision}). "
            "Update Dossier Desk to open it.",
            path=path,
            revision=revision,
        )
    # Another process (a window of the previous version, a running command) would go on
    # writing with the old schema in mind: the update waits until nobody else has the file.
    holder = locking.describe_holder(path)
    if holder is not None:
        raise DatabaseInUseError(
            path, holder, action=message("update the database to this version")
        )
    with locking.announce_writer(path, locking.UPDATING):
        saved = backups.backup(path, reason="migration", folder=backups_folder)
        try:
            _migrate(path, script_location)
        except DatabaseLockedError:
            raise  # nothing was changed: the lock came first
        except Exception as error:
            if backend_for(path).is_locked_error(error):
                raise DatabaseLockedError(path, locking.describe_holder(path)) from error
            raise _restore_after_failure(path, saved, error) from error
    return UpgradeResult(version, revision, head, saved)


def migration_engine(path: Path) -> Engine:
    """Our usual engine, but every connection is prepared for migrating from the moment it
    connects (foreign keys off, so rebuilding a table cascades nothing)."""
    engine = make_engine(path)
    backend_for(path).configure_for_migration(engine)
    return engine


def _migrate(path: Path, script_location: Path | None) -> None:
    from alembic import command

    engine = migration_engine(path)
    backend = backend_of(engine)
    try:
        with engine.connect() as connection, connection.begin():
            if backend.foreign_keys_enforced(connection):
                raise MigrationError("Foreign keys were on during the migration; nothing changed.")
            command.upgrade(alembic_config(connection, script_location=script_location), "head")
            # A rebuilt entity table loses the index upkeep; put it back and re-index if needed.
            if not backend.search_index_installed(connection):
                backend.install_search_index(connection)
            if backend.search_index_problems(connection):
                backend.rebuild_search_index(connection)
            if not backend.sync_installed(connection):
                backend.install_sync(connection)
            problems = backend.foreign_key_problems(connection)
            if problems:
                raise MigrationError(
                    "the foreign-key check found broken references: {problems}",
                    problems=Listing(tuple(problems), " "),
                )
        with engine.connect() as connection:
            backend.checkpoint(connection)
    finally:
        engine.dispose()


def _restore_after_failure(path: Path, saved: BackupInfo, error: Exception) -> MigrationError:
    reason = _in_words(error)
    try:
        restored = restore(path, saved.path)
    except Exception as restore_error:
        return MigrationError(
            "Updating {path} to the new version failed ({reason}), and restoring the backup "
            "failed too ({restore_error}). Your data is safe in {backup}.",
            path=path,
            reason=reason,
            restore_error=_in_words(restore_error),
            backup=saved.path,
        )
    return MigrationError(
        "Updating {path} to the new version failed ({reason}). It was restored from the "
        "backup {backup}; the file as the failed update left it is at {previous}.",
        path=path,
        reason=reason,
        backup=saved.path,
        previous=restored.previous,
    )


def _in_words(error: BaseException) -> object:
    """An error as a message's value: one of ours is said in the reader's language, any other
    in its own words."""
    if isinstance(error, DossierError):
        return error
    return str(error).strip() or type(error).__name__


# --- the team's server ---------------------------------------------------------------------


def server_schema_version(url: str | URL) -> int | None:
    """``meta.schema_version`` of the server database at ``url``; None before the team is set
    up there (no ``meta`` table, or no version in it)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return _server_version(connection)
    finally:
        engine.dispose()


def upgrade_server(url: str | URL, *, script_location: Path | None = None) -> str | None:
    """Bring the server database at ``url`` to the head revision, in one transaction on this
    connection (an administrator's: the migrations create and alter tables); the revision it
    reached, or None when it already was there.

    An empty database gets the whole schema. Refused, changing nothing: a database written by
    a newer Dossier Desk (:class:`NewerSchemaError`), or one that holds other tables and no
    Dossier Desk schema (:class:`MigrationError`). Connection and rights errors are the
    driver's, for the caller to put in words.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect

    script = script_directory(script_location)
    head = head_revision(script)
    target = revision_schema_version(script, head)
    engine = make_engine(url)
    backend = backend_of(engine)
    if backend.database_file(url) is not None:
        raise ValueError("upgrade_server migrates a server database; use upgrade for a file")
    try:
        with engine.connect() as connection, connection.begin():
            version = _server_version(connection)
            revision = MigrationContext.configure(connection).get_current_revision()
            if version is not None and version > target:
                raise NewerSchemaError(_server_name(url), version, target)
            if revision is not None and revision not in {
                s.revision for s in script.walk_revisions()
            }:
                raise MigrationError(
                    "{server} was updated by a newer Dossier Desk (revision {revision}). "
                    "Update Dossier Desk to work with it.",
                    server=_server_name(url),
                    revision=revision,
                )
            if revision is None and inspect(connection).get_table_names():
                raise MigrationError(
                    "{server} holds tables that are not Dossier Desk's. Give the team a "
                    "database of its own (CREATE DATABASE), then try again.",
                    server=_server_name(url),
                )
            if revision == head and version == target and backend.sync_installed(connection):
                return None
            command.upgrade(alembic_config(connection, script_location=script_location), "head")
            if not backend.sync_installed(connection):
                backend.install_sync(connection)
    finally:
        engine.dispose()
    return head


def _server_version(connection: Connection) -> int | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("meta"):
        return None
    value = connection.execute(text(SCHEMA_VERSION_SQL)).scalar_one_or_none()
    return int(value) if value is not None and str(value).isdigit() else None


def _server_name(url: str | URL) -> Message:
    """How a message names the server database (at the start of a sentence): never with its
    password."""
    from sqlalchemy.engine import make_url

    found = make_url(url)
    host = found.query.get("host") or found.host or "localhost"
    return message("The team database {name} on {host}", name=found.database, host=host)
