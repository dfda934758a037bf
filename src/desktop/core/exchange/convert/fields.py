"""What each importable record type consists of, and how a file's headers map onto fields.

Spreadsheets arrive from partners with their own headers ("Kurzname", "Branchen", "E-Mail"), so
every field has synonyms; matching ignores case, spaces, punctuation and umlauts. How a single
cell is converted lives beside this module, in :mod:`.cells`, :mod:`.codes` and :mod:`.values`.

A field with texts in other languages (:data:`desktop.core.language.texts.TRANSLATED`) has a
column per language beside it, ``description [de]`` (or ``Beschreibung [de]``), so a consultant
edits a translation in a cell of its own: :func:`record_spec` adds them for every language with
a catalogue and every language a header names. The record's ``texts`` column (JSON, as files of
earlier versions hold the translations) is still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from desktop.core.exchange.convert.cells import (
    CellError,
    Converter,
    checking,
    fold,
    key,
    text,
    translations,
)
from desktop.core.exchange.convert.codes import from_vocabulary, many, tag_code
from desktop.core.exchange.convert.values import day, flag, number, partial_date, planned_date, year
from desktop.core.kb import taxonomy, validation
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.language import catalogues
from desktop.core.language import texts as record_texts
from desktop.core.language.messages import message

__all__ = ["CellError", "fold"]


@dataclass(frozen=True)
class FieldSpec:
    """One importable field: its name in exports, what a cell must hold, header synonyms."""

    name: str
    convert: Converter
    synonyms: tuple[str, ...] = ()
    required: bool = False  # for a new record; an update may leave it out
    ref: str | None = None  # "entity", "source" or "tag": must exist in the DB or the file
    translates: str | None = None  # a text in ``language`` of this field (``description``)
    language: str | None = None


@dataclass(frozen=True)
class RecordSpec:
    """An importable record type; ``key_fields`` identify a record (a slug, or a triple)."""

    name: str  # plural, as in the JSON sections and CLI: "entities"
    audit_type: str  # singular, as in the audit journal: "entity"
    key_fields: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    derive_key_from: str | None = None  # a slug is derived from this field when missing

    def field(self, name: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.name == name)


# The forms' length limits (desktop.core.kb.validation): an import accepts no more than they do.
# Worded for after a field's name ("name: has 201 characters; …"), in the reader's language.
_line = checking(lambda value, language: validation.one_line(value, "", language=language))
_long = checking(lambda value, language: validation.long_text(value, "", language=language))


_VERIFIED = (
    FieldSpec("verified_on", day, ("verified", "geprueft am", "geprueft", "verifiziert am")),
    FieldSpec("verified_by", text, ("geprueft von", "verifiziert von")),
)
_SOURCE_REF = FieldSpec("source", key, ("quelle", "source key", "quellenschluessel"), ref="source")
KIND = from_vocabulary(taxonomy.KINDS, message("kind"))
SECTOR = from_vocabulary(taxonomy.SECTORS, message("sector"))
TOPICS: dict[str, Any] = {
    **taxonomy.SECTORS,
    **prospect_vocab.REQUIREMENTS,
    **prospect_vocab.ACTIVITIES,
}

SOURCES = RecordSpec(
    "sources",
    "source",
    ("key",),
    (
        FieldSpec("key", key, ("schluessel", "kennung", "id"), required=True),
        FieldSpec("title", _line, ("titel", "name", "dokument"), required=True),
        FieldSpec("publisher", text, ("herausgeber", "verlag", "autor")),
        FieldSpec("published", partial_date, ("veroeffentlicht", "erschienen", "datum")),
        FieldSpec("accessed", day, ("accessed on", "abgerufen", "abgerufen am", "zugriff")),
        FieldSpec("url", checking(validation.url), ("website", "link", "webseite", "adresse")),
        FieldSpec("file", text, ("file name", "datei", "dateiname")),
    ),
)
TAGS = RecordSpec(
    "tags",
    "tag",
    ("code",),
    (
        FieldSpec("code", key, ("tag", "kennung", "schluessel"), required=True),
        FieldSpec("label", text, ("bezeichnung", "name", "beschriftung"), required=True),
        FieldSpec(
            "category",
            from_vocabulary(taxonomy.TAG_CATEGORIES, message("tag category")),
            ("kategorie", "art", "typ"),
            required=True,
        ),
    ),
)
ENTITIES = RecordSpec(
    "entities",
    "entity",
    ("slug",),
    (
        FieldSpec("slug", checking(validation.slug), ("kennung", "id", "identifier", "kuerzel")),
        FieldSpec(
            "name",
            _line,
            ("organisation", "organization", "firma", "unternehmen", "einrichtung", "bezeichnung"),
            required=True,
        ),
        FieldSpec(
            "short_name", _line, ("kurzname", "kurzbezeichnung", "abkuerzung", "acronym", "akronym")
        ),
        FieldSpec("kind", KIND, ("art", "typ", "type", "kategorie", "category"), required=True),
        FieldSpec("sectors", many(SECTOR), ("sector", "branchen", "branche", "sektoren")),
        FieldSpec(
            "tags",
            many(tag_code),
            ("tag", "schlagworte", "schlagwoerter", "merkmale", "zertifizierungen"),
            ref="tag",
        ),
        FieldSpec("location", _line, ("ort", "standort", "stadt", "city", "sitz", "adresse")),
        FieldSpec("description", _long, ("beschreibung", "profil", "text", "kurzprofil")),
        FieldSpec("texts", translations, ("translations", "uebersetzungen", "übersetzungen")),
        FieldSpec(
            "website",
            checking(validation.url),
            ("web", "url", "webseite", "internet", "homepage", "internetseite"),
        ),
        FieldSpec(
            "founded",
            year,
            ("founded year", "founded in", "gegruendet", "gruendungsjahr", "gruendung"),
        ),
        _SOURCE_REF,
        *_VERIFIED,
    ),
    derive_key_from="name",
)
RELATIONS = RecordSpec(
    "relations",
    "relation",
    ("from", "type", "to"),
    (
        FieldSpec("from", key, ("subject", "von", "subjekt"), required=True, ref="entity"),
        FieldSpec(
            "type",
            from_vocabulary(taxonomy.RELATION_TYPES, message("relation type")),
            ("relation", "relation type", "beziehung", "art"),
            required=True,
        ),
        FieldSpec("to", key, ("object", "zu", "nach", "objekt"), required=True, ref="entity"),
        FieldSpec("note", _long, ("notiz", "anmerkung", "bemerkung")),
        FieldSpec("source", key, ("quelle",), required=True, ref="source"),
        FieldSpec("texts", translations, ("translations", "uebersetzungen", "übersetzungen")),
    ),
)
SPACES = RecordSpec(
    "spaces",
    "space",
    ("site", "type"),
    (
        FieldSpec("site", key, ("standort", "ort", "slug"), required=True, ref="entity"),
        FieldSpec(
            "type",
            from_vocabulary(taxonomy.SPACE_TYPES, message("space type")),
            ("space type", "flaechenart", "flaeche", "art"),
            required=True,
        ),
        FieldSpec(
            "availability",
            from_vocabulary(taxonomy.AVAILABILITY, message("availability")),
            ("verfuegbarkeit", "status"),
            required=True,
        ),
        FieldSpec("since", planned_date, ("seit", "ab", "available from")),
        FieldSpec("note", _long, ("notiz", "anmerkung", "beschreibung")),
        FieldSpec("source", key, ("quelle",), ref="source"),
        FieldSpec("texts", translations, ("translations", "uebersetzungen", "übersetzungen")),
    ),
)
FACTS = RecordSpec(
    "facts",
    "fact",
    ("key",),
    (
        FieldSpec("key", key, ("schluessel", "kennung", "id")),
        FieldSpec(
            "label", _line, ("bezeichnung", "titel", "name", "kennzahl", "figure"), required=True
        ),
        FieldSpec("value", number, ("wert", "zahl", "anzahl", "betrag"), required=True),
        FieldSpec(
            "qualifier",
            from_vocabulary(taxonomy.QUALIFIERS, message("qualifier")),
            ("qualifikator", "genauigkeit", "praezision"),
        ),
        FieldSpec("unit", text, ("einheit", "masseinheit"), required=True),
        FieldSpec("period", text, ("zeitraum", "periode")),
        FieldSpec("texts", translations, ("translations", "uebersetzungen", "übersetzungen")),
        FieldSpec("scope", key, ("bezug", "entity", "organisation", "slug"), ref="entity"),
        FieldSpec("as_of", partial_date, ("as of", "stand", "stichtag", "datum", "date")),
        FieldSpec("source", key, ("quelle",), required=True, ref="source"),
        FieldSpec("quote", text, ("zitat", "beleg", "textstelle")),
        FieldSpec("comparable", text, ("vergleichsgruppe", "gruppe", "group")),
        FieldSpec(
            "topics",
            many(from_vocabulary(TOPICS, message("topic")), ordered=True),
            ("topic", "themen", "thema"),
        ),
        *_VERIFIED,
    ),
    derive_key_from="label",
)
CONTACTS = RecordSpec(
    "contacts",
    "contact",
    ("person",),
    (
        FieldSpec("person", checking(validation.slug), ("person slug", "slug", "kennung")),
        FieldSpec(
            "name", _line, ("full name", "vollstaendiger name", "ansprechpartner", "kontakt")
        ),
        FieldSpec("role", _line, ("rolle", "funktion", "position", "titel")),
        FieldSpec(
            "organisation",
            key,
            ("organization", "firma", "unternehmen", "arbeitgeber", "einrichtung"),
            ref="entity",
        ),
        FieldSpec("phone", checking(validation.phone), ("telefon", "tel", "telefonnummer")),
        FieldSpec("email", checking(validation.email), ("e-mail", "mail", "e-mail-adresse")),
        FieldSpec("public", flag, ("oeffentlich", "freigegeben", "veroeffentlichen")),
    ),
    derive_key_from="name",
)

# Dependency order: a record may refer to records of the types before it.
RECORD_TYPES: dict[str, RecordSpec] = {
    spec.name: spec for spec in (SOURCES, TAGS, ENTITIES, RELATIONS, SPACES, FACTS, CONTACTS)
}


def record_spec(
    name: str, headers: Iterable[str] = (), languages: Iterable[str] = ()
) -> RecordSpec:
    """The record type ``name`` with its language columns: one per translated field for every
    language with a catalogue, every language a header names (``description [fr]``) and every
    one of ``languages``."""
    try:
        spec = RECORD_TYPES[name]
    except KeyError:
        raise ValueError(
            message(
                "unknown record type {name!r}; expected one of: {valid}",
                name=name,
                valid=", ".join(RECORD_TYPES),
            )
        ) from None
    if not translated_fields(name):
        return spec
    named = (*catalogues.languages(), *header_languages(spec, headers), *languages)
    chosen = tuple(code for code in dict.fromkeys(named) if code != record_texts.SOURCE_LANGUAGE)
    return _with_languages(spec, chosen)


# An importable record type → its table in desktop.core.language.texts.TRANSLATED.
TEXT_TABLES = {
    "entities": "entity",
    "facts": "fact",
    "spaces": "space_offer",
    "relations": "relation",
}
_NAMED_LANGUAGE = re.compile(r"^(?P<field>.*?)\s*\[\s*(?P<language>[A-Za-z]{2})\s*\]\s*$")


def translated_fields(record_type: str) -> tuple[str, ...]:
    """The fields of ``record_type`` that have texts in other languages (none for most)."""
    return record_texts.TRANSLATED.get(TEXT_TABLES.get(record_type, ""), ())


def language_column(field: str, language: str) -> str:
    """The column of ``field``'s text in ``language``: ``description [de]``."""
    return f"{field} [{language}]"


