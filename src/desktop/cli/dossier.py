"""The CLI's ``suggest`` and ``export`` commands: a profile or a stored brief in, suggestions or
a PDF out.

Both use the same application functions as the window; ``export`` records the dossier in the
sent register like the window's Export PDF…. A profile with any mistake stops the command with
one line naming the key and line, before anything is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop import APP_ID
from desktop.cli.words import error_line, language, number, say
from desktop.core.kb.vocabulary import LANGUAGES, REQUIREMENTS
from desktop.core.suggestions.matching import SECTIONS, Interest


def add_commands(commands: Any, positive_int: Any) -> None:
    suggest = commands.add_parser("suggest", help=say("ranked suggestions for an investor profile"))
    suggest.add_argument("--profile", type=Path, required=True, metavar="P.toml")
    suggest.add_argument("--limit", type=positive_int, default=20, metavar="N")
    suggest.add_argument("--json", action="store_true", help=say("print JSON"))

    export = commands.add_parser(
        "export",
        help=say(
            "write the PDF dossier of a stored brief or an investor profile, and record it "
            "in the sent register"
        ),
        description=say(
            "Write the PDF dossier and record it in the prospect's sent register, as "
            "the window does. --brief exports a brief stored in the database. --profile finds "
            "the profile's prospect by company name (it takes the profile's interest and keeps "
            "its status and notes) or creates it, creates a new brief for it with the usual "
            "suggestions, and exports that brief; if the export fails, both are taken back."
        ),
    )
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", type=Path, metavar="P.toml")
    source.add_argument("--brief", type=positive_int, metavar="ID", help=say("a stored brief's id"))
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    export.add_argument("--template", choices=["full", "onepager"], help=say("with --profile"))
    export.add_argument("--lang", choices=list(LANGUAGES), help=say("with --profile"))
    export.add_argument("--password", help=say("encrypt the PDF (AES-256) with this password"))
    export.add_argument("--reproducible", action="store_true", help=say("byte-identical output"))


def _interest(profile: Any) -> Interest:
    return Interest(profile.sectors, profile.activities, profile.requirements, profile.keywords)


def suggest_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.briefs.profile import load_profile
    from desktop.core.kb.catalogue import tag_labels
    from desktop.core.suggestions.suggest import suggest

    profile = load_profile(args.profile)
    spoken = "en" if args.json else language()  # JSON: the same in every language
    with database.session() as session:
        suggestions = suggest(session, _interest(profile))
        labels = tag_labels(session, spoken) if spoken != "en" else None
    entities = suggestions.substance[: args.limit]
    contacts = suggestions.contacts
    if args.json:
        payload = {
            "prepared_for": profile.display_name,
            "entities": [
                {
                    "slug": s.slug,
                    "name": s.name,
                    "kind": s.kind,
                    "score": s.score,
                    "reason": s.reason,
                    "section": s.section,
                    "requirements": list(s.requirements),
                    "shortlisted": s.shortlisted,
                }
                for s in entities + contacts
            ],
            "facts": [
                {"key": f.key, "label": f.label, "text": f.text, "reason": f.reason}
                for f in suggestions.facts
            ],
            "evidence": [
                {"requirement": e.requirement, "entities": list(e.entities), "facts": list(e.facts)}
                for e in suggestions.evidence
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print(say("Suggestions for {name}", name=profile.display_name) + "\n", file=out)
    for rank, suggestion in enumerate(entities, start=1):
        score = say("score {score}", score=number(suggestion.score, "g"))
        print(f"{rank:>3}. {suggestion.name}  [{suggestion.slug}]  {score}", file=out)
        print(f"     {suggestion.explain(spoken, labels)}", file=out)
    if contacts:
        print(f"\n{SECTIONS['contacts'].label(spoken)}:", file=out)
        for suggestion in contacts:
            print(f"  • {suggestion.name}  [{suggestion.slug}]", file=out)
            print(f"     {suggestion.explain(spoken, labels)}", file=out)
    if suggestions.evidence:
        print("\n" + say("Requirements and evidence:"), file=out)
        for line in suggestions.evidence:
            found = ", ".join([*line.entities, *line.facts]) or say("no evidence in the database")
            label = REQUIREMENTS[line.requirement].label(spoken)
            print(f"  • {label}: {found}", file=out)
    return 0


def export_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    """``export``: the same action as the window's Export PDF… (:mod:`desktop.app.export`)."""
    from desktop.app import export
    from desktop.app.consultant import read_consultant
    from desktop.app.store import Store
    from desktop.core.atomic_files import check_target
    from desktop.core.briefs.profile import load_profile

    if args.brief is not None and (args.template or args.lang):
        print(
            error_line(
                say(
                    "--template and --lang go with --profile; a stored brief has its own "
                    "(change them in the brief's window)"
                )
            ),
            file=sys.stderr,
        )
        return 2
    if args.password is not None and not args.password.strip():
        print(
            error_line(
                say(
                    "--password is empty: give a password to encrypt the PDF, or leave "
                    "--password out to write it unencrypted"
                )
            ),
            file=sys.stderr,
        )
        return 1
    profile = load_profile(args.profile) if args.profile is not None else None
    if not args.out.parent.is_dir():
        missing = say("the folder {folder} does not exist", folder=args.out.parent)
        print(error_line(missing), file=sys.stderr)
        return 1
    check_target(args.out)  # a folder, link or device at --out is refused before any work
    store = Store.around(database)  # writes under the CLI's own write lock
    try:
        if profile is None:
            exported = export.export_brief(
                store,
                brief_id=args.brief,
                out=args.out,
                consultant=read_consultant(),
                today=date.today(),
                password=args.password,
                reproducible=args.reproducible,
            )
            recorded = say(
                "brief {brief}, prepared for {name}",
                brief=args.brief,
                name=exported.assembled.data.prepared_for,
            )
        else:
            placed = export.export_profile(
                store,
                profile=profile,
                out=args.out,
                consultant=read_consultant(profile.consultant),
                today=date.today(),
                template=args.template,
                language=args.lang,
                password=args.password,
                reproducible=args.reproducible,
            )
            exported = placed.exported
            how = say("as stored")
            if placed.created:
                how = say("new")
            elif placed.updated:
                how = say("updated from the profile")
            recorded = say(
                "prospect {prospect} (id {id}, {how}), new brief {brief}",
                prospect=placed.prospect,
                id=placed.prospect_id,
                how=how,
                brief=placed.brief_id,
            )
    finally:
        store.close()
    spoken = language()
    for finding in exported.assembled.findings:
        found = finding.text(spoken)
        print(say("{program}: check: {finding}", program=APP_ID, finding=found), file=sys.stderr)
    wrote = say(
        "Wrote {path} ({pages} pages, sha256 {sha256})",
        path=exported.path,
        pages=number(exported.pages),
        sha256=exported.sha256,
    )
    print(wrote, file=out)
    print(say("Recorded in the sent register: {recorded}", recorded=recorded), file=out)
    return 0


COMMANDS = {"suggest": suggest_command, "export": export_command}
