"""The server's storage backend: chosen for server URLs, built by the migrations, honest about
what a server database is not (a file, a search index)."""

from __future__ import annotations

import inspect
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import DateTime, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from desktop.core.errors import NewerSchemaError
from desktop.core.kb import models  # noqa: F401  (registers the tables)
from desktop.core.storage import migrations
from desktop.core.storage.backend import StorageBackend, backend_for, backend_of
from desktop.core.storage.engine import SCHEMA_VERSION, make_engine
from desktop.core.storage.postgres.backend import PostgresBackend
from desktop.core.team.dsn import ServerAddress
from tests.team.server import TeamServer

SECRET = "hunter2-never-shown"  # the test admin is trusted: any password gets in


@pytest.fixture(scope="module")
def database_name(team_server: TeamServer) -> Iterator[str]:
    """A fresh database, built by the migrations, for this module."""
    name = f"backend_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield name
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def url_of(team_server: TeamServer, name: str, *, password: str | None = None) -> URL:
    return ServerAddress.parse(team_server.dsn(dbname=name)).url(password)


@pytest.fixture(scope="module")
def built(team_server: TeamServer, database_name: str) -> URL:
    url = url_of(team_server, database_name)
    assert migrations.upgrade_server(url) == migrations.head_revision(migrations.script_directory())
    return url


@pytest.fixture
def engine(built: URL) -> Iterator[Engine]:
    engine = make_engine(built)
    yield engine
    engine.dispose()


def empty_database(team_server: TeamServer) -> str:
    name = f"scratch_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return name


def drop(team_server: TeamServer, name: str) -> None:
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


# --- choosing the backend ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://anna@db.example.org/dossier",
        "postgresql://anna@db.example.org/dossier",
        "postgres://anna@db.example.org/dossier",
    ],
)
def test_server_urls_get_the_server_backend(url: str) -> None:
    backend = backend_for(url)
    assert isinstance(backend, PostgresBackend)
    assert backend.name == "postgresql"
    assert backend.driver_errors == (psycopg.Error,)
    assert backend_for(url) is backend  # one instance


def test_connections_of_every_kind_name_the_server_backend(
    engine: Engine, team_server: TeamServer, database_name: str
) -> None:
    with engine.connect() as connection:
        assert backend_of(connection) is backend_of(engine) is backend_for(str(engine.url))
    with psycopg.connect(team_server.dsn(dbname=database_name)) as plain:
        assert isinstance(backend_of(plain), PostgresBackend)


def test_a_file_never_loads_the_server_driver(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from desktop.core.storage.backend import backend_for\n"
        f"backend = backend_for({str(tmp_path / 'x.sqlite3')!r})\n"
        "from desktop.core.storage.engine import make_engine\n"
        f"engine = make_engine({str(tmp_path / 'x.sqlite3')!r})\n"
        "engine.connect().close()\n"
        "assert backend.name == 'sqlite'\n"
        "assert 'psycopg' not in sys.modules, 'psycopg imported'\n"
        "assert 'desktop.core.storage.postgres' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _protocol_members() -> dict[str, object]:
    return {
        name: member
        for name, member in vars(StorageBackend).items()
        if not name.startswith("_") and callable(member)
    }


@pytest.mark.parametrize("name", sorted(_protocol_members()))
def test_the_server_backend_has_every_method_of_the_interface(name: str) -> None:
    wanted = inspect.signature(_protocol_members()[name])  # type: ignore[arg-type]
    found = inspect.signature(getattr(PostgresBackend, name))
    assert [(p.name, p.kind) for p in found.parameters.values()] == [
        (p.name, p.kind) for p in wanted.parameters.values()
    ]
    for attribute in StorageBackend.__annotations__:
        assert hasattr(PostgresBackend, attribute), attribute


# --- built by the migrations -----------------------------------------------------------------


# The revisions create timestamps without a zone (UTC, as a laptop file stores them); the
# models' datetime type carries timezone=True, which only a server can tell apart. The engine
# keeps every session in UTC, so the values agree (see the round-trip test below).
def _only_the_zone_differs(difference: object) -> bool:
    if not (isinstance(difference, list) and len(difference) == 1):
        return False
    kind, *_, existing, wanted = difference[0]
    wanted = getattr(wanted, "impl", wanted)  # the models' type decorator
    return (
        kind == "modify_type"
        and isinstance(existing, DateTime)
        and isinstance(wanted, DateTime)
        and not existing.timezone
        and wanted.timezone
    )


def test_a_fresh_server_database_is_built_by_the_migrations_as_the_models_say(
    built: URL, engine: Engine
) -> None:
    assert migrations.server_schema_version(built) == SCHEMA_VERSION
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": migrations.include_name, "compare_type": True}
        )
        differences = compare_metadata(context, SQLModel.metadata)
        assert [d for d in differences if not _only_the_zone_differs(d)] == []
        assert backend_of(connection).sync_installed(connection)
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "schema_6"


