"""The CLI's ``sync`` and ``changes`` commands: this laptop and the team, by server or by file.

``sync`` is the window's sync button (the same :mod:`desktop.app.team` functions). The password
comes from ``PGPASSWORD``, else the keyring, else it is asked for when a terminal is attached —
never a command-line argument (other users could read it in the process list).
``changes export FILE`` writes this laptop's changes for a laptop that cannot reach the server;
``changes import FILE`` merges such a file into this laptop, or with ``--to-server --dsn`` into
the team's server (the team's owner: the changes keep their authors).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from desktop.cli.format import print_json
from desktop.cli.words import language, number, say, say_n
from desktop.core.language.messages import said


def add_commands(commands: Any, positive_int: Any) -> None:
    sync = commands.add_parser(
        "sync", help=say("send this laptop's changes to the team, get theirs")
    )
    sync.add_argument("--json", action="store_true", help=say("print the result as JSON"))

    changes = commands.add_parser("changes", help=say("carry changes by file (export, import)"))
    actions = changes.add_subparsers(dest="changes_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help=say("write this laptop's changes to FILE"))
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--since",
        metavar="SYNC",
        help=say("also the changes sent after this sync (a time from 'changes export --list')"),
    )
    export.add_argument("--list", action="store_true", help=say("list the syncs to start from"))
    imported = actions.add_parser("import", help=say("merge the changes in FILE"))
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument(
        "--to-server", action="store_true", help=say("into the team's server (its owner only)")
    )
    imported.add_argument("--dsn", metavar="DSN", help=say("the server, with --to-server"))


def sync_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import team
    from desktop.app.store import Store
    from desktop.core.errors import ServerPasswordError, ServerUnreachableError

    store = Store.around(database)
    password = os.environ.get("PGPASSWORD") or None
    try:
        report = team.sync_team(store, password=password)
    except ServerPasswordError as error:
        if not (error.missing and sys.stdin.isatty()):
            raise
        address = team.team_address(store)
        report = team.sync_team(
            store,
            password=getpass.getpass(
                say("Password of {name}: ", name=said(address.named, language()))
            ),
        )
    except ServerUnreachableError as error:
        state = team.team_state(store)
        if args.json:
            print_json({"synced": False, "offline": str(error), "waiting": state.waiting}, out)
        else:
            offline = say_n(
                "Offline — {count} change waiting. {error}",
                "Offline — {count} changes waiting. {error}",
                state.waiting,
                error=error.said(language()),
            )
            print(offline, file=out)
        return 1
    if args.json:
        print_json(
            {
                "synced": True,
                "sent": report.sent,
                "received": report.received,
                "new_conflicts": report.new_conflicts,
                "open_conflicts": report.open_conflicts,
                "waiting": report.waiting,
                "synced_at": report.synced_at.isoformat(timespec="seconds"),
            },
            out,
        )
    else:
        conflicts = (
            " · "
            + say_n(
                "{count} conflict to settle", "{count} conflicts to settle", report.open_conflicts
            )
            if report.open_conflicts
            else ""
        )
        synced = say(
            "Synced: {sent} changes sent, {received} records received{conflicts}.",
            sent=number(report.sent),
            received=number(report.received),
            conflicts=conflicts,
        )
        print(synced, file=out)
    out.flush()
    database.finish_search_index()  # what a large pull left for later: after the report
    return 0


def changes_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import team
    from desktop.app.store import Store
    from desktop.core.sync import packages

    if args.changes_command == "export":
        if args.list:
            with database.engine.connect() as connection:
                for point in packages.sync_points(connection):
                    print(point, file=out)
            return 0
        count = team.export_changes(Store.around(database), target=args.file, since=args.since)
        print(
            say("Wrote {count} changes to {file}.", count=number(count), file=args.file), file=out
        )
        return 0
    if args.to_server:
        return _import_to_server(args, out)
    applied, total, author = team.import_changes(Store.around(database), source=args.file)
    merged = say(
        "Merged {file} ({total} changes by {author}): {applied} applied, the rest were "
        "already here or older.",
        file=args.file.name,
        total=number(total),
        author=author,
        applied=number(applied),
    )
    print(merged, file=out)
    return 0


def _import_to_server(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import team
    from desktop.cli.team import admin_url
    from desktop.core.errors import ServerAddressError
    from desktop.core.team.dsn import ServerAddress

    if not args.dsn:
        raise ServerAddressError(say("Name the team's server with --dsn to import into it."))
    address = ServerAddress.parse(args.dsn)
    url = admin_url(address)  # PGPASSWORD, the keyring, or asked
    password = url.password if isinstance(url.password, str) else None
    count, author = team.import_changes_to_server(
        address=address, password=password, source=args.file
    )
    appended = say(
        "Appended {count} changes by {author} to the team's history.",
        count=number(count),
        author=author,
    )
    print(appended, file=out)
    return 0


COMMANDS = {"sync": sync_command, "changes": changes_command}
