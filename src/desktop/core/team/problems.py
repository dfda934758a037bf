"""Driver errors from the team's server, as one sentence a person can act on.

Each message names the server as ``user on host:port/dbname`` and says what to do. It never
holds a password, nor the statement that failed (a statement may hold a password's verifier):
only the server's one-line reason, which names roles and databases but no secrets.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from desktop.core.errors import (
    DossierError,
    NotTeamAdminError,
    ServerPasswordError,
    ServerUnreachableError,
    TeamDatabaseMissingError,
    TeamNotSetUpError,
    TeamServerError,
)
from desktop.core.storage.postgres import address as server_address
from desktop.core.storage.postgres import connection as server_connection

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

Problem = server_connection.ConnectionProblem
SET_UP_HINT = "run 'dossier-desk team init' first"


def team_error(url: str | URL, error: BaseException) -> TeamServerError | None:
    """The error to raise instead of ``error``; None for errors that are bugs."""
    from sqlalchemy.engine import make_url

    found = make_url(url)
    name = server_address.describe(found)
    user, database = found.username, found.database
    problem = server_connection.connection_problem(error)
    if problem is Problem.NO_PASSWORD:
        return ServerPasswordError(
            f"The server asks for {user}'s password ({name}) and none was given: set "
            "PGPASSWORD, keep it in the keyring, or run the command in a terminal to be asked.",
            missing=True,
        )
    if problem is Problem.WRONG_PASSWORD:
        return ServerPasswordError(
            f"The server refused the login of {name}: check the user name and the password, "
            "then try again."
        )
    if problem is Problem.NO_DATABASE:
        return TeamDatabaseMissingError(
            f"The server has no database {database} ({name}). Check its name, or have it "
            f"created first (CREATE DATABASE {database})."
        )
    if problem is Problem.NOT_ALLOWED:
        return ServerPasswordError(
            f"The server does not let {user} log in from here ({name}): "
            f"{server_connection.connection_reason(error)}. Ask whoever runs the server."
        )
    if problem is Problem.UNREACHABLE:
        return ServerUnreachableError(
            f"Cannot reach the server for {name} "
            f"({server_connection.connection_reason(error)}). Check the host, the port and "
            "the network (and sslmode/sslrootcert), then try again."
        )
    if server_connection.is_connection_error(error):
        return TeamServerError(
            f"The server for {name} did not let the connection through "
            f"({server_connection.connection_reason(error)}). Try again later, or ask whoever "
            "runs the server."
        )
    reason = server_connection.primary_message(error)
    if server_connection.is_privilege_error(error):
        return NotTeamAdminError(
            f"The server refused {user} this ({name}: {reason}). It takes the team's "
            "administrator: the database's owner, with a role that may create roles."
        )
    if server_connection.is_missing_table_error(error):
        return TeamNotSetUpError(f"{name} holds no team yet ({reason}): {SET_UP_HINT}.")
    return None


@contextmanager
def translated(url: str | URL) -> Iterator[None]:
    """Raise :func:`team_error`'s error instead of a driver error from the block."""
    try:
        yield
    except DossierError:
        raise
    except Exception as error:
        replacement = team_error(url, error)
        if replacement is None:
            raise
        raise replacement from error
