"""Connections to the team's server, and what psycopg's errors mean.

The engine waits at most :data:`CONNECT_TIMEOUT_S` for a server that does not answer (a laptop
on a train must not hang), checks a pooled connection before handing it out (a server restart
or a dropped VPN must not fail the next sync), and gives up waiting for another transaction's
lock after :data:`LOCK_TIMEOUT` (the server's equivalent of a file's busy timeout). Every
session speaks UTC: the tables' timestamps hold UTC without a zone, as in a laptop file, and a
session in the server's own zone would shift every aware time written into them. TLS options
(``sslmode``, ``sslrootcert`` …) travel in the URL's query and reach libpq unchanged; so does
``connect_timeout`` (replacing ours), and ``options`` (added after ours, so its settings win).

Errors are told apart by their SQLSTATE, except those raised while connecting: libpq reports
those as text only (no SQLSTATE), so :func:`connection_problem` reads the text.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

DRIVER = "postgresql+psycopg"
SCHEMES = frozenset({"postgresql", "postgres", DRIVER})
CONNECT_TIMEOUT_S = 5
LOCK_TIMEOUT = "15s"
SESSION_OPTIONS = f"-c lock_timeout={LOCK_TIMEOUT} -c TimeZone=UTC"

# SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
_LOCKED = frozenset({"55P03", "40001", "40P01"})  # lock_not_available, serialization, deadlock
_DAMAGED = frozenset({"XX001", "XX002"})  # data_corrupted, index_corrupted
_READ_ONLY = "25006"  # read_only_sql_transaction (a standby, default_transaction_read_only)
_UNDEFINED_TABLE = "42P01"
_INSUFFICIENT_PRIVILEGE = "42501"


# --- engines -------------------------------------------------------------------------------


def server_url(target: str | URL) -> URL:
    """``target`` as a URL for psycopg 3 (``postgresql://`` and ``postgres://`` become
    ``postgresql+psycopg://``)."""
    from sqlalchemy.engine import make_url

    url = make_url(target)
    if url.drivername not in SCHEMES:
        raise ValueError(f"Not a server database URL: {url.drivername}://…")
    return url.set(drivername=DRIVER)


def create_engine(
    target: str | URL,
    *,
    translate: Callable[[BaseException], BaseException | None] | None = None,
) -> Engine:
    """An engine on the server database ``target`` names (see the module docstring)."""
    from sqlalchemy import create_engine, event

    url = server_url(target)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    given = url.query.get("options")
    connect_args["options"] = f"{SESSION_OPTIONS} {given}" if given else SESSION_OPTIONS
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if translate is not None:

        @event.listens_for(engine, "handle_error")
        def _on_error(context: Any) -> None:
            replacement = translate(context.original_exception)
            if replacement is not None:
                raise replacement from context.original_exception

    return engine


# --- what an error means -------------------------------------------------------------------


def _original(error: BaseException) -> BaseException:
    """The driver's error inside SQLAlchemy's wrapping."""
    return getattr(error, "orig", None) or error


def sqlstate(error: BaseException) -> str | None:
    return getattr(_original(error), "sqlstate", None)


def is_locked_error(error: BaseException) -> bool:
    """A lock wait ran out (``lock_timeout``), or the server gave up one of two transactions
    that wanted the same rows (serialization failure, deadlock): trying again may succeed."""
    return sqlstate(error) in _LOCKED


def is_not_a_database_error(error: BaseException) -> bool:
    """The server found damaged data or a damaged index."""
    return sqlstate(error) in _DAMAGED


def is_read_only_error(error: BaseException) -> bool:
    """The server accepts no writes (a standby, or a read-only default). Missing rights are
    not this: they are :func:`is_privilege_error`."""
    return sqlstate(error) == _READ_ONLY


def is_missing_table_error(error: BaseException) -> bool:
    return sqlstate(error) == _UNDEFINED_TABLE


def is_privilege_error(error: BaseException) -> bool:
    """The role lacks a right (not the owner, no CREATEROLE, a row-level policy said no)."""
    return sqlstate(error) == _INSUFFICIENT_PRIVILEGE


def driver_message(error: BaseException) -> str:
    """psycopg's own words, without SQLAlchemy's wrapping and SQL echo. libpq's messages name
    the server and the role, never the password."""
    original = _original(error)
    return str(original).strip() or type(original).__name__


def primary_message(error: BaseException) -> str:
    """The server's one-line message ("role "x" already exists"), without the statement that
    psycopg quotes after it (a statement may hold a secret)."""
    original = _original(error)
    diag = getattr(original, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return primary or driver_message(error).splitlines()[0]


class ConnectionProblem(Enum):
    """Why a connection could not be opened, as far as a person can do something about it."""

    NO_PASSWORD = "no password"  # the server asks for one and none was given
    WRONG_PASSWORD = "wrong password"  # or no such role: the server does not say which
    UNREACHABLE = "unreachable"  # no such host, nothing listening, timeout, TLS failed
    NO_DATABASE = "no database"
    NOT_ALLOWED = "not allowed"  # no pg_hba.conf line, a NOLOGIN role, no CONNECT right


# Each problem with the words that give it away, in the order they are tried (a message that
# names a database and a refusal is a refusal). libpq's and the server's English messages.
_PROBLEM_WORDS: tuple[tuple[ConnectionProblem, tuple[str, ...]], ...] = (
    (ConnectionProblem.NO_PASSWORD, ("no password supplied",)),
    (
        ConnectionProblem.WRONG_PASSWORD,
        ("password authentication failed", "authentication failed for user"),
    ),
    (
        ConnectionProblem.NOT_ALLOWED,
        ("no pg_hba.conf entry", "not permitted to log in", "permission denied for database"),
    ),
    (
        ConnectionProblem.UNREACHABLE,
        (
            "could not connect",
            "connection refused",
            "failed to resolve host",
            "could not translate host name",
            "no such file or directory",
            "timeout expired",
            "network is unreachable",
            "no route to host",
            "server closed the connection",
            "ssl",
            "certificate",
        ),
    ),
)


def is_connection_error(error: BaseException) -> bool:
    """Raised while connecting (or when the connection broke): libpq's, with no SQLSTATE."""
    import psycopg

    original = _original(error)
    return isinstance(original, psycopg.OperationalError) and original.sqlstate is None


def connection_problem(error: BaseException) -> ConnectionProblem | None:
    """What went wrong opening a connection; None for errors that are not about connecting
    (or that nobody but the server's operator can put right, said in the driver's words)."""
    if not is_connection_error(error):
        return None
    message = str(_original(error)).lower()
    if 'role "' in message and "does not exist" in message:
        return ConnectionProblem.WRONG_PASSWORD  # a trusted connection names the role
    if 'database "' in message and "does not exist" in message:
        return ConnectionProblem.NO_DATABASE
    for problem, words in _PROBLEM_WORDS:
        if any(word in message for word in words):
            return problem
    if "connection to server" in message and "fatal:" not in message:
        return ConnectionProblem.UNREACHABLE  # libpq's own failure, before any answer
    return None


def connection_reason(error: BaseException) -> str:
    """The part of a connection error after libpq's "connection to server … failed:", which
    repeats the address the caller already names."""
    message = " ".join(driver_message(error).split())
    reason = message.rpartition(" failed: ")[2] or message
    return reason.removeprefix("FATAL: ").strip()
