"""The administrator's work: set the team up on a server database, add and remove members.

Everything here runs as the administrator — the database's owner, a role that may create
roles — with a URL from :meth:`ServerAddress.url`. Each step can be run again: ``init_team``
on a team that exists brings its schema up to date and grants the rights again, and loads data
only into an empty history.

A member is a login role of their own in the consultants' group, so the server itself knows
who wrote each change and refuses what a consultant may not do (see the server's roles module).
A removed member keeps their role, unable to log in: the history names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from secrets import token_urlsafe
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from desktop.core.errors import (
    DatabaseUnreadableError,
    NotTeamAdminError,
    TeamMemberError,
    TeamServerError,
)
from desktop.core.language.messages import Message, counted, message
from desktop.core.storage.engine import make_engine
from desktop.core.storage.migrations import upgrade_server
from desktop.core.storage.postgres import address as server_address
from desktop.core.storage.postgres import roles
from desktop.core.team import problems

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL

NAME_RULE = re.compile(r"[a-z0-9_]{2,40}")
PASSWORD_BYTES = 18  # 24 characters of token_urlsafe


@dataclass(frozen=True)
class InitResult:
    """What ``init_team`` did."""

    revision: str | None  # the schema revision reached; None when it was up to date
    group_created: bool
    published: int | None  # records loaded into the history; None when it held some already


def check_member_name(name: str) -> str:
    """``name`` when it can be a member's login; else :class:`TeamMemberError` says why."""
    if not NAME_RULE.fullmatch(name):
        raise TeamMemberError(
            "{name!r} cannot be a member's name: use 2 to 40 lowercase letters, digits and "
            "underscores (for example anna_schmidt).",
            name=name,
        )
    if roles.is_reserved(name):
        raise TeamMemberError(
            "{name!r} is a name the server reserves: choose another one.", name=name
        )
    return name


def init_team(admin_url: str | URL, *, source_path: Path | None = None) -> InitResult:
    """Set the team up in the (empty) server database at ``admin_url``, or bring an existing
    team up to date.

    Builds the schema with the migrations, creates the consultants' group if missing, grants
    its rights, and — when the history is empty — loads the team's data: the records of the
    laptop file ``source_path``, or the bundled knowledge base.
    """
    if source_path is not None and not Path(source_path).is_file():
        raise DatabaseUnreadableError(source_path, message("there is no such file"))
    name = server_address.describe(admin_url)
    with problems.translated(admin_url):
        engine = make_engine(admin_url)
        try:
            with engine.connect() as connection:
                _require_administrator(connection, name)
                changes = _history_size(connection)
            if changes and source_path is not None:
                raise TeamServerError(
                    counted(
                        "{server} already holds the team's data ({count} change), so nothing "
                        "was loaded from {path}. Members bring their files in by joining.",
                        "{server} already holds the team's data ({count} changes), so nothing "
                        "was loaded from {path}. Members bring their files in by joining.",
                        count=changes,
                        server=name,
                        path=source_path,
                    )
                )
            revision = upgrade_server(admin_url)
            with engine.begin() as connection:
                group_created = roles.ensure_group(connection)
                roles.install_rights(connection)
                author = roles.administrator(connection).name
                changes = _history_size(connection)
            published = None if changes else load_team_data(engine, source_path, author=author)
        finally:
            engine.dispose()
    return InitResult(revision, group_created, published)


def check_login(url: str | URL) -> None:
    """Log in once and out again; the reason it failed, as :mod:`problems` words it."""
    with problems.translated(url):
        engine = make_engine(url)
        try:
            with engine.connect():
                pass
        finally:
            engine.dispose()


def load_team_data(server: Engine, source_path: Path | None, *, author: str) -> int:
    """Load the first records into the team's empty history; how many. The one place the
    administrator's work reaches the sync package."""
    from desktop.core.sync.publish import publish_database

    return publish_database(server, source_path, author=author)


def add_member(admin_url: str | URL, name: str) -> str:
    """Make ``name`` a member who can log in; returns their new password, which is nowhere
    else: give it to them once (a removed member comes back with a new one)."""
    name = check_member_name(name)
    password = token_urlsafe(PASSWORD_BYTES)
    where = server_address.describe(admin_url)
    with problems.translated(admin_url):
        engine = make_engine(admin_url)
        try:
            with engine.begin() as connection:
                _require_team(connection, where)
                _require_administrator(connection, where)
                if not roles.role_exists(connection, name):
                    roles.create_member(connection, name, password)
                elif roles.is_member(connection, name):
                    raise TeamMemberError(
                        "{name} is already a member of the team ({server}).",
                        name=name,
                        server=where,
                    )
                elif roles.made_as_member(connection, name):
                    roles.readmit_member(connection, name, password)
                else:
                    raise TeamMemberError(
                        "The server already has a role named {name} that is not one of the "
                        "team's ({server}): choose another name.",
                        name=name,
                        server=where,
                    )
        finally:
            engine.dispose()
    return password


def remove_member(admin_url: str | URL, name: str) -> None:
    """Take ``name``'s rights and login away; their changes stay in the history, theirs."""
    where = server_address.describe(admin_url)
    with problems.translated(admin_url):
        engine = make_engine(admin_url)
        try:
            with engine.begin() as connection:
                _require_team(connection, where)
                _require_administrator(connection, where)
                if not roles.is_member(connection, name):
                    raise TeamMemberError(
                        "{name} is not a member of the team ({server}).", name=name, server=where
                    )
                roles.remove_member(connection, name)
        finally:
            engine.dispose()


# --- checks ----------------------------------------------------------------------------------


def _require_administrator(connection: Connection, where: Message) -> None:
    admin = roles.administrator(connection)
    if admin.can_set_up_team:
        return
    if not admin.owns_database and not admin.creates_roles:
        refusal = message(
            "{role} cannot administer the team ({server}): the administrator must own the "
            "database and create roles. Connect as the database's owner, a role with CREATEROLE.",
            role=admin.name,
            server=where,
        )
    elif not admin.owns_database:
        refusal = message(
            "{role} cannot administer the team ({server}): the administrator must own the "
            "database. Connect as the database's owner, a role with CREATEROLE.",
            role=admin.name,
            server=where,
        )
    else:
        refusal = message(
            "{role} cannot administer the team ({server}): the administrator must create "
            "roles. Connect as the database's owner, a role with CREATEROLE.",
            role=admin.name,
            server=where,
        )
    raise NotTeamAdminError(refusal)


def team_ready(connection: Connection) -> bool:
    """Whether ``init_team`` has set a team up in this database."""
    return inspect(connection).has_table("team_change") and roles.role_exists(
        connection, roles.GROUP
    )


def _require_team(connection: Connection, where: Message) -> None:
    if not team_ready(connection):
        raise problems.not_set_up(where)


def _history_size(connection: Connection) -> int:
    if not inspect(connection).has_table("team_change"):
        return 0
    return int(connection.execute(text("SELECT count(*) FROM team_change")).scalar_one())
