"""The pre-export check and the sent-register snapshot, from what a dossier will print.

The consultant sees every point before the file is written and may proceed; nothing here
changes the dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.kb.catalogue import FactView
from desktop.core.kb.values import YEAR_UNITS, freshness
from desktop.core.kb.vocabulary import LANGUAGES
from desktop.dossier.content.model import DossierData

MAX_NAMED = 8  # texts named in one finding; the rest are counted


@dataclass(frozen=True)
class Finding:
    """One point of the pre-export check; the consultant may proceed regardless."""

    # "stale-fact", "undated-facts", "never-verified", "no-contact", "no-evidence", "untranslated"
    kind: str
    message: str


def findings(
    data: DossierData,
    details: Any,
    facts: list[FactView],
    today: date,
    stale_after_months: int,
    untranslated: Sequence[str] = (),
) -> list[Finding]:
    findings = []
    if untranslated:
        language = LANGUAGES[data.language].en if data.language in LANGUAGES else data.language
        shown = ", ".join(untranslated[:MAX_NAMED])
        more = f" and {len(untranslated) - MAX_NAMED} more" if len(untranslated) > MAX_NAMED else ""
        findings.append(
            Finding(
                "untranslated",
                f"No {language} text yet for {len(untranslated)}: {shown}{more} — printed in "
                "English. Write them in the entity editor, or import them.",
            )
        )
    undated = 0
    for fact in facts:
        status = freshness(fact.as_of, today=today, stale_after_months=stale_after_months)
        if status == "stale":
            findings.append(
                Finding(
                    "stale-fact",
                    f"{fact.label} is as of {fact.as_of}, older than {stale_after_months} months.",
                )
            )
        elif status == "undated" and fact.unit not in YEAR_UNITS:  # a year is its own date
            undated += 1
    if undated:
        text = (
            "1 figure is undated in its source."
            if undated == 1
            else f"{undated:,} figures are undated in their source."
        )
        findings.append(Finding("undated-facts", text))
    never = sorted(d.name for d in details if not d.verified_on)
    if never:
        findings.append(
            Finding("never-verified", f"Never verified ({len(never)}): " + ", ".join(never) + ".")
        )
    if not data.consultant.name.strip():
        findings.append(Finding("no-contact", "No consultant is named for the contact page."))
    card = data.consultant
    lacking = [
        what
        for what, value in (("role", card.role), ("phone", card.phone), ("e-mail", card.email))
        if not (value or "").strip()
    ]
    if lacking:
        findings.append(
            Finding(
                "incomplete-contact",
                f"The contact page lacks your {', '.join(lacking)}: add "
                f"{'it' if len(lacking) == 1 else 'them'} under Briefs ▸ Your contact details.",
            )
        )
    for row in data.evidence:
        if not row.evidence:
            findings.append(
                Finding(
                    "no-evidence",
                    f"Nothing in this dossier serves: {row.requirement}. Include a provider "
                    "from the Alternatives, or tell the investor the region has none.",
                )
            )
    return findings


def snapshot(details: Any, facts: list[FactView]) -> dict[str, Any]:
    """What was printed, to compare with the database on a follow-up."""
    return {
        "entities": {
            d.slug: {
                "name": d.name,
                "description": d.description,
                "location": d.location,
                "tags": list(d.tags),
                "space": [[s.space_type, s.availability, s.since] for s in d.space],
            }
            for d in details
        },
        "facts": {f.key: {"label": f.label, "text": f.text, "as_of": f.as_of} for f in facts},
    }
