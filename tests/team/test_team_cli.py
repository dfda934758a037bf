"""A consultant's whole path on the command line, as a real member with a password: join,
sync, carry changes by file — and every way it can go wrong, with local work untouched."""

from __future__ import annotations

import io
import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from desktop.cli.main import main
from desktop.core.storage.database import content_digest, make_engine
from desktop.core.team import admin
from desktop.core.team.dsn import ServerAddress
from tests.team.server import TeamServer

RUN = uuid.uuid4().hex[:6]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture(scope="module")
def team(team_server: TeamServer) -> Iterator[tuple[str, dict[str, str]]]:
    """A team database with two members: (admin dsn, member → password)."""
    name = f"cli_{RUN}"
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"CREATE DATABASE {name}")
    address = ServerAddress.parse(team_server.dsn(dbname=name))
    admin.init_team(address.url())
    members = {who: admin.add_member(address.url(), f"{who}_{RUN}") for who in ("anna", "ben")}
    yield address.redacted(), members
    with psycopg.connect(team_server.dsn(), autocommit=True) as server:
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")
        for who in members:
            server.execute(f"DROP ROLE IF EXISTS {who}_{RUN}")


def member_dsn(admin_dsn: str, who: str) -> str:
    return ServerAddress.parse(admin_dsn).for_user(f"{who}_{RUN}").redacted()


def digest(path: Path) -> str:
    engine = make_engine(path)
    try:
        return content_digest(engine)
    finally:
        engine.dispose()


def test_join_sync_and_a_package_from_the_command_line(
    team: tuple[str, dict[str, str]],
    seeded_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin_dsn, passwords = team
    anna, ben = tmp_path / "anna.sqlite3", tmp_path / "ben.sqlite3"
    for path in (anna, ben):
        shutil.copyfile(seeded_template, path)
    monkeypatch.setenv("PGPASSWORD", passwords["anna"])
    status, said = run("--db", str(anna), "team", "join", "--dsn", member_dsn(admin_dsn, "anna"))
    assert status == 0, said
    assert "Joined the team" in said and passwords["anna"] not in said
    monkeypatch.setenv("PGPASSWORD", passwords["ben"])
    assert run("--db", str(ben), "team", "join", "--dsn", member_dsn(admin_dsn, "ben"))[0] == 0

    monkeypatch.setenv("PGPASSWORD", passwords["anna"])
    engine = make_engine(anna)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE entity SET website = 'https://cli.example' WHERE slug = 'fraunhofer-izi'"
        )
    engine.dispose()
    status, said = run("--db", str(anna), "sync", "--json")
    assert status == 0, said
    assert json.loads(said)["sent"] == 1
    monkeypatch.setenv("PGPASSWORD", passwords["ben"])
    status, said = run("--db", str(ben), "sync", "--json")
    assert json.loads(said)["received"] >= 1
    status, said = run("--db", str(ben), "show", "fraunhofer-izi")
    assert "https://cli.example" in said

    package = tmp_path / "anna.changes"
    engine = make_engine(anna)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE entity SET location = 'Leipzig, by file' WHERE slug = 'fraunhofer-izi'"
        )
    engine.dispose()
    assert run("--db", str(anna), "changes", "export", str(package))[0] == 0
    for _twice in range(2):
        status, said = run("--db", str(ben), "changes", "import", str(package))
        assert status == 0, said
    status, said = run("--db", str(ben), "show", "fraunhofer-izi")
    assert "Leipzig, by file" in said


@pytest.mark.parametrize("trouble", ["wrong password", "unreachable", "newer server"])
def test_a_failed_sync_says_what_to_do_and_leaves_local_work_alone(
    team: tuple[str, dict[str, str]],
    team_server: TeamServer,
    seeded_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    trouble: str,
) -> None:
    admin_dsn, passwords = team
    laptop = tmp_path / "anna.sqlite3"
    shutil.copyfile(seeded_template, laptop)
    monkeypatch.setenv("PGPASSWORD", passwords["anna"])
    assert run("--db", str(laptop), "team", "join", "--dsn", member_dsn(admin_dsn, "anna"))[0] == 0
    engine = make_engine(laptop)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE entity SET website = 'https://waiting.example' WHERE slug = 'fraunhofer-izi'"
        )
    engine.dispose()
    before = digest(laptop)
    if trouble == "wrong password":
        monkeypatch.setenv("PGPASSWORD", "not-the-password")
        expected = "refused the login"
    elif trouble == "unreachable":
        engine = make_engine(laptop)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE sync_state SET value = replace(value, :socket, '/nonexistent')"
                " WHERE key = 'team'",
                {"socket": team_server.socket_dir},
            )
        engine.dispose()
        before = digest(laptop)
        expected = "Offline — 1 change"
    else:
        name = ServerAddress.parse(admin_dsn).dbname
        with psycopg.connect(team_server.dsn(dbname=name), autocommit=True) as server:
            server.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        expected = "newer Dossier Desk"
    try:
        status, said = run("--db", str(laptop), "sync")
    finally:
        if trouble == "newer server":
            with psycopg.connect(team_server.dsn(dbname=name), autocommit=True) as server:
                server.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    error = capsys.readouterr().err
    assert status == 1
    assert expected in said + error
    assert "Traceback" not in error and passwords["anna"] not in said + error
    assert digest(laptop) == before
