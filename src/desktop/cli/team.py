"""The CLI's ``team`` commands: the administrator sets the team's server database up and
manages its members (``team init``, ``add-member``, ``remove-member``, ``status``).

They work on the server only and never open the local database file (their parsers say
``local_database=False``; an action that needs the file leaves that out). The server is named with
``--dsn`` (keyword pairs or a URL, without the password); the password comes from
``PGPASSWORD``, else the system's keyring (service ``dossier-desk``, entry
``user@host/dbname``), else it is asked for when the server wants one and a terminal is
attached. It is never a command-line argument: a command line stays in the shell's history.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.cli.words import language, number, say
from desktop.core.language.messages import said

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from desktop.core.team.dsn import ServerAddress

EXIT_OK = 0


def _dsn_help() -> str:
    return say(
        "the team's server database: 'host=… port=… dbname=… user=… [sslmode=… "
        "sslrootcert=…]' or the same as a URL; without the password"
    )


def add_commands(commands: Any, _positive_int: Any) -> None:
    team = commands.add_parser(
        "team", help=say("set up the team's server database and manage its members")
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init",
        help=say(
            "build the schema in an empty server database, create the consultants' group and "
            "its rights, and load the team's first data (again: update schema and rights)"
        ),
    )
    init.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE",
        help=say("load the records of this database file (default: the bundled knowledge base)"),
    )

    add = actions.add_parser(
        "add-member", help=say("give a consultant a login of their own; prints its password once")
    )
    add.add_argument(
        "name", metavar="NAME", help=say("2-40 lowercase letters, digits, underscores")
    )

    remove = actions.add_parser(
        "remove-member",
        help=say("take a consultant's login and rights away (their changes stay in the history)"),
    )
    remove.add_argument("name", metavar="NAME")

    status = actions.add_parser(
        "status", help=say("members and their last syncs, schema version, size of the history")
    )
    status.add_argument("--json", action="store_true", help=say("print JSON"))

    for action in (init, add, remove, status):
        action.add_argument("--dsn", required=True, metavar="DSN", help=_dsn_help())
        action.set_defaults(local_database=False)  # cli.main opens no local file for these

    join = actions.add_parser(
        "join",
        help=say(
            "make this laptop's database a member of the team: back it up, upload what only "
            "it has, bring the team's data in"
        ),
    )
    join.add_argument("--dsn", required=True, metavar="DSN", help=_dsn_help())


def team_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``team ACTION``: an action of :data:`ACTIONS` gets the local database (None for
    the administrator's actions, which work on the server only)."""
    return ACTIONS[args.team_command](database, args, out)


def _on_server(
    action: Callable[[ServerAddress, URL, argparse.Namespace, TextIO], int],
) -> Callable[[Any, argparse.Namespace, TextIO], int]:
    """An administrator's action: the server from ``--dsn``, the password as the module
    docstring says."""

    def run(_database: Any, args: argparse.Namespace, out: TextIO) -> int:
        from desktop.core.team.dsn import ServerAddress

        address = ServerAddress.parse(args.dsn)
        return action(address, admin_url(address), args, out)

    return run


def admin_url(address: ServerAddress) -> URL:
    """The URL to connect with, and the password: ``PGPASSWORD``, the keyring, or asked."""
    from desktop.core.errors import ServerAddressError, ServerPasswordError
    from desktop.core.team import admin, secrets

    if address.has_password:
        raise ServerAddressError(
            say(
                "Leave the password out of --dsn (a command line stays in the shell's history): "
                "set PGPASSWORD, keep it in the keyring, or type it when asked."
            )
        )
    password = os.environ.get("PGPASSWORD") or secrets.stored_password(address)
    if password is not None:
        return address.url(password)
    try:
        admin.check_login(address.url())  # the server may not want one (a trusted socket)
    except ServerPasswordError as error:
        if not (error.missing and sys.stdin.isatty()):
            raise
        import getpass

        return address.url(getpass.getpass(say("Password for {name}: ", name=_named(address))))
    return address.url()


# --- the actions -----------------------------------------------------------------------------


