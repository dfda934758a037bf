"""Plain-text rendering of catalogue records for the terminal."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, is_dataclass
from typing import Any, TextIO

from desktop.core.kb import taxonomy
from desktop.core.kb.catalogue import EntityDetail, FactView, SourceRef


def source_line(source: SourceRef | None, as_of: str | None) -> str:
    """``as of 2024 · Source: Title (Publisher, accessed 2026-11-26)`` — never silently empty."""
    dated = f"as of {as_of}" if as_of else "undated in source"
    if source is None:
        return f"{dated} · source unknown"
    details = ", ".join(
        part
        for part in (
            source.publisher,
            source.published and f"published {source.published}",
            source.accessed_on and f"accessed {source.accessed_on}",
        )
        if part
    )
    return f"{dated} · Source: {source.title}" + (f" ({details})" if details else "")


def format_fact(fact: FactView) -> str:
    scope = f" [{fact.scope_name}]" if fact.scope_name else " [cluster]"
    return f"{fact.label}{scope}: {fact.text}\n    {source_line(fact.source, fact.as_of)}"


def format_detail(detail: EntityDetail) -> str:
    lines = [detail.name + (f" ({detail.short_name})" if detail.short_name else "")]
    lines.append("=" * len(lines[0]))
    lines.append(f"Kind: {taxonomy.KINDS[detail.kind].en}    Slug: {detail.slug}")
    if detail.location:
        lines.append(f"Location: {detail.location}")
    if detail.founded_year:
        lines.append(f"Founded: {detail.founded_year}")
    if detail.website:
        lines.append(f"Website: {detail.website}")
    lines.append("Sectors: " + (", ".join(taxonomy.SECTORS[s].en for s in detail.sectors) or "—"))
    lines.append("Tags: " + (", ".join(detail.tags) or "—"))
    lines.append(f"Verified: {detail.verified_on or 'never'}")
    lines += ["", textwrap.fill(detail.description, 92)]
    if detail.space:
        lines += ["", "Space offered:"]
        for space in detail.space:
            since = f" from {space.since}" if space.since else ""
            note = f" — {space.note}" if space.note else ""
            lines.append(f"  • {space.label}: {space.availability}{since}{note}")
    if detail.facts:
        lines += ["", "Key figures:"]
        lines += [textwrap.indent(format_fact(fact), "  ") for fact in detail.facts]
    if detail.relations:
        lines += ["", "Relations:"]
        for relation in detail.relations:
            note = f" — {relation.note}" if relation.note else ""
            lines.append(f"  • {relation.label} {relation.name} [{relation.slug}]{note}")
    if detail.contact:
        contact = detail.contact
        lines += ["", "Contact" + ("" if contact.public else " (internal — not for sharing)") + ":"]
        for label, value in (
            ("Role", contact.role),
            ("Organisation", contact.organisation_name),
            ("Phone", contact.phone),
            ("E-mail", contact.email),
        ):
            if value:
                lines.append(f"  {label}: {value}")
    if detail.contacts:
        lines += ["", "Contacts:"]
        for person in detail.contacts:
            reach = ", ".join(v for v in (person.contact.role, person.contact.phone) if v)
            shared = "" if person.contact.public else " (internal)"
            lines.append(
                f"  • {person.name} [{person.slug}]{shared}" + (f": {reach}" if reach else "")
            )
    lines += [
        "",
        "Description " + source_line(detail.source, None).replace("undated in source · ", ""),
    ]
    return "\n".join(lines)


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
