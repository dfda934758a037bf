"""The team's state as the server holds it: members, their last syncs, the history's size.

Read-only, and open to any member as well as the administrator: everything it reads, a
consultant may read. Roles belong to the whole server, not to one database, so the members are
those of the server's consultants' group, and the removed ones every role ever made a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import text

from desktop.core.storage.engine import SCHEMA_VERSION_SQL, make_engine
from desktop.core.storage.postgres import address as server_address
from desktop.core.storage.postgres import roles
from desktop.core.team import problems
from desktop.core.team.admin import team_ready

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.engine import URL


@dataclass(frozen=True)
class MemberStatus:
    name: str
    member: bool  # False: removed (the role stays, the history names it)
    can_log_in: bool
    last_sync_at: datetime | None  # the latest sync of any of their laptops


@dataclass(frozen=True)
class TeamStatus:
    server: str  # "user on host:port/dbname" in English, as --json gives it
    schema_version: int | None
    members: tuple[MemberStatus, ...]
    changes: int  # every change ever pushed (the history)
    records: int  # records the team holds (not deleted)
    open_conflicts: int


def team_status(url: str | URL) -> TeamStatus:
    """The state of the team at ``url``; :class:`~desktop.core.errors.TeamNotSetUpError`
    before ``team init``."""
    where = server_address.describe(url)
    with problems.translated(url):
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                if not team_ready(connection):
                    raise problems.not_set_up(where)
                return _read(connection, str(where))
        finally:
            engine.dispose()


def _read(connection: Connection, where: str) -> TeamStatus:
    def count(sql: str) -> int:
        return int(connection.execute(text(sql)).scalar_one())

    version = connection.execute(text(SCHEMA_VERSION_SQL)).scalar_one_or_none()
    visits = dict(
        connection.execute(
            text("SELECT member, max(last_sync_at) FROM team_visit GROUP BY member")
        ).all()
    )
    members = tuple(
        MemberStatus(role.name, role.in_group, role.can_log_in, visits.get(role.name))
        for role in roles.team_roles(connection)
    )
    return TeamStatus(
        server=where,
        schema_version=int(version) if version is not None and str(version).isdigit() else None,
        members=members,
        changes=count("SELECT count(*) FROM team_change"),
        records=count("SELECT count(*) FROM team_record WHERE NOT deleted"),
        open_conflicts=count("SELECT count(*) FROM team_conflict WHERE resolved_by IS NULL"),
    )