def header_languages(spec: RecordSpec, headers: Iterable[str]) -> list[str]:
    """The languages of headers such as ``Beschreibung [fr]``: a translated field (or one of its
    synonyms) and a two-letter language code in square brackets."""
    translated = translated_fields(spec.name)
    aliases = {fold(alias) for name in translated for alias in (name, *spec.field(name).synonyms)}
    found = []
    for header in headers:
        match = _NAMED_LANGUAGE.match(header or "")
        if match and fold(match["field"]) in aliases:
            found.append(match["language"].lower())
    return found


@cache
def _with_languages(spec: RecordSpec, languages: tuple[str, ...]) -> RecordSpec:
    """``spec`` with each translated field followed by its columns in ``languages``: the same
    check as the English text, the synonyms in the same form (``beschreibung [de]``)."""
    translated = translated_fields(spec.name)
    fields: list[FieldSpec] = []
    for field in spec.fields:
        fields.append(field)
        if field.name not in translated:
            continue
        fields += [
            FieldSpec(
                language_column(field.name, language),
                field.convert,
                tuple(language_column(synonym, language) for synonym in field.synonyms),
                translates=field.name,
                language=language,
            )
            for language in languages
        ]
    return replace(spec, fields=tuple(fields))


def suggest_mapping(headers: list[str], record_type: str) -> dict[str, str]:
    """Header → field for every header that names a field (first header wins a field).

    Matching ignores case, spaces, punctuation and umlauts, and knows German synonyms, so
    "Kurz-Name", "kurzname" and "Short name" all map to ``short_name``, and "Beschreibung [de]"
    to ``description [de]``.
    """
    spec = record_spec(record_type, headers)
    names: dict[str, str] = {}
    for field in spec.fields:
        for alias in (field.name, *field.synonyms):
            names.setdefault(fold(alias), field.name)
    mapping: dict[str, str] = {}
    for header in headers:
        field_name = names.get(fold(header or ""))
        if field_name and field_name not in mapping.values():
            mapping[header] = field_name
    return mapping


def guess_record_type(headers: list[str]) -> str:
    """The importable type whose fields the headers name most (entities on a tie)."""
    scores = {
        name: len(suggest_mapping(headers, name)) for name in ("entities", "facts", "contacts")
    }
    signature = {fold(h) for h in headers}
    if signature & {"value", "wert", "unit", "einheit"}:
        scores["facts"] += 2
    if signature & {"email", "mail", "phone", "telefon", "role", "rolle", "person"}:
        scores["contacts"] += 2
    return max(scores, key=lambda name: (scores[name], name == "entities"))


# A record type by the name of a file, sheet or JSON section, also in German.
TYPE_NAMES = {
    **{fold(name): name for name in RECORD_TYPES},
    "quellen": "sources",
    "schlagworte": "tags",
    "einrichtungen": "entities",
    "organisationen": "entities",
    "beziehungen": "relations",
    "flaechen": "spaces",
    "kennzahlen": "facts",
    "kontakte": "contacts",
}
