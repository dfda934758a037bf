"""Shared fixtures: every test gets its own database file and its own user folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANGUAGE"] = "en"  # the suite reads English; a test that wants German says so

from desktop.core.storage.database import Database, build_seeded_database

if TYPE_CHECKING:
    from tests.team.server import TeamServer


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point data, config, cache and log folders into ``tmp_path``; never touch the real ones."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True)
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.delenv("DOSSIER_DESK_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge base, built once per run; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    build_seeded_database(path)
    return path


@pytest.fixture
def db_path(seeded_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seeded database (the template is closed and checkpointed)."""
    path = tmp_path / "knowledge.sqlite3"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = Database.open(db_path, create=False)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def team_server() -> Iterator[TeamServer]:
    """A real PostgreSQL server for the team tests, started for this run and removed after.

    A server that cannot be started fails the tests that need it, never skips them: the team
    features are only tested when they run against the real thing.
    """
    from tests.team.server import ServerUnavailableError, start

    try:
        server = start()
    except ServerUnavailableError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
