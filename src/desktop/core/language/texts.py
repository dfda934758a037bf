"""A record's texts in other languages, kept with the record.

The knowledge base is written in English (the columns themselves); every other language is a
JSON object in the record's ``texts`` column, ``{"de": {"description": "…"}}``, so a third
language is more data, not a migration, and travels with the record through sync, import and
export like any other field. :data:`TRANSLATED` says which fields of which tables have
translations. Reading a text in a language falls back to English and says so, so the
pre-export check can mark every fallback.

A translation also remembers which English it was written from, so a dossier never prints a
German text that an English change has left behind without the consultant being told: beside
the texts, each language holds the fingerprint (:func:`fingerprint`) of each field's English
when its translation was written or last confirmed::

    {"de": {"@en": {"description": 2837461923}, "description": "…"}}

The fingerprints are an object inside the language, not strings beside the texts, so
:func:`parse` (and that of earlier versions, which keeps string values only) never takes one
for a text, and a number, so the search index (which holds the string values) never finds
one. A text without a fingerprint (data written before, or by an earlier version) is not known
to be stale and is never flagged: an upgrade does not mark every translation at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SOURCE_LANGUAGE = "en"
TRANSLATED: dict[str, tuple[str, ...]] = {
    "entity": ("description", "location"),
    "fact": ("label", "unit", "period"),
    "space_offer": ("note",),
    "relation": ("note",),
}
WRITTEN_FROM = f"@{SOURCE_LANGUAGE}"  # in a language's object: field → fingerprint of the English

Texts = dict[str, dict[str, str]]  # language → field → text
Fingerprints = dict[str, dict[str, int]]  # language → field → fingerprint of its English


@dataclass(frozen=True)
class Text:
    """A text as shown in one language: ``fallback`` when it is the English for want of one,
    ``stale`` when it was written for an English that has changed since."""

    text: str
    fallback: bool = False
    stale: bool = False


def fingerprint(english: str | None) -> int:
    """A short stable mark of an English text (the first 32 bits of the SHA-256 of its words),
    so a changed English is told from the one a translation was written from; spacing and line
    breaks are not a change."""
    words = " ".join((english or "").split())
    return int(hashlib.sha256(words.encode("utf-8")).hexdigest()[:8], 16)


def _load(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def parse(value: str | None) -> Texts:
    """The texts of a ``texts`` column; anything unreadable is no texts, never an error."""
    return {
        str(language): {str(k): str(v) for k, v in fields.items() if isinstance(v, str) and v}
        for language, fields in _load(value).items()
        if isinstance(fields, dict)
    }


def written_from(value: str | None) -> Fingerprints:
    """The fingerprints of the English each translation of a ``texts`` column was written from
    (none for a text written before they were kept)."""
    found: Fingerprints = {}
    for language, fields in _load(value).items():
        prints = fields.get(WRITTEN_FROM) if isinstance(fields, dict) else None
        if isinstance(prints, dict):
            kept = {
                str(field): mark
                for field, mark in prints.items()
                if isinstance(mark, int) and not isinstance(mark, bool)
            }
            if kept:
                found[str(language)] = kept
    return found


def dump(
    texts: Mapping[str, Mapping[str, str]],
    prints: Mapping[str, Mapping[str, int]] | None = None,
) -> str | None:
    """The column value for ``texts`` and the fingerprints of their English (stable: sorted
    keys, empty texts left out, a fingerprint only beside its text)."""
    cleaned: dict[str, dict[str, Any]] = {
        language: {field: text.strip() for field, text in sorted(fields.items()) if text.strip()}
        for language, fields in sorted(texts.items())
        if language != SOURCE_LANGUAGE
    }
    cleaned = {language: fields for language, fields in cleaned.items() if fields}
    for language, fields in cleaned.items():
        kept = {f: mark for f, mark in (prints or {}).get(language, {}).items() if f in fields}
        if kept:
            fields[WRITTEN_FROM] = dict(sorted(kept.items()))
    return json.dumps(cleaned, ensure_ascii=False, sort_keys=True) if cleaned else None


def same(first: str | None, second: str | None) -> bool:
    """True when two ``texts`` values hold the same texts and fingerprints (however written),
    so an unchanged form or import keeps the stored value and journals nothing."""
    return parse(first) == parse(second) and written_from(first) == written_from(second)


def text_in(source: str | None, texts: str | None, field: str, language: str) -> Text:
    """``field`` in ``language``: its translation, else the English ``source`` (a fallback,
    unless the source is empty or the language is English). A translation whose English has
    changed since it was written is still the text (usually still right), marked ``stale``."""
    if language == SOURCE_LANGUAGE or not source:
        return Text(source or "")
    translated = parse(texts).get(language, {}).get(field)
    if not translated:
        return Text(source, fallback=True)
    known = written_from(texts).get(language, {}).get(field)
    return Text(translated, stale=known is not None and known != fingerprint(source))


def stale_fields(
    texts: str | None, english_by_field: Mapping[str, str | None], language: str
) -> list[str]:
    """The fields whose translation in ``language`` was written for another English than the
    one ``english_by_field`` holds now (in its order); a text without a fingerprint is not
    known to be stale."""
    return [
        field
        for field, english in english_by_field.items()
        if text_in(english, texts, field, language).stale
    ]


def with_text(
    texts: str | None,
    language: str,
    field: str,
    text: str | None,
    english: str | None = None,
) -> str | None:
    """``texts`` with ``field`` in ``language`` set to ``text`` (removed when empty).

    ``english``: the English the text was written from or checked against, whose fingerprint is
    kept with it — so saving it again confirms an unchanged text too. Without it, a changed
    text loses its fingerprint (its English is not known) and an unchanged one keeps it.
    """
    data, prints = parse(texts), written_from(texts)
    fields, marks = data.setdefault(language, {}), prints.setdefault(language, {})
    if text and text.strip():
        if english is not None:
            marks[field] = fingerprint(english)
        elif fields.get(field) != text.strip():
            marks.pop(field, None)
        fields[field] = text.strip()
    else:
        fields.pop(field, None)
        marks.pop(field, None)
    return dump(data, prints)
