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


def not_set_up(where: object) -> TeamNotSetUpError:
    """The error for a database that holds no team yet: ``team init`` comes first."""
    return TeamNotSetUpError(
        "{server} holds no team yet: run 'dossier-desk team init' first.", server=where
    )


def team_error(url: str | URL, error: BaseException) -> TeamServerError | None:
    """The error to raise instead of ``error``; None for errors that are bugs. The server's
    own words (its reason) are a value, as the server wrote them."""
    from sqlalchemy.engine import make_url

    found = make_url(url)
    name = server_address.describe(found)
    user, database = found.username, found.database
    problem = server_connection.connection_problem(error)
    if problem is Problem.NO_PASSWORD:
        return ServerPasswordError(
            "The server asks for {user}'s password ({server}) and none was given: set "
            "PGPASSWORD, keep it in the keyring, or run the command in a terminal to be asked.",
            missing=True,
            user=user,
            server=name,
        )
    if problem is Problem.WRONG_PASSWORD:
        return ServerPasswordError(
            "The server refused the login of {server}: check the user name and the password, "
            "then try again.",
            server=name,
        )
    if problem is Problem.NO_DATABASE:
        return TeamDatabaseMissingError(
            "The server has no database {database} ({server}). Check its name, or have it "
            "created first (CREATE DATABASE {database}).",
            database=database,
            server=name,
        )
    if problem is Problem.NOT_ALLOWED:
        return ServerPasswordError(
            "The server does not let {user} log in from here ({server}): {reason}. Ask "
            "whoever runs the server.",
            user=user,
            server=name,
            reason=server_connection.connection_reason(error),
        )
    if problem is Problem.UNREACHABLE:
        return ServerUnreachableError(
            "Cannot reach the server for {server} ({reason}). Check the host, the port and "
            "the network (and sslmode/sslrootcert), then try again.",
            server=name,
            reason=server_connection.connection_reason(error),
        )
    if server_connection.is_connection_error(error):
        return TeamServerError(
            "The server for {server} did not let the connection through ({reason}). Try "
            "again later, or ask whoever runs the server.",
            server=name,
            reason=server_connection.connection_reason(error),
        )
    reason = server_connection.primary_message(error)
    if server_connection.is_privilege_error(error):
        return NotTeamAdminError(
            "The server refused {user} this ({server}: {reason}). It takes the team's "
            "administrator: the database's owner, with a role that may create roles.",
            user=user,
            server=name,
            reason=reason,
        )
    if server_connection.is_missing_table_error(error):
        return TeamNotSetUpError(
            "{server} holds no team yet ({reason}): run 'dossier-desk team init' first.",
            server=name,
            reason=reason,
        )
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
