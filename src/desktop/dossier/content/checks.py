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
from desktop.core.kb.values import YEAR_UNITS, format_number, freshness
from desktop.core.kb.vocabulary import LANGUAGES
from desktop.core.language.catalogues import word
from desktop.dossier.content.model import DossierData

MAX_NAMED = 8  # texts named in one finding; the rest are counted
# The check's sentences in English; other languages: the catalogue's "check" table.
SENTENCES = {
    "untranslated": "No {language} text yet for {count}: {names} — printed in English. Write "
    "them in the entity editor, or import them.",
    "outdated-translation": "{language} text written for an earlier version of the English "
    "({count}): {names} — printed as it stands. Compare each with the English in the record's "
    "form and save it.",
    "stale-fact": "{label} is as of {as_of}, older than {months} months.",
    "undated-facts.one": "1 figure is undated in its source.",
    "undated-facts": "{count} figures are undated in their source.",
    "never-verified": "Never verified ({count}): {names}.",
    "no-contact": "No consultant is named for the contact page.",
    "incomplete-contact": "The contact page lacks your {fields}: add them under Briefs ▸ Your "
    "contact details.",
    "no-evidence": "Nothing in this dossier serves: {requirement}. Include a provider from the "
    "Alternatives, or tell the investor the region has none.",
    "and-more": "{names} and {count} more",
    "role": "role",
    "phone": "phone",
    "e-mail": "e-mail",
}


@dataclass(frozen=True)
class Finding:
    """One point of the pre-export check; the consultant may proceed regardless. Read it in
    the window's language with :meth:`text`; :attr:`message` is the English."""

    # "stale-fact", "undated-facts", "never-verified", "no-contact", "incomplete-contact",
    # "no-evidence", "untranslated", "outdated-translation"
    kind: str
    sentence: str  # key of SENTENCES
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = "en") -> str:
        values = {}
        for name, value in self.values:
            if name == "fields":  # words of the sentence's own language
                value = ", ".join(_say(str(field), language) for field in value)  # type: ignore[attr-defined]
            elif name == "names" and isinstance(value, tuple):
                value = _named(value, language)
            elif name == "language":
                value = LANGUAGES[str(value)].label(language) if value in LANGUAGES else value
            elif isinstance(value, int):
                value = format_number(value, language=language)
            values[name] = value
        return _say(self.sentence, language).format(**values)

    @property
    def message(self) -> str:
        return self.text("en")


def _say(key: str, language: str) -> str:
    return word("check", key, language, SENTENCES[key])


def _named(names: Sequence[str], language: str) -> str:
    shown = ", ".join(names[:MAX_NAMED])
    if len(names) <= MAX_NAMED:
        return shown
    more = format_number(len(names) - MAX_NAMED, language=language)
    return _say("and-more", language).format(names=shown, count=more)


def findings(
    data: DossierData,
    details: Any,
    facts: list[FactView],
    today: date,
    stale_after_months: int,
    untranslated: Sequence[str] = (),
    outdated: Sequence[str] = (),
) -> list[Finding]:
    """Every point of the check; ``untranslated`` and ``outdated`` name the texts the dossier
    prints in English for want of a translation, and those whose translation was written for
    an earlier English ("Fraunhofer IZI (description)")."""
    found = []
    for kind, names in (("untranslated", untranslated), ("outdated-translation", outdated)):
        if names:
            values = (("language", data.language), ("count", len(names)), ("names", tuple(names)))
            found.append(Finding(kind, kind, values))
    undated = 0
    for fact in facts:
        status = freshness(fact.as_of, today=today, stale_after_months=stale_after_months)
        if status == "stale":
            values = (("label", fact.label), ("as_of", fact.as_of), ("months", stale_after_months))
            found.append(Finding("stale-fact", "stale-fact", values))
        elif status == "undated" and fact.unit not in YEAR_UNITS:  # a year is its own date
            undated += 1
    if undated:
        key = "undated-facts.one" if undated == 1 else "undated-facts"
        found.append(Finding("undated-facts", key, (("count", undated),)))
    never = sorted(d.name for d in details if not d.verified_on)
    if never:
        values = (("count", len(never)), ("names", ", ".join(never)))
        found.append(Finding("never-verified", "never-verified", values))
    if not data.consultant.name.strip():
        found.append(Finding("no-contact", "no-contact"))
    card = data.consultant
    lacking = tuple(
        what
        for what, value in (("role", card.role), ("phone", card.phone), ("e-mail", card.email))
        if not (value or "").strip()
    )
    if lacking:
        found.append(Finding("incomplete-contact", "incomplete-contact", (("fields", lacking),)))
    for row in data.evidence:
        if not row.evidence:
            values = (("requirement", row.requirement),)
            found.append(Finding("no-evidence", "no-evidence", values))
    return found


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
