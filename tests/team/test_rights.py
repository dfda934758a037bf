"""What a consultant may do on the team's server, checked by the server itself: logged in as a
member with the password the administrator got, every write but appending their own changes
(and their own visits) is refused."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import errors

from desktop.core.team import admin
from desktop.core.team.dsn import ServerAddress
from tests.team.server import TeamServer

RUN = uuid.uuid4().hex[:6]
MEMBER, OTHER, LEAVER, OUTSIDER = (f"{who}_{RUN}" for who in ("ida", "jan", "kim", "lou"))


@dataclass(frozen=True)
class Team:
    server: TeamServer
    address: ServerAddress  # the administrator's
    password: str  # MEMBER's

    def member(self, name: str = MEMBER, password: str | None = None) -> psycopg.Connection:
        dsn = self.server.dsn(user=name, dbname=self.address.dbname, password=password)
        return psycopg.connect(dsn if password else f"{dsn} password={self.password}")


@pytest.fixture(scope="module")
def team(team_server: TeamServer) -> Iterator[Team]:
    name = f"rights_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"CREATE DATABASE {name}")
    address = ServerAddress.parse(team_server.dsn(dbname=name))
    admin.init_team(address.url())
    password = admin.add_member(address.url(), MEMBER)
    admin.add_member(address.url(), OTHER)
    yield Team(team_server, address, password)
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")
        for role in (MEMBER, OTHER, LEAVER, OUTSIDER):
            server.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def member(team: Team) -> Iterator[psycopg.Connection]:
    """The member's own connection; every statement its own transaction."""
    with team.member() as connection:
        connection.autocommit = True
        yield connection


TAG = {"code": "rights", "label": "Rights test", "category": "test"}


def change(author: str, gid: str) -> tuple[object, ...]:
    clock = f"0000000000000001.{uuid.uuid4().hex[:12]}"
    return (clock, gid, "", "laptop1", author, json.dumps(TAG))


INSERT_CHANGE = (
    "INSERT INTO team_change (clock, gid, field, replica, author, table_name, op, new_value)"
    " VALUES (%s, %s, %s, %s, %s, 'tag', 'create', %s)"
)


REFUSED = {
    "change the schema": "ALTER TABLE entity ADD COLUMN x int",
    "make a table": "CREATE TABLE t (x int)",
    "make a temporary table": "CREATE TEMP TABLE t (x int)",
    "rewrite the history": "UPDATE team_change SET author = 'someone'",
    "delete the history": "DELETE FROM team_change",
    "empty the history": "TRUNCATE team_change",
    "change a merged record": "UPDATE team_record SET deleted = true",
    "write a merged record": "INSERT INTO team_record (gid, table_name, fields, versions, deleted,"
    " seq) VALUES ('x', 'tag', '{}', '{}', false, 1)",
    "delete a merged record": "DELETE FROM team_record",
    "delete a conflict": "DELETE FROM team_conflict",
    "settle a conflict directly": "UPDATE team_conflict SET resolved_by = 'me'",
    "delete a visit": "DELETE FROM team_visit",
    "change the schema version": "UPDATE meta SET value = '99'",
    "write to a team table": "INSERT INTO entity_tag VALUES (1, 'x')",
    "add an index": "CREATE INDEX ix_rights_test ON team_change (author)",
    "drop the history": "DROP TABLE team_change",
    "replace the merge": "CREATE OR REPLACE FUNCTION team_merge_change() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
    "switch the policy off": "ALTER TABLE team_change DISABLE ROW LEVEL SECURITY",
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_server_refuses_a_consultant(member: psycopg.Connection, statement: str) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        member.execute(statement)


def test_a_change_in_someone_elses_name_is_refused(member: psycopg.Connection) -> None:
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        member.execute(INSERT_CHANGE, change(OTHER, f"tag/forged-{RUN}"))
    assert member.execute(
        "SELECT count(*) FROM team_change WHERE gid = %s", (f"tag/forged-{RUN}",)
    ).fetchone() == (0,)


def test_a_consultant_reads_everything_and_appends_their_own_changes(
    member: psycopg.Connection,
) -> None:
    records = member.execute("SELECT count(*) FROM team_record").fetchone()[0]
    assert records > 0  # the bundled knowledge base, loaded by init
    gid = f"tag/rights-{RUN}"
    member.execute(INSERT_CHANGE, change(MEMBER, gid))
    seq, author = member.execute(
        "SELECT seq, author FROM team_change WHERE gid = %s", (gid,)
    ).fetchone()
    assert author == MEMBER and seq > 0  # numbered by the server, not the laptop
    (fields,) = member.execute("SELECT fields FROM team_record WHERE gid = %s", (gid,)).fetchone()
    assert json.loads(fields) == TAG  # merged by the server's trigger, as the owner
    assert member.execute("SELECT count(*) FROM team_record").fetchone()[0] == records + 1


def test_the_server_numbers_a_change_whatever_the_laptop_says(
    member: psycopg.Connection,
) -> None:
    gid = f"tag/numbered-{RUN}"
    member.execute(
        "INSERT INTO team_change (clock, gid, field, seq, replica, author, table_name, op,"
        " new_value, received_at) VALUES (%s, %s, '', -5, 'laptop1', %s, 'tag', 'create',"
        " '{}', '1999-01-01')",
        (f"0000000000000002.{RUN}", gid, MEMBER),
    )
    seq, received = member.execute(
        "SELECT seq, received_at FROM team_change WHERE gid = %s", (gid,)
    ).fetchone()
    assert seq > 0 and received.year > 1999


def test_a_consultant_records_their_own_visits_only(member: psycopg.Connection) -> None:
    replica = f"visit-{RUN}"
    member.execute(
        "INSERT INTO team_visit (replica, member, last_sync_at, pulled_seq)"
        " VALUES (%s, %s, now(), 1)"
        " ON CONFLICT (replica) DO UPDATE SET last_sync_at = excluded.last_sync_at,"
        " pulled_seq = excluded.pulled_seq",
        (replica, MEMBER),
    )
    member.execute("UPDATE team_visit SET pulled_seq = 2 WHERE replica = %s", (replica,))
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        member.execute(
            "INSERT INTO team_visit (replica, member, last_sync_at, pulled_seq)"
            " VALUES (%s, %s, now(), 1)",
            (f"forged-{RUN}", OTHER),
        )
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        member.execute("UPDATE team_visit SET member = %s WHERE replica = %s", (OTHER, replica))


def test_a_role_outside_the_team_cannot_even_connect(team: Team) -> None:
    with psycopg.connect(team.server.dsn(), autocommit=True) as server:
        server.execute(f"CREATE ROLE {OUTSIDER} LOGIN PASSWORD 'outside'")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        team.member(OUTSIDER, "outside")


def test_a_removed_member_cannot_log_in(team: Team) -> None:
    password = admin.add_member(team.address.url(), LEAVER)
    with team.member(LEAVER, password) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (LEAVER,)
    admin.remove_member(team.address.url(), LEAVER)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        team.member(LEAVER, password)
