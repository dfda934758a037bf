"""Plain-text rendering of catalogue records for the terminal, in the run's language.

The detail arrives with its texts already in that language (:func:`desktop.app.browse.
entity_detail`); the labels of the fixed vocabularies come from the taxonomy, the rest from
:mod:`desktop.cli.words`. JSON is written as the records are, the same in every language.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, is_dataclass
from typing import Any, TextIO

from desktop.cli.words import say, shown_date
from desktop.core.kb import taxonomy
from desktop.core.kb.catalogue import EntityDetail, FactView, SourceRef


def source_line(source: SourceRef | None, as_of: str | None) -> str:
    """``as of 2024 · Source: Title (Publisher, accessed 2026-11-26)`` — never silently empty."""
    dated = say("as of {date}", date=shown_date(as_of)) if as_of else say("undated in source")
    return f"{dated} · {_source(source)}"


def _source(source: SourceRef | None) -> str:
    if source is None:
        return say("source unknown")
    details = ", ".join(
        part
        for part in (
            source.publisher,
            source.published and say("published {date}", date=shown_date(source.published)),
            source.accessed_on and say("accessed {date}", date=shown_date(source.accessed_on)),
        )
        if part
    )
    return say("Source: {title}", title=source.title) + (f" ({details})" if details else "")


def format_fact(fact: FactView) -> str:
    scope = f" [{fact.scope_name or say('cluster')}]"
    return f"{fact.label}{scope}: {fact.text}\n    {source_line(fact.source, fact.as_of)}"


def format_detail(detail: EntityDetail, language: str = "en") -> str:
    """The entity as the terminal shows it; ``detail`` already holds its texts in ``language``."""
    lines = [detail.name + (f" ({detail.short_name})" if detail.short_name else "")]
    lines.append("=" * len(lines[0]))
    kind = _label(taxonomy.KINDS, detail.kind, language)
    lines.append(say("Kind: {kind}    Slug: {slug}", kind=kind, slug=detail.slug))
    if detail.location:
        lines.append(say("Location: {location}", location=detail.location))
    if detail.founded_year:
        lines.append(say("Founded: {year}", year=detail.founded_year))
    if detail.website:
        lines.append(say("Website: {website}", website=detail.website))
    sectors = ", ".join(_label(taxonomy.SECTORS, code, language) for code in detail.sectors)
    lines.append(say("Sectors: {sectors}", sectors=sectors or "—"))
    lines.append(say("Tags: {tags}", tags=", ".join(detail.tags) or "—"))
    verified = shown_date(detail.verified_on) if detail.verified_on else say("never")
    lines.append(say("Verified: {date}", date=verified))
    lines += ["", textwrap.fill(detail.description, 92)]
    if detail.space:
        lines += ["", say("Space offered:")]
        for space in detail.space:
            since = say(" from {date}", date=shown_date(space.since)) if space.since else ""
            note = f" — {space.note}" if space.note else ""
            label = _label(taxonomy.SPACE_TYPES, space.space_type, language, space.label)
            status = _label(taxonomy.AVAILABILITY, space.availability, language)
            lines.append(f"  • {label}: {status}{since}{note}")
    if detail.facts:
        lines += ["", say("Key figures:")]
        lines += [textwrap.indent(format_fact(fact), "  ") for fact in detail.facts]
    if detail.relations:
        lines += ["", say("Relations:")]
        for relation in detail.relations:
            note = f" — {relation.note}" if relation.note else ""
            label = relation.label_in(language)
            lines.append(f"  • {label} {relation.name} [{relation.slug}]{note}")
    if detail.contact:
        contact = detail.contact
        heading = (
            say("Contact:") if contact.public else say("Contact (internal — not for sharing):")
        )
        lines += ["", heading]
        for label, value in (
            (say("Role"), contact.role),
            (say("Organisation"), contact.organisation_name),
            (say("Phone"), contact.phone),
            (say("E-mail"), contact.email),
        ):
            if value:
                lines.append(f"  {label}: {value}")
    if detail.contacts:
        lines += ["", say("Contacts:")]
        for person in detail.contacts:
            reach = ", ".join(v for v in (person.contact.role, person.contact.phone) if v)
            shared = "" if person.contact.public else say(" (internal)")
            lines.append(
                f"  • {person.name} [{person.slug}]{shared}" + (f": {reach}" if reach else "")
            )
    lines += ["", say("Description") + " " + _source(detail.source)]
    return "\n".join(lines)


def _label(vocabulary: dict[str, taxonomy.Term], code: str, language: str, known: str = "") -> str:
    """A code's label in ``language``; a code the vocabulary lacks is shown as it is."""
    term = vocabulary.get(code)
    return term.label(language) if term else known or code


def print_json(value: Any, out: TextIO) -> int:
    def default(item: Any) -> Any:
        if is_dataclass(item) and not isinstance(item, type):
            return asdict(item)
        return str(item)

    payload = [asdict(v) for v in value] if isinstance(value, list) else value
    if is_dataclass(payload) and not isinstance(payload, type):
        payload = asdict(payload)
    json.dump(payload, out, ensure_ascii=False, indent=2, default=default)
    out.write("\n")
    return 0
