"""Laptops and a team database for the sync scenarios: real files, the real test server."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, text

from desktop.core.kb.identity import new_replica_id
from desktop.core.storage.database import Database
from desktop.core.sync import digest, session
from tests.team.server import TeamServer


@contextmanager
def team_database(server: TeamServer) -> Iterator[Engine]:
    """A new, empty team database on the test server (built by the migrations), dropped after."""
    from desktop.core.storage.migrations import upgrade_server

    name = f"team_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server.dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = f"postgresql+psycopg://team_admin@/{name}?host={server.socket_dir}&port=5432"
    upgrade_server(url)
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(server.dsn(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


class Laptop:
    """One consultant's file, synced as ``member``."""

    def __init__(self, path: Path, server: Engine, member: str) -> None:
        self.path, self.server, self.member = path, server, member
        self.database = Database.open(path, create=False)
        with self.database.engine.begin() as connection:  # a copy is a laptop of its own
            connection.execute(text("UPDATE sync_clock SET replica = :r"), {"r": new_replica_id()})
            session.write_state(connection, member=member, team="the test team")

    @classmethod
    def copy_of(cls, template: Path, folder: Path, server: Engine, member: str) -> Laptop:
        path = folder / f"{member}.sqlite3"
        shutil.copyfile(template, path)
        return cls(path, server, member)

    def after(self, other: Laptop) -> None:
        """This laptop's next change comes a millisecond after ``other``'s last one (two edits
        in one test may fall into one millisecond; their order must not be left to chance)."""
        theirs = other.one("SELECT hlc FROM sync_clock")
        self.run("UPDATE sync_clock SET hlc = max(hlc, :t + 65536)", t=theirs)

    def sync(self) -> session.SyncReport:
        writer = self.database.backend.writer(self.database.engine)
        return session.sync(writer, self.server, member=self.member)

    def run(self, sql: str, **params: Any) -> None:
        with self.database.engine.begin() as connection:
            connection.execute(text(sql), params)

    def one(self, sql: str, **params: Any) -> Any:
        with self.database.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar_one_or_none()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.database.engine.connect() as connection:
            return list(connection.execute(text(sql), params).scalars())

    def digest(self) -> str:
        with self.database.engine.connect() as connection:
            return digest.replica_digest(connection)

    def close(self) -> None:
        self.database.close()


def server_digest(server: Engine) -> str:
    with server.connect() as connection:
        return digest.server_digest(connection)
