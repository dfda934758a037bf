"""Working as a team, the same for the window and the CLI: join, sync, state, conflicts.

A laptop that belongs to a team keeps the server's address (never its password) in its own
file; the password comes from the keyring, or from the person at sync time. A sync that cannot
reach the server is not an error the consultant must act on: :func:`sync_team` raises
:class:`~desktop.core.errors.ServerUnreachableError`, which the window shows as a quiet
"offline" state and the CLI as one line. Everything a person can act on (a wrong password, a
server on a newer version) is one clear message; local work is never touched by a failed sync.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text

from desktop.app.store import Store
from desktop.core.errors import DossierError, NewerSchemaError
from desktop.core.language.messages import Listing, Message, counted, message
from desktop.core.storage import backup
from desktop.core.storage.engine import SCHEMA_VERSION, make_engine
from desktop.core.sync import conflicts as team_conflicts
from desktop.core.sync import join as joining
from desktop.core.sync import packages, push, session
from desktop.core.sync.conflicts import Conflict
from desktop.core.sync.join import JoinPlan
from desktop.core.sync.session import SyncReport
from desktop.core.team import secrets
from desktop.core.team.dsn import ServerAddress
from desktop.core.team.problems import translated

__all__ = [
    "Conflict",
    "JoinPlan",
    "NotInTeamError",
    "SyncReport",
    "TeamState",
    "conflicts",
    "describe_plan",
    "export_changes",
    "import_changes",
    "import_changes_to_server",
    "join_team",
    "plan_join",
    "resolve_conflict",
    "sync_team",
    "team_address",
    "team_state",
]


class NotInTeamError(DossierError):
    """This laptop's file does not belong to a team yet."""


@dataclass(frozen=True)
class TeamState:
    """What the sync button says: the team, when it last synced, what waits, what conflicts."""

    team: str | None  # the server's address, no password
    member: str | None
    last_sync_at: datetime | None
    waiting: int
    open_conflicts: int

    @property
    def joined(self) -> bool:
        return self.team is not None


def team_state(store: Store) -> TeamState:
    with store.database.engine.connect() as connection:
        state = session.read_state(connection)
        waiting = push.waiting(connection)
        open_conflicts = connection.execute(
            text("SELECT count(*) FROM team_conflict WHERE resolved_by IS NULL")
        ).scalar_one()
    last = state.get("last_sync_at")
    return TeamState(
        state.get("team"),
        state.get("member"),
        datetime.fromisoformat(last) if last else None,
        waiting,
        int(open_conflicts),
    )


def team_address(store: Store) -> ServerAddress:
    """The server this file syncs with; :class:`NotInTeamError` when it has none."""
    state = team_state(store)
    if state.team is None:
        raise NotInTeamError(
            "This database does not belong to a team yet: join one first (Settings → Team, "
            "or 'dossier-desk team join --dsn …')."
        )
    return ServerAddress.parse(state.team)


# What joining uploads, table by table: the sentence's parts, each with its own plural.
_UPLOADS: dict[str, Callable[[int], Message]] = {
    "source": lambda n: counted("{count} source", "{count} sources", count=n),
    "tag": lambda n: counted("{count} tag", "{count} tags", count=n),
    "entity": lambda n: counted("{count} entity", "{count} entities", count=n),
    "relation": lambda n: counted("{count} relation", "{count} relations", count=n),
    "space_offer": lambda n: counted("{count} space offer", "{count} space offers", count=n),
    "fact": lambda n: counted("{count} key figure", "{count} key figures", count=n),
    "contact": lambda n: counted("{count} contact", "{count} contacts", count=n),
    "prospect": lambda n: counted("{count} prospect", "{count} prospects", count=n),
    "brief": lambda n: counted("{count} brief", "{count} briefs", count=n),
    "brief_item": lambda n: counted("{count} brief item", "{count} brief items", count=n),
    "sent_dossier": lambda n: counted("{count} sent dossier", "{count} sent dossiers", count=n),
}