def test_upgrading_again_changes_nothing(built: URL, engine: Engine) -> None:
    before = backend_of(engine).content_digest(engine)
    assert migrations.upgrade_server(built) is None
    assert backend_of(engine).content_digest(engine) == before


def test_a_server_written_by_a_newer_version_is_refused_without_its_password(
    team_server: TeamServer,
) -> None:
    name = empty_database(team_server)
    try:
        url = url_of(team_server, name, password=SECRET)
        migrations.upgrade_server(url)
        with psycopg.connect(team_server.dsn(dbname=name), autocommit=True) as admin:
            admin.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        with pytest.raises(NewerSchemaError) as refused:
            migrations.upgrade_server(url)
        assert refused.value.found == 99
        assert name in str(refused.value) and SECRET not in str(refused.value)
    finally:
        drop(team_server, name)


def test_a_database_holding_other_tables_is_left_alone(team_server: TeamServer) -> None:
    name = empty_database(team_server)
    try:
        with psycopg.connect(team_server.dsn(dbname=name), autocommit=True) as admin:
            admin.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(migrations.MigrationError, match="not Dossier Desk's"):
            migrations.upgrade_server(url_of(team_server, name))
        assert migrations.server_schema_version(url_of(team_server, name)) is None
    finally:
        drop(team_server, name)


# --- connections -------------------------------------------------------------------------------


def test_sessions_speak_utc_with_a_lock_timeout_and_keep_tls_options(
    team_server: TeamServer, database_name: str
) -> None:
    address = ServerAddress.parse(
        team_server.dsn(dbname=database_name) + " sslmode=disable sslrootcert=/nowhere/ca.pem"
    )
    engine = make_engine(address.url())
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW TimeZone")).scalar() == "UTC"
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "15s"
            parameters = connection.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
    finally:
        engine.dispose()
    assert parameters["sslmode"] == "disable"
    assert parameters["sslrootcert"] == "/nowhere/ca.pem"
    assert parameters["connect_timeout"] == "5"


def test_options_in_the_url_win_over_ours(team_server: TeamServer, database_name: str) -> None:
    url = url_of(team_server, database_name).update_query_dict(
        {"options": "-c lock_timeout=2s", "connect_timeout": "9"}
    )
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "2s"
            assert connection.execute(text("SHOW TimeZone")).scalar() == "UTC"
            parameters = connection.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
    finally:
        engine.dispose()
    assert parameters["connect_timeout"] == "9"


def test_times_are_stored_in_utc_whatever_the_servers_zone(
    team_server: TeamServer, database_name: str, built: URL
) -> None:
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {database_name} SET timezone = 'America/New_York'")
    engine = make_engine(built)
    try:
        noon = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO team_visit (replica, member, last_sync_at, pulled_seq)"
                    " VALUES ('zone-test', 'nobody', :at, 0)"
                ),
                {"at": noon},
            )
        with engine.begin() as connection:
            stored = connection.execute(
                text("SELECT last_sync_at::text FROM team_visit WHERE replica = 'zone-test'")
            ).scalar()
            connection.execute(text("DELETE FROM team_visit WHERE replica = 'zone-test'"))
    finally:
        engine.dispose()
        with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {database_name} RESET timezone")
    assert stored == "2026-01-15 12:00:00"


# --- what errors mean --------------------------------------------------------------------------


def test_a_lock_wait_that_runs_out_is_a_locked_error(engine: Engine) -> None:
    backend = backend_of(engine)
    with engine.connect() as holder, engine.connect() as waiter:
        holder.execute(text("LOCK TABLE meta IN ACCESS EXCLUSIVE MODE"))
        waiter.execute(text("SET lock_timeout = '50ms'"))
        with pytest.raises(DBAPIError) as failed:
            waiter.exec_driver_sql("SELECT * FROM meta")
        waiter.rollback()
        holder.rollback()
    assert backend.is_locked_error(failed.value)
    assert not backend.is_read_only_error(failed.value)
    assert "lock timeout" in backend.driver_message(failed.value)


