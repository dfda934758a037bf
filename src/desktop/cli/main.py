"""The command line's entry: parse, open the database, run one command, say what went wrong.

``dossier-desk [--db PATH] COMMAND``. Exit status: 0 success, 2 usage error, 1 anything else,
with one line on stderr saying what went wrong and what to do. No Qt is imported here. A run
speaks the window's language (:mod:`desktop.cli.words`), settled once before the parser is
built, so the help is in it too.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from desktop import APP_ID, APP_NAME, __version__
from desktop.cli import browse, data, dossier, maintenance, sync, team
from desktop.cli.words import error_line, language, say, speaking
from desktop.core.errors import DossierError
from desktop.core.language.messages import said

EXIT_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=say(
            "{app}: browse and search the Leipzig life-sciences cluster.", app=APP_NAME
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=say(
            "database file (default: $DOSSIER_DESK_DB, else the user data folder; "
            "a missing file is created from the bundled knowledge base)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for group in COMMAND_GROUPS:
        group.add_commands(commands, positive_int)
    return parser


# The command groups, each a module with add_commands(commands, positive_int) and a COMMANDS
# mapping of name → function(database, args, out) -> exit status. A command whose parser sets
# the default ``local_database=False`` never opens the local database (it gets None).
COMMAND_GROUPS = (browse, dossier, maintenance, data, team, sync)
COMMANDS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {
    name: run for group in COMMAND_GROUPS for name, run in group.COMMANDS.items()
}


# Commands that work on the file itself, so they still run when it cannot be opened as a
# database (checking it, restoring a backup over it, backing it up).
PATH_COMMANDS = {"check", "restore", "backup"}


class _PathOnly:
    """Stands in for an open database where a command needs only the path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def close(self) -> None:
        pass


def _path(path: Path | None) -> Path:
    from desktop.paths import default_db_path

    return (path or default_db_path()).expanduser()


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run one command in the language in use; the exit status."""
    with speaking():
        return _main(argv, out or sys.stdout)


def _main(argv: Sequence[str] | None, out: TextIO) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return int(exit_.code or 0)
    command = args.command or "summary"
    if not getattr(args, "local_database", True):  # e.g. the team's server: no file touched
        return _run_without_database(command, args, out)
    from desktop.core.storage import files as db_files
    from desktop.core.storage import locking

    db_files.remove_stale(_path(args.db))  # what a killed run left, unless someone is using it
    writes = _writes(command, args)
    # A writing command says who it is while it runs, so a window or another command that
    # finds the database busy can name it; it takes the write lock at the start of each
    # transaction, so it waits for another writer instead of failing half-way.
    announced = (
        locking.announce_writer(_path(args.db), f"dossier-desk {command}")
        if writes
        else contextlib.nullcontext()
    )
    with announced:
        try:
            database = (
                _PathOnly(_path(args.db))
                if command in PATH_COMMANDS
                else _open(args.db, immediate=writes)
            )
        except DossierError as error:
            return _fail(error)
        try:
            return COMMANDS[command](database, args, out)
        except DossierError as error:
            return _fail(error)
        except ValueError as error:  # an unknown code given programmatically
            return _fail(error)
        finally:
            database.close()


def _run_without_database(command: str, args: argparse.Namespace, out: TextIO) -> int:
    try:
        return COMMANDS[command](None, args, out)
    except DossierError as error:
        return _fail(error)


# Commands that change the database (backup and restore announce themselves in core).
WRITING_COMMANDS = {"import", "export"}  # an export records the dossier in the sent register


def _writes(command: str, args: argparse.Namespace) -> bool:
    return command in WRITING_COMMANDS and not getattr(args, "dry_run", False)


# --- helpers ---------------------------------------------------------------------------------


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say("{value} is not a whole number", value=repr(value))
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(say("must be at least 1"))
    return number


def _open(path: Path | None, *, immediate: bool = False) -> Any:
    from desktop.core.storage.database import Database
    from desktop.paths import default_db_path

    target = path or default_db_path()
    if path is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    return Database.open(target, immediate=immediate)


def _fail(error: BaseException) -> int:
    print(error_line(said(error, language())), file=sys.stderr)
    return EXIT_ERROR
