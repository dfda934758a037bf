"""Headless commands over the same services the window uses.

``dossier-desk [--db PATH] COMMAND``. Exit status: 0 success, 2 usage error, 1 anything else,
with one line on stderr saying what went wrong and what to do. No Qt is imported here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, TextIO

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.errors import DossierError
from desktop.core.kb import taxonomy

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=f"{APP_NAME}: browse and search the Leipzig life-sciences cluster.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="database file (default: $DOSSIER_DESK_DB, else the user data folder; "
        "a missing file is created from the bundled knowledge base)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("summary", help="what the knowledge base holds")

    listing = commands.add_parser("list", help="list entities")
    _add_kind_sector(listing)
    _add_json(listing)

    show = commands.add_parser("show", help="one entity with relations, facts and space")
    show.add_argument("slug")
    _add_json(show)

    find = commands.add_parser("search", help="full-text search")
    find.add_argument("query")
    _add_kind_sector(find)
    find.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    _add_json(find)

    figures = commands.add_parser("figures", help="all key figures with unit, as-of and source")
    _add_json(figures)

    sectors = commands.add_parser("sectors", help="the sector taxonomy with entity counts")
    _add_json(sectors)

    for module in _extra_command_modules():
        module.add_commands(commands, _positive_int)
    return parser


# Command groups in modules of their own: each has add_commands(commands, positive_int) and a
# COMMANDS mapping of name → function(database, args, out) -> exit status.
EXTRA_COMMAND_MODULES = ("desktop.cli.dossier", "desktop.cli.maintenance", "desktop.cli.data")


def _extra_command_modules() -> list[Any]:
    import importlib

    modules = []
    for name in EXTRA_COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:  # a missing dependency inside the module is a real error
                raise
    return modules


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


def _command(name: str) -> Callable[[Any, argparse.Namespace, TextIO], int]:
    for module in _extra_command_modules():
        if name in getattr(module, "COMMANDS", {}):
            return module.COMMANDS[name]
    return COMMANDS[name]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return int(exit_.code or 0)
    command = args.command or "summary"
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
            return _command(command)(database, args, out)
        except DossierError as error:
            return _fail(error)
        except ValueError as error:  # an unknown code given programmatically
            return _fail(error)
        finally:
            database.close()


# Commands that change the database (backup and restore announce themselves in core).
WRITING_COMMANDS = {"import"}


def _writes(command: str, args: argparse.Namespace) -> bool:
    return command in WRITING_COMMANDS and not getattr(args, "dry_run", False)


# --- commands ------------------------------------------------------------------------------


def _summary(database: Any, _args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        kinds = catalogue.kind_counts(session)
        facts = catalogue.list_facts(session)
        sectors = catalogue.sector_counts(session)
    print(f"{APP_NAME} — knowledge base at {database.path}", file=out)
    print(f"{sum(kinds.values())} entities, {len(facts)} key figures\n", file=out)
    for code, term in taxonomy.KINDS.items():
        if kinds.get(code):
            print(f"  {kinds[code]:>4}  {term.en}", file=out)
    print("\nSectors:", file=out)
    for sector in sectors:
        print(f"  {sector.entities:>4}  {sector.label_en}", file=out)
    print(
        "\nTry: dossier-desk search 'cell therapy'   ·   dossier-desk show fraunhofer-izi", file=out
    )
    return EXIT_OK


def _list(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        entities = catalogue.list_entities(session, kind=args.kind, sector=args.sector)
    if args.json:
        return _print_json(entities, out)
    for entity in entities:
        kind = taxonomy.KINDS[entity.kind].en
        print(f"{entity.slug:<44} {entity.name}  ({kind})", file=out)
    print(f"\n{len(entities)} entities", file=out)
    return EXIT_OK


def _show(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        detail = catalogue.entity_detail(session, args.slug)
    if args.json:
        return _print_json(detail, out)
    from desktop.cli.format import format_detail

    print(format_detail(detail), file=out)
    return EXIT_OK


def _search(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue
    from desktop.core.search import service as search

    filters = search.SearchFilters(
        kinds=(args.kind,) if args.kind else (), sectors=(args.sector,) if args.sector else ()
    )
    with database.engine.connect() as connection:
        result = search.search(connection, args.query, filters=filters, limit=args.limit)
    slugs = [hit.slug for hit in result.hits]
    if args.json:
        with database.session() as session:
            summaries = catalogue.summaries(session, slugs)
        rows = [
            {**asdict(summary), "score": hit.score, "snippet": _plain(hit.snippet)}
            for summary, hit in zip(summaries, result.hits, strict=True)
        ]
        return _print_json({"total": result.total, "partial": result.partial, "hits": rows}, out)
    if not slugs:
        print("No matches. Try fewer or shorter words.", file=out)
        return EXIT_OK
    if result.partial:
        print("No entity matches every word; showing those that match some.\n", file=out)
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank:>3}. {hit.name}  [{hit.slug}]  ({taxonomy.KINDS[hit.kind].en})", file=out)
        if hit.snippet:
            print(textwrap.indent(textwrap.fill(_bracketed(hit.snippet), 92), "     "), file=out)
    print(f"\n{len(slugs)} of {result.total} matches", file=out)
    return EXIT_OK


def _figures(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        facts = catalogue.list_facts(session)
    if args.json:
        return _print_json(facts, out)
    from desktop.cli.format import format_fact

    for fact in facts:
        print(format_fact(fact), file=out)
    print(f"\n{len(facts)} key figures", file=out)
    return EXIT_OK


def _sectors(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        sectors = catalogue.sector_counts(session)
    if args.json:
        return _print_json(sectors, out)
    for sector in sectors:
        print(
            f"{sector.code:<22} {sector.entities:>4}  {sector.label_en} / {sector.label_de}",
            file=out,
        )
    return EXIT_OK


COMMANDS: dict[str, Callable[[Any, argparse.Namespace, TextIO], int]] = {
    "summary": _summary,
    "list": _list,
    "show": _show,
    "search": _search,
    "figures": _figures,
    "sectors": _sectors,
}


# --- helpers -------------------------------------------------------------------------------


def _open(path: Path | None, *, immediate: bool = False) -> Any:
    from desktop.core.storage.database import Database
    from desktop.paths import default_db_path

    target = path or default_db_path()
    if path is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    return Database.open(target, immediate=immediate)


def _add_kind_sector(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        choices=list(taxonomy.KINDS),
        metavar="KIND",
        help="one of: " + ", ".join(taxonomy.KINDS),
    )
    parser.add_argument(
        "--sector",
        choices=list(taxonomy.SECTORS),
        metavar="SECTOR",
        help="one of: " + ", ".join(taxonomy.SECTORS),
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _print_json(value: Any, out: TextIO) -> int:
    def default(item: Any) -> Any:
        if is_dataclass(item) and not isinstance(item, type):
            return asdict(item)
        return str(item)

    payload = [asdict(v) for v in value] if isinstance(value, list) else value
    if is_dataclass(payload) and not isinstance(payload, type):
        payload = asdict(payload)
    json.dump(payload, out, ensure_ascii=False, indent=2, default=default)
    out.write("\n")
    return EXIT_OK


def _plain(snippet: str) -> str:
    from desktop.core.search.service import highlight_segments

    return "".join(text for text, _ in highlight_segments(snippet))


def _bracketed(snippet: str) -> str:
    from desktop.core.search.service import highlight_segments

    return "".join(f"[{text}]" if hit else text for text, hit in highlight_segments(snippet))


def _fail(error: BaseException) -> int:
    print(f"{APP_ID}: error: {error}", file=sys.stderr)
    return EXIT_ERROR
