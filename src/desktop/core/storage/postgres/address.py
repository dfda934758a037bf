"""A server address as a person types it, read the way libpq reads it, and the URL made of it.

Two spellings are accepted, both libpq's own (so an address that works with ``psql`` works
here): keyword pairs ``host=db.example.org port=5432 dbname=dossier user=anna
sslmode=verify-full`` and a URL ``postgresql://anna@db.example.org:5432/dossier?sslmode=…``.
libpq's parser reads them (quoting, percent-escapes and all); the messages here are our own,
because libpq's quote the text it stumbled on, which may be a password.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.core.language.messages import Message, message
from desktop.core.storage.postgres.connection import DRIVER

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DEFAULT_PORT = 5432
REQUIRED = ("host", "dbname", "user")
# Options that hold a secret: never kept beside the address, never shown.
SECRETS = frozenset({"password", "sslpassword"})
# Read from a file the program would have to trust blindly; the keyring or a prompt instead.
REFUSED = frozenset({"passfile", "service", "servicefile"})


def format_hint() -> Message:
    """How to write an address, for the messages about one that cannot be read."""
    return message(
        "write it as 'host=… port=… dbname=… user=…' (plus sslmode=… and other options) "
        "or as postgresql://user@host:port/dbname?sslmode=…"
    )


class AddressError(ValueError):
    """The text is not a server address we can use; the message never repeats its values.
    ``str()`` is the English, :attr:`message` the sentence to say in the reader's language."""

    def __init__(self, sentence: Message) -> None:
        super().__init__(str(sentence))
        self.message = sentence


def parse(text: str) -> dict[str, str]:
    """The address's parameters (libpq's names: host, port, dbname, user, sslmode …), the
    password among them if one was written; raises :class:`AddressError`."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    text = text.strip()
    if text.startswith(f"{DRIVER}://"):  # a SQLAlchemy URL: libpq knows it without the driver
        text = "postgresql://" + text.removeprefix(f"{DRIVER}://")
    if not text:
        raise AddressError(message("The server address is empty: {hint}.", hint=format_hint()))
    try:
        found = conninfo_to_dict(text)
    except psycopg.ProgrammingError as error:
        said = str(error).strip()
        # "invalid connection option "x"" names an option, never a value; keep that one.
        if said.startswith("invalid connection option"):
            unread = message(
                "Cannot read the server address ({detail}): {hint}.",
                detail=said,
                hint=format_hint(),
            )
        else:
            unread = message("Cannot read the server address: {hint}.", hint=format_hint())
        raise AddressError(unread) from None
    params = {key: str(value) for key, value in found.items() if value is not None}
    refused = sorted(REFUSED & params.keys())
    if refused:
        raise AddressError(
            message(
                "The server address may not use {options}: give host, port, dbname and user "
                "themselves.",
                options=", ".join(refused),
            )
        )
    missing = [key for key in REQUIRED if not params.get(key)]
    if missing:
        raise AddressError(
            message(
                "The server address has no {options}: {hint}.",
                options=", ".join(missing),
                hint=format_hint(),
            )
        )
    port = params.setdefault("port", str(DEFAULT_PORT))
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError(message("The server address's port must be a number from 1 to 65535."))
    return params


def keyword_text(params: Mapping[str, str]) -> str:
    """``key=value`` pairs in libpq's syntax (values quoted where needed); secrets as ``***``."""
    order = ["host", "port", "dbname", "user", *sorted(set(params) - set(REQUIRED) - {"port"})]
    return " ".join(
        f"{key}={'***' if key in SECRETS else _quoted(params[key])}"
        for key in order
        if key in params
    )


def _quoted(value: str) -> str:
    if value and not any(char.isspace() or char in "'\\" for char in value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def url(
    *,
    host: str,
    port: int,
    dbname: str,
    user: str,
    password: str | None,
    options: Mapping[str, str],
) -> URL:
    """The SQLAlchemy URL for psycopg 3. A host that is a socket folder (it starts with ``/``)
    or a list of hosts travels in the query, where libpq reads it as such; the options
    (sslmode, sslrootcert, connect_timeout …) travel unchanged."""
    from sqlalchemy.engine import URL

    query = {key: value for key, value in options.items() if key not in SECRETS}
    if host.startswith("/") or "," in host:
        query.update(host=host, port=str(port))
        return URL.create(DRIVER, username=user, password=password, database=dbname, query=query)
    return URL.create(
        DRIVER,
        username=user,
        password=password,
        host=host,
        port=port,
        database=dbname,
        query=query,
    )


def server_name(user: object, host: object, port: object, database: object) -> Message:
    """``user on host:port/dbname`` (a socket folder stands for host and port): how messages
    name the server, ``on`` said in the reader's language (``str()`` for the English)."""
    where = host if str(host).startswith("/") else f"{host}:{port}"
    return message("{user} on {where}/{database}", user=user, where=where, database=database)


def describe(target: str | URL) -> Message:
    """:func:`server_name` of where a URL points, without its password."""
    from sqlalchemy.engine import make_url

    found = make_url(target)
    host = found.query.get("host") or found.host or "localhost"
    port = found.query.get("port") or found.port or DEFAULT_PORT
    return server_name(found.username, host, port, found.database)
