"""The storage seam: one interface, the SQLite backend behind it, chosen in one place."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from desktop.core.search.service import search
from desktop.core.storage.backend import StorageBackend, Term, backend_for, backend_of
from desktop.core.storage.database import Database, open_reader
from desktop.core.storage.sqlite.backend import SqliteBackend


def protocol_members() -> dict[str, object]:
    return {
        name: member
        for name, member in vars(StorageBackend).items()
        if not name.startswith("_") and callable(member)
    }


@pytest.mark.parametrize("name", sorted(protocol_members()))
def test_the_sqlite_backend_has_every_method_of_the_interface(name: str) -> None:
    """Same name, same parameters in the same order and of the same kind."""
    wanted = inspect.signature(protocol_members()[name])  # type: ignore[arg-type]
    found = inspect.signature(getattr(SqliteBackend, name))
    assert [(p.name, p.kind) for p in found.parameters.values()] == [
        (p.name, p.kind) for p in wanted.parameters.values()
    ]


def test_the_sqlite_backend_has_every_attribute_of_the_interface() -> None:
    for name in StorageBackend.__annotations__:
        assert hasattr(SqliteBackend, name), name


def test_a_path_or_sqlite_url_gets_the_sqlite_backend_and_other_urls_none(tmp_path: Path) -> None:
    assert isinstance(backend_for(tmp_path / "x.sqlite3"), SqliteBackend)
    assert backend_for("sqlite:///x.sqlite3") is backend_for(tmp_path) is backend_for()
    assert backend_for("postgresql+psycopg://anna@server/dossier").name == "postgresql"
    with pytest.raises(ValueError, match="mysql") as refused:
        backend_for("mysql://anna:secret@server/dossier")
    assert "secret" not in str(refused.value)


def test_connections_of_both_kinds_name_their_backend(database: Database) -> None:
    reader = open_reader(database.path)
    try:
        assert backend_of(reader) is backend_for(database.path)
    finally:
        reader.close()
    with database.engine.connect() as connection:
        assert backend_of(connection) is backend_of(database.engine) is database.backend


def test_the_query_reaches_the_backend_as_token_groups(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search hands over data, not query syntax: every word a :class:`Term`."""
    seen: list[object] = []
    original = SqliteBackend.match_expression

    def spy(self: SqliteBackend, groups: object, *, any_token: bool = False) -> str:
        seen.append(groups)
        return original(self, groups, any_token=any_token)  # type: ignore[arg-type]

    monkeypatch.setattr(SqliteBackend, "match_expression", spy)
    with database.engine.connect() as connection:
        assert search(connection, 'clean "room').hits
    terms = [
        term
        for groups in seen
        for group in groups  # type: ignore[attr-defined]
        for alternative in group
        for term_set in alternative
        for term in term_set
    ]
    assert terms and all(isinstance(term, Term) for term in terms)
    assert Term(("clean",)) in terms and Term(("room",), prefix=True) in terms
