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

from desktop.core.kb.vocabulary import REQUIREMENTS
from desktop.core.suggestions.matching import SECTIONS, Interest


def add_commands(commands: Any, positive_int: Any) -> None:
    suggest = commands.add_parser("suggest", help="ranked suggestions for an investor profile")
    suggest.add_argument("--profile", type=Path, required=True, metavar="P.toml")
    suggest.add_argument("--limit", type=positive_int, default=20, metavar="N")
    suggest.add_argument("--json", action="store_true", help="print JSON")

    export = commands.add_parser(
        "export",
        help="write the PDF dossier of a stored brief or an investor profile, and record it "
        "in the sent register",
        description="Write the PDF dossier and record it in the prospect's sent register, as "
        "the window does. --brief exports a brief stored in the database. --profile finds the "
        "profile's prospect by company name (it takes the profile's interest and keeps its "
        "status and notes) or creates it, creates a new brief for it with the usual "
        "suggestions, and exports that brief; if the export fails, both are taken back.",
    )
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", type=Path, metavar="P.toml")
    source.add_argument("--brief", type=positive_int, metavar="ID", help="a stored brief's id")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    export.add_argument("--template", choices=["full", "onepager"], help="with --profile")
    export.add_argument("--lang", choices=["en", "de"], help="with --profile")
    export.add_argument("--password", help="encrypt the PDF (AES-256) with this password")
    export.add_argument("--reproducible", action="store_true", help="byte-identical output")


def _interest(profile: Any) -> Interest:
    return Interest(profile.sectors, profile.activities, profile.requirements, profile.keywords)


def suggest_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.briefs.profile import load_profile
    from desktop.core.suggestions.suggest import suggest

    profile = load_profile(args.profile)
    with database.session() as session:
        suggestions = suggest(session, _interest(profile))
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
    print(f"Suggestions for {profile.display_name}\n", file=out)
    for rank, suggestion in enumerate(entities, start=1):
        print(
            f"{rank:>3}. {suggestion.name}  [{suggestion.slug}]  score {suggestion.score:g}",
            file=out,
        )
        print(f"     {suggestion.reason}", file=out)
    if contacts:
        print(f"\n{SECTIONS['contacts'].en}:", file=out)
        for suggestion in contacts:
            print(f"  • {suggestion.name}  [{suggestion.slug}]", file=out)
            print(f"     {suggestion.reason}", file=out)
    if suggestions.evidence:
        print("\nRequirements and evidence:", file=out)
        for line in suggestions.evidence:
            found = ", ".join([*line.entities, *line.facts]) or "no evidence in the database"
            label = REQUIREMENTS[line.requirement].en
            print(f"  • {label}: {found}", file=out)
    return 0


def export_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    """``export``: the same action as the window's Export PDF… (:mod:`desktop.app.export`)."""
    from desktop.app import export
    from desktop.app.consultant import read_consultant
    from desktop.app.language import ui_language
    from desktop.app.store import Store
    from desktop.core.atomic_files import check_target
    from desktop.core.briefs.profile import load_profile

    if args.brief is not None and (args.template or args.lang):
        print(
            "dossier-desk: error: --template and --lang go with --profile; a stored brief has "
            "its own (change them in the brief's window)",
            file=sys.stderr,
        )
        return 2
    if args.password is not None and not args.password.strip():
        print(
            "dossier-desk: error: --password is empty: give a password to encrypt the PDF, or "
            "leave --password out to write it unencrypted",
            file=sys.stderr,
        )
        return 1
    profile = load_profile(args.profile) if args.profile is not None else None
    if not args.out.parent.is_dir():
        print(f"dossier-desk: error: the folder {args.out.parent} does not exist", file=sys.stderr)
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
            recorded = f"brief {args.brief}, prepared for {exported.assembled.data.prepared_for}"
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
            how = "as stored"
            if placed.created:
                how = "new"
            elif placed.updated:
                how = "updated from the profile"
            recorded = (
                f"prospect {placed.prospect} (id {placed.prospect_id}, {how}), "
                f"new brief {placed.brief_id}"
            )
    finally:
        store.close()
    language = ui_language()
    for finding in exported.assembled.findings:
        print(f"dossier-desk: check: {finding.text(language)}", file=sys.stderr)
    print(f"Wrote {exported.path} ({exported.pages} pages, sha256 {exported.sha256})", file=out)
    print(f"Recorded in the sent register: {recorded}", file=out)
    return 0


COMMANDS = {"suggest": suggest_command, "export": export_command}
