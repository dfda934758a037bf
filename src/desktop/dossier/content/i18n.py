"""Fixed wording of the dossier in English and German, and dates written per language.

The data arrives already in the dossier's language; only the renderer's own headings, labels
and date formats live here, so a translation fix never touches layout code.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.dossier.content.model import SourceNote

LANGUAGES = ("en", "de")

_LABELS: dict[str, tuple[str, str]] = {
    # key: (English, German)
    "location_dossier": ("Location dossier", "Standortdossier"),
    "prepared_for": ("Prepared for", "Erstellt für"),
    "date": ("Date", "Datum"),
    "your_contact": ("Your contact", "Ihr Ansprechpartner"),
    "executive_summary": ("Executive summary", "Zusammenfassung"),
    "contents": ("Contents", "Inhalt"),
    "key_figures": ("Key figures", "Kennzahlen"),
    "requirements_evidence": ("Requirements and evidence", "Anforderungen und Belege"),
    "sources": ("Sources", "Quellen"),
    "space_offered": ("Space offered", "Flächenangebot"),
    "key_facts": ("Key facts", "Eckdaten"),
    "as_of": ("as of", "Stand"),
    "undated": ("undated in source", "im Quelltext undatiert"),
    "accessed": ("accessed", "abgerufen"),
    "published": ("published", "veröffentlicht"),
    "source": ("Source", "Quelle"),
    "no_source": ("Source not recorded", "Quelle nicht erfasst"),
    "no_evidence": ("Not covered in this dossier", "In diesem Dossier nicht abgedeckt"),
    "col_figure": ("Figure", "Kennzahl"),
    "col_value": ("Value", "Wert"),
    "col_as_of": ("As of", "Stand"),
    "col_source": ("Source", "Quelle"),
    "col_requirement": ("Requirement", "Anforderung"),
    "col_evidence": ("Evidence", "Belege"),
    "col_how": ("How it is met", "Wie sie erfüllt wird"),
    "col_space": ("Space", "Fläche"),
    "col_availability": ("Availability", "Verfügbarkeit"),
    "col_since": ("Since", "Seit"),
    "col_note": ("Note", "Hinweis"),
    "consultant_note": ("Note from your consultant", "Hinweis aus der Beratung"),
    "further_contacts": ("Further contacts", "Weitere Ansprechpartner"),
    "phone": ("Phone", "Telefon"),
    "email": ("Email", "E-Mail"),
    "scan_to_save": ("Scan to save this contact", "Scannen, um den Kontakt zu speichern"),
    "file": ("File", "Datei"),
    "selected_partners": ("Selected partners and sites", "Ausgewählte Partner und Standorte"),
    "more_in_full": (
        "{count} more in the full dossier",
        "{count} weitere im vollständigen Dossier",
    ),
    "page_of": ("Page {page} of {total}", "Seite {page} von {total}"),
    "text_shortened": ("(shortened for this dossier)", "(für dieses Dossier gekürzt)"),
}

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def label(key: str, language: str, **values: object) -> str:
    """The fixed wording ``key`` in ``language`` (English when the language is unknown)."""
    english, german = _LABELS[key]
    text = german if language == "de" else english
    return text.format(**values) if values else text


def format_date(day: date, language: str) -> str:
    """``26 November 2026`` / ``26. November 2026``."""
    month = _MONTHS["de" if language == "de" else "en"][day.month - 1]
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


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
            name = _MONTHS["de" if language == "de" else "en"][int(month) - 1]
            return f"{name} {year}"
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


def fact_source_line(source: SourceNote | None, as_of: str | None, language: str) -> str:
    """``Source: Title, Publisher · as of 2024`` as printed under a figure (plain text)."""
    prefix = "" if source is None else f"{label('source', language)}: "
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