def _init(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    result = admin.init_team(url, source_path=args.source)
    schema = (
        say("schema brought to revision {revision}", revision=result.revision)
        if result.revision
        else say("schema already up to date")
    )
    group = (
        say("consultants' group created")
        if result.group_created
        else say("consultants' group already there")
    )
    done = say(
        "The team is set up ({server}): {schema}; {group}.",
        server=_named(address),
        schema=schema,
        group=group,
    )
    print(done, file=out)
    if result.published is None:
        print(say("The team's history already holds data: nothing was loaded."), file=out)
    else:
        source = args.source or say("the bundled knowledge base")
        loaded = say(
            "Loaded {count} records from {source}.",
            count=number(result.published),
            source=source,
        )
        print(loaded, file=out)
    print(
        say(
            "Add members with: dossier-desk team add-member NAME --dsn {dsn}", dsn=_quoted(address)
        ),
        file=out,
    )
    return EXIT_OK


def _add_member(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    password = admin.add_member(url, args.name)
    print(
        say("{name} is a member of the team ({server}).", name=args.name, server=_named(address)),
        file=out,
    )
    print(
        say("Their password, shown only this once (hand it over in person or by a safe way):"),
        file=out,
    )
    print(f"    {password}", file=out)
    their = address.for_user(args.name).redacted()
    print(say("Their server address: {address}", address=their), file=out)
    return EXIT_OK


def _remove_member(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    admin.remove_member(url, args.name)
    removed = say(
        "{name} can no longer log in to the team ({server}); their changes stay in the team's "
        "history under their name.",
        name=args.name,
        server=_named(address),
    )
    print(removed, file=out)
    return EXIT_OK


def _status(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team.status import team_status

    status = team_status(url)
    if args.json:
        from desktop.cli.format import print_json

        return print_json(status, out)
    print(
        say(
            "Team on {server}, schema version {version}",
            server=_named(address),
            version=status.schema_version,
        ),
        file=out,
    )
    sizes = say(
        "{records} records, {changes} changes in the history, {conflicts} open conflicts",
        records=number(status.records),
        changes=number(status.changes),
        conflicts=number(status.open_conflicts),
    )
    print(sizes, file=out)
    current = sum(member.member for member in status.members)
    removed = len(status.members) - current
    members = say("Members: {count}", count=number(current))
    if removed:
        members += say(" (and {count} removed)", count=number(removed))
    print(members, file=out)
    for member in status.members:
        state = (
            say("removed")
            if not member.member
            else say("member")
            if member.can_log_in
            else say("cannot log in")
        )
        synced = (  # a technical listing: the time as ISO, in every language
            say("last sync {when}", when=f"{member.last_sync_at:%Y-%m-%d %H:%M}")
            if member.last_sync_at
            else say("never synced")
        )
        print(f"  {member.name:<24} {state:<14} {synced}", file=out)
    return EXIT_OK


def _named(address: ServerAddress) -> str:
    """``user on host:port/dbname`` in the run's language."""
    return said(address.named, language())


def _quoted(address: ServerAddress) -> str:
    return "'" + address.redacted().replace("'", "'\\''") + "'"


def _join(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    """A consultant joins with their own login: the first sync of this laptop's file."""
    from desktop.app import team
    from desktop.app.store import Store
    from desktop.core.team.dsn import ServerAddress

    address = ServerAddress.parse(args.dsn)
    url = admin_url(address)  # refuses a password in --dsn; PGPASSWORD, keyring or asked
    password = url.password if isinstance(url.password, str) else None
    store = Store.around(database)
    plan = team.plan_join(store, address=address, password=password)
    print(said(team.describe_plan(plan), language()), file=out)
    report = team.join_team(store, address=address, password=password)
    joined = say(
        "Joined the team on {server}: {received} records received, {sent} changes uploaded.",
        server=_named(address),
        received=number(report.received),
        sent=number(report.sent),
    )
    print(joined, file=out)
    return EXIT_OK


ACTIONS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {
    "init": _on_server(_init),
    "add-member": _on_server(_add_member),
    "remove-member": _on_server(_remove_member),
    "status": _on_server(_status),
    "join": _join,
}
COMMANDS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {"team": team_command}