def describe_plan(plan: JoinPlan) -> Message:
    """What joining will do, in one paragraph (the dialog and ``team join`` say it in their
    language, numbers grouped as the language groups them)."""
    parts = [
        _UPLOADS[table](count)
        for table, count in sorted(plan.local_only.items())
        if table in _UPLOADS
    ]
    others = sum(count for table, count in plan.local_only.items() if table not in _UPLOADS)
    if others:
        parts.append(counted("{count} other record", "{count} other records", count=others))
    if plan.edits:
        parts.append(counted("{count} edit", "{count} edits", count=plan.edits))
    return counted(
        "The team holds {count} record. Joining uploads what only this laptop has: {mine}. "
        "The database is backed up first.",
        "The team holds {count} records. Joining uploads what only this laptop has: {mine}. "
        "The database is backed up first.",
        count=plan.team_records,
        mine=Listing(tuple(parts)) if parts else message("nothing"),
    )


def plan_join(store: Store, *, address: ServerAddress, password: str | None) -> JoinPlan:
    """What joining would upload (records only this laptop has, edits waiting)."""
    with _server(address, password) as server:
        return joining.plan_join(store.database.engine, server)


def join_team(
    store: Store,
    *,
    address: ServerAddress,
    password: str | None,
    remember_password: bool = True,
) -> SyncReport:
    """Back up the file, then make it a replica of the team at ``address`` and sync it."""
    backup.backup(store.path, reason="before joining a team")
    with _server(address, password) as server:
        report = joining.join(
            _writer(store),
            server,
            member=address.user,
            team=address.for_user(address.user).redacted(),
        )
    if remember_password and password:
        secrets.store_password(address, password)
    return report


def sync_team(store: Store, *, password: str | None = None) -> SyncReport:
    """Push this laptop's changes and pull the team's. The password: the one given, else the
    keyring's; :class:`ServerPasswordError` (``missing``) when the server wants one and there
    is none, :class:`ServerUnreachableError` when no server answers."""
    address = team_address(store)
    typed = password
    # Without a password the server is still asked: an unreachable one is "offline" (nobody
    # need type a password for that), and one that wants the password says so (``missing``).
    password = password or secrets.stored_password(address)
    with _server(address, password) as server:
        report = session.sync(_writer(store), server, member=address.user)
    if typed:  # it worked: the next sync need not ask
        secrets.store_password(address, typed)
    return report


def conflicts(store: Store, *, open_only: bool = True) -> list[Conflict]:
    with store.database.engine.connect() as connection:
        return team_conflicts.conflicts(connection, open_only=open_only)


def resolve_conflict(store: Store, *, conflict_id: int, take_other: bool) -> None:
    """Keep the winner, or take the other value; either way a change that syncs."""
    who = team_state(store).member or "unknown"
    with _writer(store).begin() as connection:
        team_conflicts.resolve(connection, conflict_id, take_other=take_other, who=who)


def export_changes(store: Store, *, target: Path, since: str | None = None) -> int:
    """This laptop's changes (waiting ones, and those sent after the sync ``since``) into
    ``target``; returns how many."""
    from desktop.app.consultant import read_consultant

    name = read_consultant().name or None  # a laptop that never joined signs with the card
    return packages.export_changes(_writer(store), target, since=since, author=name)


def import_changes(store: Store, *, source: Path) -> tuple[int, int, str]:
    """Merge the change package ``source`` into this file: (applied, in the file, author)."""
    package = packages.read_package(source)
    applied = packages.apply_to_laptop(_writer(store), package)
    return applied, len(package.changes), package.author


def import_changes_to_server(
    *, address: ServerAddress, password: str | None, source: Path
) -> tuple[int, str]:
    """Append the change package ``source`` to the team's history (the team's owner: the
    changes keep their authors): (changes in the file, author)."""
    package = packages.read_package(source)
    with _server(address, password) as server:
        return packages.apply_to_server(server, package), package.author


# --- the server ----------------------------------------------------------------------------


def _writer(store: Store) -> Engine:
    return store.database.backend.writer(store.database.engine)


@contextlib.contextmanager
def _server(address: ServerAddress, password: str | None) -> Iterator[Engine]:
    """An engine on the team's server, checked to speak this program's schema."""
    url = address.url(password)
    with translated(url):
        engine = make_engine(url.render_as_string(hide_password=False))
        try:
            with engine.connect() as connection:
                version = connection.execute(
                    text("SELECT value FROM meta WHERE key = 'schema_version'")
                ).scalar_one_or_none()
            if version is not None and int(version) > SCHEMA_VERSION:
                raise NewerSchemaError(address.name, int(version), SCHEMA_VERSION)
            yield engine
        finally:
            engine.dispose()
