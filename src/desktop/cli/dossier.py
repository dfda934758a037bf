"""The CLI's ``suggest`` and ``export`` commands: an investor profile in, suggestions or a PDF out.

Both use the same services as the window. A profile with any mistake stops the command with
one line naming the key and line, before anything is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from desktop.core.briefs.matching import Interest
from desktop.core.kb.vocabulary import REQUIREMENTS


def add_commands(commands: Any, positive_int: Any) -> None:
    suggest = commands.add_parser("suggest", help="ranked suggestions for an investor profile")
    suggest.add_argument("--profile", type=Path, required=True, metavar="P.toml")
    suggest.add_argument("--limit", type=positive_int, default=20, metavar="N")
    suggest.add_argument("--json", action="store_true", help="print JSON")

    export = commands.add_parser("export", help="write the PDF dossier for an investor profile")
    export.add_argument("--profile", type=Path, required=True, metavar="P.toml")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    export.add_argument("--template", choices=["full", "onepager"])
    export.add_argument("--lang", choices=["en", "de"])
    export.add_argument("--password", help="encrypt the PDF (AES-256) with this password")
    export.add_argument("--reproducible", action="store_true", help="byte-identical output")


def _interest(profile: Any) -> Interest:
    return Interest(profile.sectors, profile.activities, profile.requirements, profile.keywords)


def suggest_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.core.briefs.profile import load_profile
    from desktop.core.briefs.suggest import suggest

    profile = load_profile(args.profile)
    with database.session() as session:
        suggestions = suggest(session, _interest(profile))
    entities = suggestions.entities[: args.limit]
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
                }
                for s in entities
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
    if suggestions.evidence:
        print("\nRequirements and evidence:", file=out)
        for line in suggestions.evidence:
            found = ", ".join([*line.entities, *line.facts]) or "no evidence in the database"
            label = REQUIREMENTS[line.requirement].en
            print(f"  • {label}: {found}", file=out)
    return 0


def export_command(database: Any, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.app.consultant import read_consultant
    from desktop.core.atomic_files import check_target
    from desktop.core.briefs.profile import load_profile
    from desktop.core.briefs.suggest import suggest
    from desktop.dossier.content.assemble import assemble, default_selection
    from desktop.dossier.render import render_file

    if args.password is not None and not args.password.strip():
        print(
            "dossier-desk: error: --password is empty: give a password to encrypt the PDF, or "
            "leave --password out to write it unencrypted",
            file=sys.stderr,
        )
        return 1
    profile = load_profile(args.profile)
    if not args.out.parent.is_dir():
        print(f"dossier-desk: error: the folder {args.out.parent} does not exist", file=sys.stderr)
        return 1
    check_target(args.out)  # a folder, link or device at --out is refused before any work
    interest = _interest(profile)
    with database.session() as session:
        suggestions = suggest(session, interest)
        selection = default_selection(
            suggestions,
            prepared_for=profile.display_name,
            template=args.template or profile.template,
            language=args.lang or profile.language,
            consultant=read_consultant(profile.consultant),
            interest=interest,
        )
        assembled = assemble(session, selection, suggestions, today=date.today())
    for finding in assembled.findings:
        print(f"dossier-desk: check: {finding.message}", file=sys.stderr)
    result = render_file(
        assembled.data, args.out, password=args.password, reproducible=args.reproducible
    )
    print(f"Wrote {result.path} ({result.pages} pages, sha256 {result.sha256})", file=out)
    return 0


COMMANDS = {"suggest": suggest_command, "export": export_command}
