"""The CLI's ``import`` and ``export-data`` commands: spreadsheets and JSON in and out.

``import`` always shows the plan first (what is added, updated, rejected, and why, with file,
row and column); without ``--dry-run`` it then applies it in one transaction, and refuses —
exit status 1, nothing written — while any row is rejected. Planning, the backup before the
first write and the audit batch are :mod:`desktop.app.exchange`'s, as in the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.cli.words import error_line, language, number, say
from desktop.core.kb import taxonomy
from desktop.core.language.messages import said

if TYPE_CHECKING:
    from desktop.core.storage.database import Database

RECORD_TYPES = ("sources", "tags", "entities", "relations", "spaces", "facts", "contacts")
SHOWN_ROWS = 50  # per action in the text plan; --json lists every row


def add_commands(commands: Any, positive_int: Any) -> None:
    imports = commands.add_parser(
        "import", help=say("import entities, facts or contacts from CSV, XLSX or JSON")
    )
    imports.add_argument("file", type=Path, metavar="FILE")
    imports.add_argument(
        "--type",
        choices=RECORD_TYPES,
        dest="record_type",
        help=say(
            "what the rows are (default: from the file, sheet or section name, else the headers)"
        ),
    )
    imports.add_argument(
        "--encoding", metavar="E", help=say("CSV text encoding (default: detected)")
    )
    imports.add_argument(
        "--dry-run", action="store_true", help=say("show the plan, change nothing")
    )
    imports.add_argument(
        "--skip-rejected",
        action="store_true",
        help=say("import the valid rows, leave rejected out"),
    )
    imports.add_argument("--who", help=say("name for the audit journal (default: the consultant)"))
    imports.add_argument("--json", action="store_true", help=say("print the plan as JSON"))

    export = commands.add_parser(
        "export-data", help=say("export the knowledge base to JSON, CSV or XLSX")
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--kind",
        choices=list(taxonomy.KINDS),
        metavar="K",
        help=say(
            "only entities of this kind and what belongs to them: {codes}",
            codes=", ".join(taxonomy.KINDS),
        ),
    )
    export.add_argument(
        "--type", choices=RECORD_TYPES, dest="record_type", help=say("only this record type")
    )


def import_command(database: Database, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import edits, exchange

    planned = exchange.plan_import_file(
        database, path=args.file, record_type=args.record_type, encoding=args.encoding
    )
    counts = planned.counts()
    blocked = bool(planned.problems) or (counts["reject"] > 0 and not args.skip_rejected)
    result = None
    if not args.dry_run and not blocked:
        result = exchange.apply_import(
            database,
            plan=planned,
            who=edits.journal_name(args.who),
            skip_rejected=args.skip_rejected,
        ).result
    if args.json:
        payload = planned.to_dict()
        payload["applied"] = result is not None
        if result is not None:
            payload["batch"] = result.batch
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_plan(planned, out)
    if blocked:
        why = (
            say("nothing was imported: the file has problems (above).")
            if planned.problems
            else say(
                "nothing was imported: {count} row(s) are rejected (above). Fix them, or use "
                "--skip-rejected to import the others.",
                count=number(counts["reject"]),
            )
        )
        print(error_line(why), file=sys.stderr)
        return 1
    if result is not None and not args.json:
        left_out = (
            say(", {count} rejected rows left out", count=number(result.skipped))
            if result.skipped
            else ""
        )
        said = say(
            "Imported: {added} added, {updated} updated{left_out} (audit batch {batch}, "
            "{seconds} s).",
            added=number(result.added),
            updated=number(result.updated),
            left_out=left_out,
            batch=result.batch or "-",
            seconds=number(result.seconds, ".1f"),
        )
        print("\n" + said, file=out)
    elif args.dry_run and not args.json:
        print("\n" + say("Dry run: nothing was changed."), file=out)
    if result is not None:
        out.flush()
        database.finish_search_index()  # what a large import left for later: after the report
    return 0


def export_command(database: Database, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app import exchange

    written = exchange.export_data(
        database, out=args.out, kind=args.kind, record_type=args.record_type
    )
    for path in written:
        print(say("Wrote {path}", path=path), file=out)
    if not written:
        print(say("Nothing to export: no records match."), file=out)
    return 0


def _print_plan(planned: Any, out: TextIO) -> None:
    from desktop.core.exchange.plan import ADD, REJECT, UNCHANGED, UPDATE, display

    counts = planned.counts()
    types = ", ".join(planned.record_types)
    print(say("Import plan for {source} ({types})", source=planned.source, types=types), file=out)
    speaking = language()
    for note in planned.notes:
        print("  " + say("note: {note}", note=said(note, speaking)), file=out)
    for problem in planned.problems:
        print("  " + say("PROBLEM {problem}", problem=said(problem, speaking)), file=out)
    titles = (
        (REJECT, say("Rejected ({count}):")),
        (ADD, say("Added ({count}):")),
        (UPDATE, say("Updated ({count}):")),
    )
    for action, title in titles:
        rows = planned.of(action)
        if not rows:
            continue
        print("\n" + title.format(count=number(len(rows))), file=out)
        shown = rows if action == REJECT else rows[:SHOWN_ROWS]
        for row in shown:
            where = say("{file} row {row}:", file=row.file, row=row.row)
            print(f"  {where} {row.record_type} {row.key}", file=out)
            for problem in row.problems:
                print(f"      {said(problem, speaking)}", file=out)
            for change in row.changes:
                print(
                    f"      {change.field}: {display(change.old)} → {display(change.new)}",
                    file=out,
                )
        if len(rows) > len(shown):
            more = say(
                "… and {count} more (--json lists all)", count=number(len(rows) - len(shown))
            )
            print("  " + more, file=out)
    total = say(
        "{add} to add, {update} to update, {unchanged} unchanged, {reject} rejected",
        add=number(counts[ADD]),
        update=number(counts[UPDATE]),
        unchanged=number(counts[UNCHANGED]),
        reject=number(counts[REJECT]),
    )
    print("\n" + total, file=out)


COMMANDS = {"import": import_command, "export-data": export_command}