def test_a_read_only_transaction_is_read_only_and_a_missing_table_is_missing(
    engine: Engine,
) -> None:
    backend = backend_of(engine)
    with engine.connect() as connection:
        connection.execute(text("SET TRANSACTION READ ONLY"))
        with pytest.raises(DBAPIError) as refused:
            connection.execute(text("DELETE FROM team_visit"))
        connection.rollback()
        with pytest.raises(DBAPIError) as missing:
            connection.execute(text("SELECT * FROM no_such_table"))
        connection.rollback()
    assert backend.is_read_only_error(refused.value) and not backend.is_locked_error(refused.value)
    assert not backend.is_read_only_error(psycopg.errors.InsufficientPrivilege("no rights"))
    assert backend.is_missing_table_error(missing.value)
    assert not backend.is_missing_table_error(refused.value)
    assert not backend.is_not_a_database_error(missing.value)
    assert backend.driver_message(missing.value).startswith('relation "no_such_table"')


_SOCKET = 'connection to server on socket "/run/x/.s.PGSQL.5432" failed: '


@pytest.mark.parametrize(
    ("said", "problem"),
    [
        (_SOCKET + "fe_sendauth: no password supplied", "NO_PASSWORD"),
        (_SOCKET + 'FATAL:  password authentication failed for user "anna"', "WRONG_PASSWORD"),
        (_SOCKET + 'FATAL:  role "anna" does not exist', "WRONG_PASSWORD"),
        (_SOCKET + 'FATAL:  database "team" does not exist', "NO_DATABASE"),
        (_SOCKET + 'FATAL:  role "anna" is not permitted to log in', "NOT_ALLOWED"),
        (_SOCKET + 'FATAL:  permission denied for database "team"', "NOT_ALLOWED"),
        (_SOCKET + 'FATAL:  no pg_hba.conf entry for host "10.0.0.1"', "NOT_ALLOWED"),
        (_SOCKET + "No such file or directory", "UNREACHABLE"),
        ("failed to resolve host 'db.invalid': Name or service not known", "UNREACHABLE"),
        ('connection to server at "db", port 5432 failed: timeout expired', "UNREACHABLE"),
        (
            'connection to server at "db" failed: SSL error: certificate verify failed',
            "UNREACHABLE",
        ),
        (_SOCKET + "FATAL:  sorry, too many clients already", None),
    ],
)
def test_what_a_failed_connection_means(said: str, problem: str | None) -> None:
    from desktop.core.storage.postgres.connection import ConnectionProblem, connection_problem

    found = connection_problem(psycopg.OperationalError(f"connection failed: {said}"))
    assert found is (ConnectionProblem[problem] if problem else None)
    assert connection_problem(psycopg.errors.UndefinedTable("relation x does not exist")) is None


# --- what a server database is not ---------------------------------------------------------------


def test_a_server_is_not_searched_and_has_no_file(engine: Engine, tmp_path: Path) -> None:
    backend = backend_of(engine)
    with engine.begin() as connection:
        backend.install_search_index(connection)  # creates nothing
        assert backend.search_index_installed(connection)
        assert backend.search_index_problems(connection) == []
        with backend.search_index_suspended(connection) as touched:
            assert touched == set()
        backend.catch_up_search_index(connection)
        assert backend.integrity_problems(connection) == []
        assert backend.foreign_key_problems(connection) == []
        names = connection.execute(
            text(f"SELECT e.name FROM entity e ORDER BY {backend.name_order}")
        ).all()
        backend.checkpoint(connection)
    assert names == []
    assert not backend.owns_schema_object("entity", "table")
    assert backend.database_file(str(engine.url)) is None
    assert backend.writer(engine) is engine
    for query in (
        lambda: backend.match_expression([]),
        lambda: backend.ranked_match_sql("e.id", "1 = 1", highlight=("[", "]")),
        lambda: backend.count_matches_sql(),
        lambda: backend.matching_ids_sql(),
        lambda: backend.open_reader(tmp_path),
    ):
        with pytest.raises(NotImplementedError, match="searches its own file"):
            query()
    for file_only in (
        lambda: backend.backup_to(tmp_path, tmp_path / "copy"),
        lambda: backend.probe(tmp_path),
        lambda: backend.connect_existing(tmp_path),
        lambda: backend.is_in_use(tmp_path),
        lambda: backend.file_digest(tmp_path),
        lambda: backend.can_read_schema(tmp_path),
    ):
        with pytest.raises(NotImplementedError, match="has no file"):
            file_only()


def test_the_content_digest_sees_content_but_not_the_databases_identity(engine: Engine) -> None:
    backend = backend_of(engine)
    before = backend.content_digest(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE sync_clock SET replica = 'another-one'"))
    assert backend.content_digest(engine) == before
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO meta (key, value) VALUES ('digest-test', 'x')"))
    changed = backend.content_digest(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM meta WHERE key = 'digest-test'"))
    assert changed != before
    assert backend.content_digest(engine) == before
