"""Fixed wording of the dossier, and dates written per language.

The data arrives already in the dossier's language; only the renderer's own headings, labels
and date formats live here (English; other languages in their catalogue's ``dossier``,
``month`` and ``format`` tables, :mod:`desktop.core.language.catalogues`), so a translation
fix never touches layout code.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.core.language.catalogues import long_date, month_name, word
from desktop.dossier.content.model import SourceNote

_LABELS: dict[str, str] = {
    # key: English (the source); other languages: domain "dossier" of their catalogue
    "location_dossier": "Location dossier",
    "location_onepager": "Location one-pager",
    "prepared_for": "Prepared for",
    "date": "Date",
    "your_contact": "Your contact",
    "executive_summary": "Executive summary",
    "contents": "Contents",
    "key_figures": "Key figures",
    "requirements_evidence": "Requirements and evidence",
    "sources": "Sources",
    "space_offered": "Space offered",
    "key_facts": "Key facts",
    "as_of": "as of",
    "undated": "undated in source",
    "accessed": "accessed",
    "published": "published",
    "source": "Source",
    "no_source": "Source not recorded",
    "no_evidence": "Not covered in this dossier",
    "col_figure": "Figure",
    "col_value": "Value",
    "col_as_of": "As of",
    "col_source": "Source",
    "col_requirement": "Requirement",
    "col_evidence": "Evidence",
    "col_how": "How it is met",
    "col_space": "Space",
    "col_availability": "Availability",
    "col_since": "Since",
    "col_note": "Note",
    "consultant_note": "Note from your consultant",
    "further_contacts": "Further contacts",
    "phone": "Phone",
    "email": "Email",
    "scan_to_save": "Scan to save this contact",
    "file": "File",
    "selected_partners": "Selected partners and sites",
    "more_in_full": "{count} more in the full dossier",
    "page_of": "Page {page} of {total}",
    "and_more": "and {n} more",
    "text_shortened": "(shortened for this dossier)",
}

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def label(key: str, language: str, **values: object) -> str:
    """The fixed wording ``key`` in ``language`` (English where the catalogue has none)."""
    text = word("dossier", key, language, _LABELS[key])
    return text.format(**values) if values else text


def title(template: str, language: str) -> str:
    """What the document is called: "Location dossier" / "Standortdossier", or the one-pager's."""
    return label("location_onepager" if template == "onepager" else "location_dossier", language)


def format_date(day: date, language: str) -> str:
    """``26 November 2026`` / ``26. November 2026`` (the catalogue's ``format.date``)."""
    return long_date(day.day, day.month, day.year, language)


def format_partial_date(value: str, language: str) -> str:
    """``2024`` stays, ``2024-03`` → ``March 2024``; anything unparsable is shown as given."""
    match = _PARTIAL.match(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    try:
        if day:
            return format_date(date(int(year), int(month), int(day)), language)
        if month:
            pattern = word("format", "month_year", language, "{month} {year}")
            return pattern.format(month=month_name(int(month), language), year=year)
    except (ValueError, IndexError):
        return value
    return year


def source_text(source: SourceNote | None, language: str) -> str:
    """``Title, Publisher`` — or the plain admission that no source was recorded."""
    if source is None:
        return label("no_source", language)
    if source.publisher:
        return f"{source.title}, {source.publisher}"
    return source.title


def dating_text(as_of: str | None, source: SourceNote | None, language: str) -> str:
    """``as of March 2024``, or ``undated in source (accessed 3 May 2025)``."""
    if as_of:
        return f"{label('as_of', language)} {format_partial_date(as_of, language)}"
    text = label("undated", language)
    if source is not None and source.accessed_on:
        accessed = format_partial_date(source.accessed_on, language)
        text += f" ({label('accessed', language)} {accessed})"
    return text


def fact_source_line(
    source: SourceNote | None, as_of: str | None, language: str, *, is_a_date: bool = False
) -> str:
    """``Source: Title, Publisher · as of 2024`` as printed under a figure (plain text). A
    figure that *is* a date (a founding year, an opening date) needs no "as of"."""
    prefix = "" if source is None else f"{label('source', language)}: "
    if is_a_date:
        return f"{prefix}{source_text(source, language)}"
    return f"{prefix}{source_text(source, language)} · {dating_text(as_of, source, language)}"


def source_details(source: SourceNote, language: str) -> str:
    """``Publisher · published 2024 · accessed 3 May 2025`` for the sources page."""
    parts = []
    if source.publisher:
        parts.append(source.publisher)
    if source.published:
        parts.append(
            f"{label('published', language)} {format_partial_date(source.published, language)}"
        )
    else:
        parts.append(label("undated", language))
    if source.accessed_on:
        parts.append(
            f"{label('accessed', language)} {format_partial_date(source.accessed_on, language)}"
        )
    return " · ".join(parts)
