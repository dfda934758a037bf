"""The team tests run against a real PostgreSQL server that the test run starts itself."""

from __future__ import annotations

import psycopg
import pytest

from tests.team.server import TeamServer


def test_the_server_is_postgresql_15_or_newer(team_server: TeamServer) -> None:
    with psycopg.connect(team_server.dsn()) as connection:
        version = connection.execute("SHOW server_version_num").fetchone()[0]
    assert int(version) >= 150000


def test_it_listens_on_no_network_address(team_server: TeamServer) -> None:
    """Only the Unix socket in the run's own folder: nothing else on the machine reaches it."""
    with psycopg.connect(team_server.dsn()) as connection:
        addresses = connection.execute("SHOW listen_addresses").fetchone()[0]
        socket_dirs = connection.execute("SHOW unix_socket_directories").fetchone()[0]
    assert addresses == ""
    assert socket_dirs == team_server.socket_dir


def test_a_member_gets_in_with_their_password_only(team_server: TeamServer) -> None:
    with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS anna_probe")
        admin.execute("CREATE ROLE anna_probe LOGIN PASSWORD 'right-one'")
    try:
        with psycopg.connect(team_server.dsn(user="anna_probe", password="right-one")) as member:
            assert member.execute("SELECT current_user").fetchone()[0] == "anna_probe"
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(team_server.dsn(user="anna_probe", password="wrong"))
    finally:
        with psycopg.connect(team_server.dsn(), autocommit=True) as admin:
            admin.execute("DROP ROLE anna_probe")
