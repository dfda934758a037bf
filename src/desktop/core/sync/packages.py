"""Change packages: a laptop's changes in one file, for when it never reaches the server.

A package holds the changes this laptop made since a chosen sync (or all of them still
waiting), in the team's own change format, with a SHA-256 over them: a file that was cut
short, altered or is not a package at all is refused with one sentence and nothing applied.
Applying is the same merge as a sync: on a laptop, a change wins a field only when its version
is later than the one the laptop holds (so applying a package twice, or after its changes
arrived by sync, changes nothing); on the server (by the team's owner, who may append changes
in a colleague's name) the changes go into the history like a push.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from desktop.core import atomic_files
from desktop.core.errors import DossierError
from desktop.core.kb.identity import SHARED_BY_NAME
from desktop.core.kb.sync_tables import changes_unrecorded
from desktop.core.storage.backend import backend_of
from desktop.core.sync import push, session, versions
from desktop.core.sync.local_rows import team_rows
from desktop.core.sync.materialize import CREATED, Materializer, RecordState

FORMAT = "dossier-desk changes"
VERSION = 1
FIELDS = ("clock", "gid", "field", "table_name", "op", "old_value", "new_value", "base")


class ChangePackageError(DossierError):
    """A file that is not a whole, unaltered change package; nothing was applied."""


@dataclass(frozen=True)
class Package:
    author: str
    replica: str
    created_at: str
    changes: list[dict[str, Any]]


def sync_points(connection: Connection) -> list[str]:
    """The times this laptop synced, newest first (a package may start after any)."""
    rows = connection.execute(
        text("SELECT DISTINCT received_at FROM team_change WHERE seq = 0 ORDER BY 1 DESC")
    )
    return [str(value) for value in rows.scalars()]


def export_changes(
    local: Engine, target: Path, *, since: str | None = None, author: str | None = None
) -> int:
    """Write this laptop's changes (waiting ones, and those sent after ``since``) to
    ``target``; returns how many. The author is the team member this file syncs as, else
    ``author`` (a laptop that never joined)."""
    with local.connect() as connection:
        state = session.read_state(connection)
        replica = versions.replica_id(connection)
        changes = []
        if since is not None:
            sent = connection.execute(
                text(
                    f"SELECT {', '.join(FIELDS)}, author FROM team_change"
                    " WHERE seq = 0 AND received_at > :since ORDER BY clock"
                ),
                {"since": since},
            )
            changes += [row._asdict() for row in sent]
        author = state.get("member") or author or "unknown"
        waiting = push.outbox(connection)
        changes += [
            {**{name: getattr(row, name) for name in FIELDS}, "author": author} for row in waiting
        ]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "author": author,
        "replica": replica,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "changes": changes,
        "sha256": _checksum(changes),
    }
    atomic_files.write_bytes(target, json.dumps(document, indent=1).encode("utf-8"))
    return len(changes)


def read_package(path: Path) -> Package:
    """The package in ``path``, checked whole; :class:`ChangePackageError` otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ChangePackageError(
            "Cannot read {path}: {reason}.", path=path, reason=error.strerror or error
        ) from error
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ChangePackageError(
            "{file} is not a whole change package (it may have been cut short while "
            "copying): nothing was applied. Export it again.",
            file=path.name,
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ChangePackageError(
            "{file} is not a Dossier Desk change package: nothing was applied.", file=path.name
        )
    if document.get("version") != VERSION:
        raise ChangePackageError(
            "{file} was written by another version of Dossier Desk (package version "
            "{version}): nothing was applied. Update Dossier Desk.",
            file=path.name,
            version=document.get("version"),
        )
    changes = document.get("changes")
    if not isinstance(changes, list) or document.get("sha256") != _checksum(changes):
        raise ChangePackageError(
            "{file} was altered or damaged after it was written (its checksum does not "
            "match): nothing was applied. Export it again.",
            file=path.name,
        )
    return Package(
        str(document.get("author")),
        str(document.get("replica")),
        str(document.get("created_at")),
        changes,
    )


def apply_to_laptop(local: Engine, package: Package) -> int:
    """Merge ``package`` into this file (one transaction); returns how many changes won."""
    with local.begin() as connection:
        applied = 0
        with changes_unrecorded(connection):
            materializer = Materializer(connection)
            for change in sorted(package.changes, key=lambda c: c["clock"]):
                state = _merged(connection, change)
                if state is not None:
                    materializer.write(state)
                    applied += 1
            materializer.finish()
        backend_of(connection).catch_up_search_index(connection)
        return applied


def apply_to_server(server: Engine, package: Package) -> int:
    """Append ``package`` to the team's history (as the team's owner); returns how many."""
    with server.begin() as team:
        team.execute(
            text(push.SEND_SQL),
            [{**change, "replica": package.replica} for change in package.changes],
        )
    return len(package.changes)


def _merged(connection: Connection, change: dict[str, Any]) -> RecordState | None:
    """The record as it is here with ``change`` merged in; None when the change loses."""
    table = SHARED_BY_NAME.get(change["table_name"])
    if table is None:
        return None
    known = connection.execute(
        text("SELECT clocks FROM sync_known WHERE gid = :gid"), {"gid": change["gid"]}
    ).scalar_one_or_none()
    clocks: dict[str, str] = json.loads(known) if known else {}
    rows = list(team_rows(connection, table, gid=change["gid"]))
    fields = rows[0][1] if rows else {}
    if rows:  # a record this file holds exists, whether or not the team saw it created
        clocks.setdefault(CREATED, "")
    clock, op = change["clock"], change["op"]
    if op == "create":
        incoming = json.loads(change["new_value"])
        if not rows:
            fields, clocks = {}, {}
        won = {name: value for name, value in incoming.items() if clock > clocks.get(name, "")}
        if rows and not won:
            return None
        fields = {**fields, **won}
        clocks = {**clocks, **dict.fromkeys(won, clock)}
        clocks.setdefault(CREATED, clock)
    elif op == "set":
        if not rows or clock <= clocks.get(change["field"], ""):
            return None
        fields = {**fields, change["field"]: json.loads(change["new_value"])}
        clocks = {**clocks, change["field"]: clock}
    elif op == "delete":
        seen = json.loads(change["base"] or "{}")
        if not rows or any(version > seen.get(name, "") for name, version in clocks.items()):
            return None  # an edit the deleter had not seen keeps the record
        return RecordState(change["gid"], table.name, fields, _versions(clocks), deleted=True)
    else:
        return None
    return RecordState(change["gid"], table.name, fields, _versions(clocks), deleted=False)


def _versions(clocks: dict[str, str]) -> dict[str, list[Any]]:
    return {name: [version, None, None] for name, version in clocks.items()}


def _checksum(changes: Any) -> str:
    canonical = json.dumps(changes, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
