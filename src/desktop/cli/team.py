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

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from desktop.core.team.dsn import ServerAddress

EXIT_OK = 0
DSN_HELP = (
    "the team's server database: 'host=… port=… dbname=… user=… [sslmode=… sslrootcert=…]' "
    "or the same as a URL; without the password"
)


def add_commands(commands: Any, _positive_int: Any) -> None:
    team = commands.add_parser(
        "team", help="set up the team's server database and manage its members"
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    init = actions.add_parser(
        "init",
        help="build the schema in an empty server database, create the consultants' group and "
        "its rights, and load the team's first data (again: update schema and rights)",
    )
    init.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE",
        help="load the records of this database file (default: the bundled knowledge base)",
    )

    add = actions.add_parser(
        "add-member", help="give a consultant a login of their own; prints its password once"
    )
    add.add_argument("name", metavar="NAME", help="2-40 lowercase letters, digits, underscores")

    remove = actions.add_parser(
        "remove-member",
        help="take a consultant's login and rights away (their changes stay in the history)",
    )
    remove.add_argument("name", metavar="NAME")

    status = actions.add_parser(
        "status", help="members and their last syncs, schema version, size of the history"
    )
    status.add_argument("--json", action="store_true", help="print JSON")

    for action in (init, add, remove, status):
        action.add_argument("--dsn", required=True, metavar="DSN", help=DSN_HELP)
        action.set_defaults(local_database=False)  # cli.main opens no local file for these

    join = actions.add_parser(
        "join",
        help="make this laptop's database a member of the team: back it up, upload what only "
        "it has, bring the team's data in",
    )
    join.add_argument("--dsn", required=True, metavar="DSN", help=DSN_HELP)


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
            "Leave the password out of --dsn (a command line stays in the shell's history): "
            "set PGPASSWORD, keep it in the keyring, or type it when asked."
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

        return address.url(getpass.getpass(f"Password for {address.name}: "))
    return address.url()


# --- the actions -----------------------------------------------------------------------------


def _init(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    result = admin.init_team(url, source_path=args.source)
    schema = (
        f"schema brought to revision {result.revision}"
        if result.revision
        else "schema already up to date"
    )
    group = "group created" if result.group_created else "group already there"
    print(f"The team is set up ({address.name}): {schema}; consultants' {group}.", file=out)
    if result.published is None:
        print("The team's history already holds data: nothing was loaded.", file=out)
    else:
        source = args.source or "the bundled knowledge base"
        print(f"Loaded {result.published} records from {source}.", file=out)
    print(f"Add members with: dossier-desk team add-member NAME --dsn {_quoted(address)}", file=out)
    return EXIT_OK


def _add_member(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    password = admin.add_member(url, args.name)
    print(f"{args.name} is a member of the team ({address.name}).", file=out)
    print(
        "Their password, shown only this once (hand it over in person or by a safe way):",
        file=out,
    )
    print(f"    {password}", file=out)
    print(f"Their server address: {address.for_user(args.name).redacted()}", file=out)
    return EXIT_OK


def _remove_member(address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team import admin

    admin.remove_member(url, args.name)
    print(
        f"{args.name} can no longer log in to the team ({address.name}); their changes "
        "stay in the team's history under their name.",
        file=out,
    )
    return EXIT_OK


def _status(_address: ServerAddress, url: URL, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.team.status import team_status

    status = team_status(url)
    if args.json:
        from desktop.cli.format import print_json

        return print_json(status, out)
    print(f"Team on {status.server}, schema version {status.schema_version}", file=out)
    print(
        f"{status.records} records, {status.changes} changes in the history, "
        f"{status.open_conflicts} open conflicts",
        file=out,
    )
    current = sum(member.member for member in status.members)
    removed = len(status.members) - current
    print(f"Members: {current}" + (f" (and {removed} removed)" if removed else ""), file=out)
    for member in status.members:
        state = (
            "removed" if not member.member else "member" if member.can_log_in else "cannot log in"
        )
        synced = (
            f"last sync {member.last_sync_at:%Y-%m-%d %H:%M}"
            if member.last_sync_at
            else "never synced"
        )
        print(f"  {member.name:<24} {state:<14} {synced}", file=out)
    return EXIT_OK


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
    print(team.describe_plan(plan), file=out)
    report = team.join_team(store, address=address, password=password)
    print(
        f"Joined the team on {address.name}: {report.received:,} records received, "
        f"{report.sent:,} changes uploaded.",
        file=out,
    )
    return EXIT_OK


ACTIONS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {
    "init": _on_server(_init),
    "add-member": _on_server(_add_member),
    "remove-member": _on_server(_remove_member),
    "status": _on_server(_status),
    "join": _join,
}
COMMANDS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {"team": team_command}
