"""The CLI's ``backup``, ``restore`` and ``check`` commands.

They work on the database *file*: ``restore`` replaces it, so it closes the database the CLI
opened before touching anything (a WAL file must not be moved while a connection has it open),
and ``check`` reads it with plain connections so it can report on a file the ORM would trip
over. (``cli.main`` opens the database before any command runs, so a file too damaged to
open is reported by that step, still with exit status 1.) The work itself, with its rules, is
:mod:`desktop.app.maintenance`'s, as in the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.cli.words import error_line, language, number, say
from desktop.core.language.messages import said

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_ERROR = 0, 1


def add_commands(commands: Any, positive_int: Any) -> None:
    backup = commands.add_parser(
        "backup", help=say("back up the database (backup API, integrity-checked)")
    )
    backup.add_argument(
        "--out", type=Path, metavar="FILE", help=say("write here (default: the backups folder)")
    )
    backup.add_argument("--list", action="store_true", help=say("list the backups instead"))
    backup.add_argument(
        "--keep",
        type=positive_int,
        metavar="N",
        help=say("rotation keeps the newest N (default 10) plus daily and weekly ones"),
    )

    restore = commands.add_parser(
        "restore",
        help=say("replace the database with a backup (the current file is kept aside)"),
    )
    restore.add_argument("file", type=Path, metavar="FILE")

    commands.add_parser(
        "check", help=say("integrity, foreign-key and search-index checks; exit 1 on problems")
    )


def backup_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import maintenance

    if args.list:
        found = maintenance.list_backups(database.path)
        for info in found:
            print(
                f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason or '':<10}  {info.path}", file=out
            )
        folder = maintenance.backups_folder(database.path)
        print(say("{count} backups in {folder}", count=number(len(found)), folder=folder), file=out)
        return EXIT_OK
    info = maintenance.back_up(database.path, reason="manual", out=args.out, keep=args.keep)
    print(info.path, file=out)
    return EXIT_OK


def restore_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import maintenance

    database.close()  # nothing of ours may hold the file while it is replaced
    result = maintenance.restore(database.path, source=args.file)
    print(
        say("Restored {path} from {source}.", path=result.restored, source=result.source), file=out
    )
    if result.previous is not None:
        print(say("The previous database was kept at {path}.", path=result.previous), file=out)
    return EXIT_OK


def check_command(database: Any, _args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import maintenance

    database.close()  # the checks read the file with their own plain connections
    report = maintenance.check(database.path)
    print(report.text(language()), file=out)
    if report.ok:
        return EXIT_OK
    if report.read_only:  # nothing says the data is damaged: no talk of restoring
        print(error_line(said(report.findings[0], language())), file=sys.stderr)
        return EXIT_ERROR
    advice = say(
        "the database has problems. Restore a backup with 'dossier-desk restore FILE' "
        "(see 'dossier-desk backup --list')."
    )
    print(error_line(advice), file=sys.stderr)
    return EXIT_ERROR


COMMANDS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {
    "backup": backup_command,
    "restore": restore_command,
    "check": check_command,
}
