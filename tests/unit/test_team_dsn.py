"""The team's server address as typed, and its password: read both spellings, keep options,
and never show a password — in the text, the repr, an error, or the keyring's absence."""

from __future__ import annotations

import io
import sys
import types
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from desktop.cli.main import main
from desktop.core.errors import ServerAddressError
from desktop.core.team import secrets
from desktop.core.team.dsn import ServerAddress, parse_dsn

SECRET = "s3cr3t-Passw0rd"
KEYWORDS = (
    "host=db.example.org port=6543 dbname=dossier user=anna sslmode=verify-full"
    " sslrootcert=/etc/ssl/team-ca.pem"
)
AS_URL = (
    "postgresql://anna@db.example.org:6543/dossier"
    "?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem"
)


def test_both_spellings_give_the_same_address() -> None:
    address = ServerAddress.parse(KEYWORDS)
    assert address == ServerAddress.parse(AS_URL) == parse_dsn(f"  {AS_URL}\n")
    assert (address.host, address.port, address.dbname, address.user) == (
        "db.example.org",
        6543,
        "dossier",
        "anna",
    )
    assert address.option("sslmode") == "verify-full"
    assert address.keyring_user == "anna@db.example.org/dossier"
    assert address.name == "anna on db.example.org:6543/dossier"
    assert ServerAddress.parse("host=h dbname=d user=u").port == 5432


def test_the_url_is_for_psycopg_with_every_option() -> None:
    url = ServerAddress.parse(KEYWORDS).url(SECRET)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == (
        "db.example.org",
        6543,
        "dossier",
        "anna",
    )
    assert dict(url.query) == {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/team-ca.pem"}
    assert url.password == SECRET
    assert SECRET not in str(url) and SECRET not in repr(url)
    assert make_url(url.render_as_string(hide_password=False)) == url


def test_a_socket_folder_travels_in_the_query() -> None:
    url = ServerAddress.parse("host=/run/team port=5433 dbname=d user=u connect_timeout=3").url()
    assert url.host is None and url.password is None
    assert dict(url.query) == {"host": "/run/team", "port": "5433", "connect_timeout": "3"}


def test_a_password_typed_into_the_address_is_never_shown() -> None:
    for typed in (f"{KEYWORDS} password={SECRET}", AS_URL.replace("anna@", f"anna:{SECRET}@")):
        address = ServerAddress.parse(typed)
        assert address.has_password and address.password == SECRET
        for text in (address.redacted(), str(address), repr(address), f"{address!r}"):
            assert SECRET not in text
        assert "password=***" in address.redacted()
        assert address.url().password == SECRET  # usable, when the holder decides to
        assert address == ServerAddress.parse(KEYWORDS)  # the password is not the address
        assert not address.for_user("bert").has_password


def test_the_redacted_text_reads_back_as_the_same_address() -> None:
    address = ServerAddress.parse(
        "host=db port=5432 dbname='team db' user=anna application_name='it\\'s ours'"
    )
    assert address.dbname == "team db" and address.option("application_name") == "it's ours"
    assert ServerAddress.parse(address.redacted()) == address


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "empty"),
        ("host=db user=anna", "no dbname"),
        ("dbname=d user=u", "no host"),
        ("host=db dbname=d user=u port=eighty", "port"),
        (f"host=db dbname=d user=u passfile=/home/{SECRET}", "passfile"),
        (f"host=db dbname=d user=u password {SECRET}", "Cannot read"),
        (f"host=db dbname=d user=u password='{SECRET}", "Cannot read"),
        (f"mysql://u:{SECRET}@db/d", "Cannot read"),
        ("host=db dbname=d user=u colour=blue", 'invalid connection option "colour"'),
    ],
)
def test_an_address_that_cannot_be_used_is_said_so_without_its_values(
    typed: str, said: str
) -> None:
    with pytest.raises(ServerAddressError, match=said) as refused:
        ServerAddress.parse(typed)
    assert SECRET not in str(refused.value)
    assert refused.value.__cause__ is None  # the driver's words, which quote values, are dropped
    assert refused.value.__context__ is None or refused.value.__suppress_context__


def test_the_command_line_refuses_a_password_in_the_address(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = io.StringIO()
    code = main(["team", "status", "--dsn", f"host=db dbname=d user=u password={SECRET}"], out=out)
    error = capsys.readouterr().err
    assert code == 1 and "Leave the password out" in error
    assert SECRET not in error and SECRET not in out.getvalue()


# --- the keyring -------------------------------------------------------------------------------


class FakeKeyring:
    """A keyring backend as the ``keyring`` library hands one out."""

    def __init__(self, priority: float = 5, fails: bool = False) -> None:
        self.priority = priority
        self.fails = fails
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        if self.fails:
            raise RuntimeError("the keyring is locked")
        return self.kept.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        if self.fails:
            raise RuntimeError("the keyring is locked")
        self.kept[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        if self.fails:
            raise RuntimeError("the keyring is locked")
        del self.kept[(service, user)]


def use_keyring(monkeypatch: pytest.MonkeyPatch, backend: Any) -> None:
    module = types.ModuleType("keyring")
    module.get_keyring = lambda: backend  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)


ADDRESS = ServerAddress.parse(KEYWORDS)


def test_a_password_is_kept_in_the_keyring_under_user_host_and_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = FakeKeyring()
    use_keyring(monkeypatch, backend)
    assert secrets.keyring_available()
    assert secrets.stored_password(ADDRESS) is None
    assert secrets.store_password(ADDRESS, SECRET)
    assert backend.kept == {("dossier-desk", "anna@db.example.org/dossier"): SECRET}
    assert secrets.stored_password(ADDRESS) == SECRET
    assert secrets.stored_password(ADDRESS.for_user("bert")) is None
    secrets.forget_password(ADDRESS)
    assert secrets.stored_password(ADDRESS) is None
    secrets.forget_password(ADDRESS)  # nothing kept: nothing to do


@pytest.mark.parametrize(
    "backend",
    [None, FakeKeyring(priority=0), FakeKeyring(priority=-1), FakeKeyring(fails=True)],
    ids=["no keyring library", "the fail backend", "the null backend", "a locked keyring"],
)
def test_without_a_usable_keyring_nothing_is_kept_and_nothing_fails(
    monkeypatch: pytest.MonkeyPatch, backend: FakeKeyring | None
) -> None:
    if backend is None:
        monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring: ImportError
    else:
        use_keyring(monkeypatch, backend)
    assert not secrets.store_password(ADDRESS, SECRET)
    assert secrets.stored_password(ADDRESS) is None
    secrets.forget_password(ADDRESS)
    if backend is not None and backend.fails:
        assert secrets.keyring_available()  # it exists; it just would not answer
    else:
        assert not secrets.keyring_available()
