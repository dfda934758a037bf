"""The team tests' shared fixture: a team database on the test server, filled from the seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.core.sync.publish import publish_database
from tests.team.laptops import team_database
from tests.team.server import TeamServer


@pytest.fixture
def team(team_server: TeamServer, seeded_template: Path) -> Iterator[Engine]:
    """A new team database holding the bundled knowledge base (as ``team init`` makes it),
    reached as the server's administrator; dropped after the test."""
    with team_database(team_server) as server:
        publish_database(server, seeded_template, author="team_admin")
        yield server
