"""The team's server as a person types it: one value, whose text never shows a password.

Typed either as keyword pairs (``host=db.example.org port=5432 dbname=dossier user=anna
sslmode=verify-full``) or as the same in a URL (``…://anna@db.example.org:5432/dossier?…``).
A password written into the address is kept apart: it is in no text the value gives
(:meth:`ServerAddress.redacted`, ``str``, ``repr``), in no comparison, in no error message.
Whoever holds the value decides whether it may be used (:meth:`ServerAddress.url`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.errors import ServerAddressError
from desktop.core.language.messages import Message
from desktop.core.storage.postgres import address as server_address

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


@dataclass(frozen=True)
class ServerAddress:
    """Where the team's database is and who connects to it."""

    host: str  # a name, an address, or a socket folder (it starts with "/")
    port: int
    dbname: str
    user: str
    # Everything else the address gave (sslmode, sslrootcert, connect_timeout …), sorted.
    options: tuple[tuple[str, str], ...] = ()
    password: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """Read what was typed; :class:`ServerAddressError` says what is wrong with it."""
        try:
            params = server_address.parse(text)
        except server_address.AddressError as error:
            raise ServerAddressError(error.message) from None
        password = params.pop("password", None) or None
        host, port = params.pop("host"), int(params.pop("port"))
        dbname, user = params.pop("dbname"), params.pop("user")
        params.pop("sslpassword", None)  # a key file's password is asked for, never kept
        return cls(host, port, dbname, user, tuple(sorted(params.items())), password)

    def option(self, key: str) -> str | None:
        return dict(self.options).get(key)

    def redacted(self) -> str:
        """The address as keyword pairs, a password shown as ``***``: safe to print, log and
        store."""
        params = {"host": self.host, "port": str(self.port), "dbname": self.dbname}
        params |= {"user": self.user, **dict(self.options)}
        if self.password is not None:
            params["password"] = "***"
        return server_address.keyword_text(params)

    @property
    def named(self) -> Message:
        """``user on host:port/dbname``: how messages name the server, in the reader's
        language."""
        return server_address.server_name(self.user, self.host, self.port, self.dbname)

    @property
    def name(self) -> str:
        """:attr:`named` in English, for logs and ``--json``."""
        return str(self.named)

    @property
    def keyring_user(self) -> str:
        """The entry a password is kept under in the keyring: ``user@host/dbname``."""
        return f"{self.user}@{self.host}/{self.dbname}"

    @property
    def has_password(self) -> bool:
        return self.password is not None

    def url(self, password: str | None = None) -> URL:
        """The database URL for connecting, with ``password`` (or the one typed into the
        address, if any). A SQLAlchemy URL shows its password as ``***`` when printed."""
        return server_address.url(
            host=self.host,
            port=self.port,
            dbname=self.dbname,
            user=self.user,
            password=password if password is not None else self.password,
            options=dict(self.options),
        )

    def for_user(self, user: str) -> ServerAddress:
        """The same server and database, for another role (a member), without a password."""
        return ServerAddress(self.host, self.port, self.dbname, user, self.options)

    def __str__(self) -> str:
        return self.redacted()

    def __repr__(self) -> str:
        return f"ServerAddress({self.redacted()!r})"


def parse_dsn(text: str) -> ServerAddress:
    """:meth:`ServerAddress.parse`."""
    return ServerAddress.parse(text)
