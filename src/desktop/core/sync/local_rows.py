"""A laptop's rows as the team sees them, and back: the one translation between the two.

In a file, a record points at another by its local integer id and keeps an entity's sectors
and tags in link tables; to the team, a record is its gid and its fields, references are gids
and sectors and tags are sorted lists of codes. :func:`team_rows` reads a file's records in
that form (for publishing a file to the team and for the digest), :class:`LocalIds` turns
gids back into local ids when a record is written here. Values are read and written as the
file stores them (no type conversion), so a value comes back exactly as it left.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.kb.identity import SHARED, SHARED_BY_NAME, SharedTable

BATCH = 2_000


def _team_columns(table: SharedTable) -> str:
    """The select list of ``table``'s fields as the team has them (row alias ``r``)."""
    columns = []
    for name in table.fields:
        if name in table.links:
            link, code = table.links[name]
            columns.append(
                f"coalesce((SELECT group_concat(code, ' ') FROM (SELECT {code} AS code"
                f" FROM {link} WHERE entity_id = r.id ORDER BY 1)), '') AS {name}"
            )
        elif name in table.references:
            target = table.references[name]
            columns.append(f"(SELECT gid FROM {target} WHERE id = r.{name}) AS {name}")
        else:
            columns.append(f"r.{name}")
    return ", ".join(columns)


def team_rows(
    connection: Connection, table: SharedTable, *, gid: str | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(gid, fields)`` of every row of ``table`` (or of the one with ``gid``), in gid order,
    fields as the team has them."""
    where = "WHERE r.gid = :gid" if gid is not None else ""
    sql = f"SELECT r.gid, {_team_columns(table)} FROM {table.name} r {where} ORDER BY r.gid"
    result = connection.execution_options(yield_per=BATCH).execute(text(sql), {"gid": gid})
    for row in result:
        yield row[0], dict(zip(table.fields, row[1:], strict=True))


def current_rows(
    connection: Connection, table: SharedTable, gids: list[str]
) -> dict[str, tuple[Any, dict[str, Any]]]:
    """gid → (local key, fields as the team has them) of the rows of ``table`` among ``gids``:
    a batch of records compared with the file in one query per 500."""
    found: dict[str, tuple[Any, dict[str, Any]]] = {}
    for start in range(0, len(gids), 500):
        part = gids[start : start + 500]
        rows = connection.exec_driver_sql(
            f"SELECT r.gid, r.{table.local_key}, {_team_columns(table)} FROM {table.name} r"
            f" WHERE r.gid IN ({', '.join('?' for _ in part)})",
            tuple(part),
        )
        for row in rows:
            found[row[0]] = (row[1], dict(zip(table.fields, row[2:], strict=True)))
    return found


class LocalIds:
    """gid → local id of the records in this file, looked up once per table and kept current
    as records are written."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._ids: dict[str, dict[str, Any]] = {}

    def table(self, name: str) -> dict[str, Any]:
        if name not in self._ids:
            key = SHARED_BY_NAME[name].local_key
            rows = self._connection.execute(text(f"SELECT gid, {key} FROM {name}"))
            self._ids[name] = dict(rows.all())
        return self._ids[name]

    def get(self, table: str, gid: str | None) -> Any:
        return None if gid is None else self.table(table).get(gid)

    def add(self, table: str, gid: str, local: Any) -> None:
        self.table(table)[gid] = local

    def removed(self, table: str, gid: str) -> None:
        """A row was deleted: forget it, and read again the tables whose rows its delete may
        have taken with it (the cascades)."""
        self.table(table).pop(gid, None)
        for child in _cascades_from(table):
            self._ids.pop(child, None)


def _cascades_from(table: str) -> set[str]:
    """The tables whose rows a delete in ``table`` may remove (transitively)."""
    found: set[str] = set()
    frontier = {table}
    while frontier:
        step = {
            child.name
            for child in SHARED
            if any(child.references[name] in frontier for name in child.required)
        }
        frontier = step - found
        found |= step
    return found
