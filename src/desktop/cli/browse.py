"""The browsing commands: summary, list, show, search, figures, sectors.

They read through the same application functions as the window (:mod:`desktop.app.browse`)
where the window has one, and print text or, with ``--json``, JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from desktop import APP_NAME
from desktop.cli.format import print_json
from desktop.cli.words import language, number, say, say_n
from desktop.core.kb import taxonomy

if TYPE_CHECKING:
    from desktop.app.store import Store

EXIT_OK = 0


def add_commands(commands: Any, positive_int: Any) -> None:
    commands.add_parser("summary", help=say("what the knowledge base holds"))

    listing = commands.add_parser("list", help=say("list entities"))
    _add_kind_sector(listing)
    _add_json(listing)

    show = commands.add_parser("show", help=say("one entity with relations, facts and space"))
    show.add_argument("slug")
    _add_json(show)

    find = commands.add_parser("search", help=say("full-text search"))
    find.add_argument("query")
    _add_kind_sector(find)
    find.add_argument("--limit", type=positive_int, default=20, metavar="N")
    _add_json(find)

    figures = commands.add_parser(
        "figures", help=say("all key figures with unit, as-of and source")
    )
    _add_json(figures)

    sectors = commands.add_parser("sectors", help=say("the sector taxonomy with entity counts"))
    _add_json(sectors)


def _summary(database: Any, _args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        kinds = catalogue.kind_counts(session)
        facts = catalogue.list_facts(session)
        sectors = catalogue.sector_counts(session)
    spoken = language()
    print(say("{app} — knowledge base at {path}", app=APP_NAME, path=database.path), file=out)
    entities = say_n("{count} entity", "{count} entities", sum(kinds.values()))
    figures = say_n("{count} key figure", "{count} key figures", len(facts))
    print(f"{entities}, {figures}\n", file=out)
    for code, term in taxonomy.KINDS.items():
        if kinds.get(code):
            print(f"  {number(kinds[code]):>4}  {term.label(spoken)}", file=out)
    print("\n" + say("Sectors:"), file=out)
    for sector in sectors:
        label = sector.labels.get(spoken) or sector.label_en
        print(f"  {number(sector.entities):>4}  {label}", file=out)
    print(
        "\n"
        + say("Try: dossier-desk search 'cell therapy'   ·   dossier-desk show fraunhofer-izi"),
        file=out,
    )
    return EXIT_OK


def _list(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        entities = catalogue.list_entities(session, kind=args.kind, sector=args.sector)
    if args.json:
        return print_json(entities, out)
    spoken = language()
    for entity in entities:
        kind = taxonomy.KINDS[entity.kind].label(spoken)
        print(f"{entity.slug:<44} {entity.name}  ({kind})", file=out)
    print("\n" + say_n("{count} entity", "{count} entities", len(entities)), file=out)
    return EXIT_OK


def _show(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import browse

    # JSON is the same in every language: the records as stored, English as the source
    spoken = "en" if args.json else language()
    with _store(database) as store:
        detail = browse.entity_detail(store, slug=args.slug, language=spoken)
    if args.json:
        return print_json(detail, out)
    from desktop.cli.format import format_detail

    print(format_detail(detail, spoken), file=out)
    return EXIT_OK


def _search(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import browse
    from desktop.core.kb import catalogue
    from desktop.core.search.service import SearchFilters

    filters = SearchFilters(
        kinds=(args.kind,) if args.kind else (), sectors=(args.sector,) if args.sector else ()
    )
    with _store(database) as store:
        result = browse.search(store, query=args.query, filters=filters, limit=args.limit)
    slugs = [hit.slug for hit in result.hits]
    if args.json:
        with database.session() as session:
            summaries = catalogue.summaries(session, slugs)
        rows = [
            {**asdict(summary), "score": hit.score, "snippet": _plain(hit.snippet)}
            for summary, hit in zip(summaries, result.hits, strict=True)
        ]
        return print_json({"total": result.total, "partial": result.partial, "hits": rows}, out)
    if not slugs:
        print(say("No matches. Try fewer or shorter words."), file=out)
        return EXIT_OK
    if result.partial:
        print(say("No entity matches every word; showing those that match some.") + "\n", file=out)
    spoken = language()
    for rank, hit in enumerate(result.hits, start=1):
        kind = taxonomy.KINDS[hit.kind].label(spoken)
        print(f"{rank:>3}. {hit.name}  [{hit.slug}]  ({kind})", file=out)
        if hit.snippet:
            print(textwrap.indent(textwrap.fill(_bracketed(hit.snippet), 92), "     "), file=out)
    shown = say("{shown} of {total} matches", shown=number(len(slugs)), total=number(result.total))
    print("\n" + shown, file=out)
    return EXIT_OK


def _figures(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        facts = catalogue.list_facts(session)
    if args.json:
        return print_json(facts, out)
    from desktop.cli.format import format_fact

    spoken = language()
    if spoken != "en":  # labels, units and numbers in that language where the records have them
        from desktop.dossier.content.localise import Localiser

        facts = [Localiser(spoken).fact(fact) for fact in facts]
    for fact in facts:
        print(format_fact(fact), file=out)
    print("\n" + say_n("{count} key figure", "{count} key figures", len(facts)), file=out)
    return EXIT_OK


def _sectors(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.kb import catalogue

    with database.session() as session:
        sectors = catalogue.sector_counts(session)
    if args.json:
        return print_json(sectors, out)
    for sector in sectors:
        print(
            f"{sector.code:<22} {sector.entities:>4}  {' / '.join(sector.labels.values())}",
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


def _add_kind_sector(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        choices=list(taxonomy.KINDS),
        metavar="KIND",
        help=say("one of: {codes}", codes=", ".join(taxonomy.KINDS)),
    )
    parser.add_argument(
        "--sector",
        choices=list(taxonomy.SECTORS),
        metavar="SECTOR",
        help=say("one of: {codes}", codes=", ".join(taxonomy.SECTORS)),
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=say("print JSON"))


def _plain(snippet: str) -> str:
    from desktop.core.search.service import highlight_segments

    return "".join(text for text, _ in highlight_segments(snippet))


def _bracketed(snippet: str) -> str:
    from desktop.core.search.service import highlight_segments

    return "".join(f"[{text}]" if hit else text for text, hit in highlight_segments(snippet))


@contextlib.contextmanager
def _store(database: Any) -> Iterator[Store]:
    """The application layer's handle on the database the CLI opened (and closes)."""
    from desktop.app.store import Store

    store = Store.around(database)
    try:
        yield store
    finally:
        store.close()
