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

from desktop.core.storage.postgres.connection import DRIVER

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DEFAULT_PORT = 5432
REQUIRED = ("host", "dbname", "user")
# Options that hold a secret: never kept beside the address, never shown.
SECRETS = frozenset({"password", "sslpassword"})
# Read from a file the program would have to trust blindly; the keyring or a prompt instead.
REFUSED = frozenset({"passfile", "service", "servicefile"})
FORMAT_HINT = (
    "write it as 'host=… port=… dbname=… user=…' (plus sslmode=… and other options) "
    "or as postgresql://user@host:port/dbname?sslmode=…"
)


class AddressError(ValueError):
    """The text is not a server address we can use; the message never repeats its values."""


def parse(text: str) -> dict[str, str]:
    """The address's parameters (libpq's names: host, port, dbname, user, sslmode …), the
    password among them if one was written; raises :class:`AddressError`."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    text = text.strip()
    if text.startswith(f"{DRIVER}://"):  # a SQLAlchemy URL: libpq knows it without the driver
        text = "postgresql://" + text.removeprefix(f"{DRIVER}://")
    if not text:
        raise AddressError(f"The server address is empty: {FORMAT_HINT}.")
    try:
        found = conninfo_to_dict(text)
    except psycopg.ProgrammingError as error:
        said = str(error).strip()
        # "invalid connection option "x"" names an option, never a value; keep that one.
        detail = f" ({said})" if said.startswith("invalid connection option") else ""
        raise AddressError(f"Cannot read the server address{detail}: {FORMAT_HINT}.") from None
    params = {key: str(value) for key, value in found.items() if value is not None}
    refused = sorted(REFUSED & params.keys())
    if refused:
        raise AddressError(
            f"The server address may not use {', '.join(refused)}: give host, port, dbname "
            "and user themselves."
        )
    missing = [key for key in REQUIRED if not params.get(key)]
    if missing:
        raise AddressError(f"The server address has no {', '.join(missing)}: {FORMAT_HINT}.")
    port = params.setdefault("port", str(DEFAULT_PORT))
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise AddressError("The server address's port must be a number from 1 to 65535.")
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


def describe(target: str | URL) -> str:
    """``user on host:port/dbname`` for messages: where a URL points, without its password."""
    from sqlalchemy.engine import make_url

    found = make_url(target)
    host = found.query.get("host") or found.host or "localhost"
    port = found.query.get("port") or found.port or DEFAULT_PORT
    where = host if str(host).startswith("/") else f"{host}:{port}"
    return f"{found.username} on {where}/{found.database}"
