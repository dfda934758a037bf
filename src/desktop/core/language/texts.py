"""A record's texts in other languages, kept with the record.

The knowledge base is written in English (the columns themselves); every other language is a
JSON object in the record's ``texts`` column, ``{"de": {"description": "…"}}``, so a third
language is more data, not a migration, and travels with the record through sync, import and
export like any other field. :data:`TRANSLATED` says which fields of which tables have
translations. Reading a text in a language falls back to English and says so, so the
pre-export check can mark every fallback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

SOURCE_LANGUAGE = "en"
TRANSLATED: dict[str, tuple[str, ...]] = {
    "entity": ("description", "location"),
    "fact": ("label", "unit", "period"),
    "space_offer": ("note",),
    "relation": ("note",),
}

Texts = dict[str, dict[str, str]]  # language → field → text


@dataclass(frozen=True)
class Text:
    """A text as shown in one language: ``fallback`` when it is the English for want of one."""

    text: str
    fallback: bool = False


def parse(value: str | None) -> Texts:
    """The texts of a ``texts`` column; anything unreadable is no texts, never an error."""
    if not value:
        return {}
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(language): {str(k): str(v) for k, v in fields.items() if isinstance(v, str) and v}
        for language, fields in data.items()
        if isinstance(fields, dict)
    }


def dump(texts: Mapping[str, Mapping[str, str]]) -> str | None:
    """The column value for ``texts`` (stable: sorted keys, empty texts left out)."""
    cleaned = {
        language: {field: text.strip() for field, text in sorted(fields.items()) if text.strip()}
        for language, fields in sorted(texts.items())
        if language != SOURCE_LANGUAGE
    }
    cleaned = {language: fields for language, fields in cleaned.items() if fields}
    return json.dumps(cleaned, ensure_ascii=False, sort_keys=True) if cleaned else None


def text_in(source: str | None, texts: str | None, field: str, language: str) -> Text:
    """``field`` in ``language``: its translation, else the English ``source`` (a fallback,
    unless the source is empty or the language is English)."""
    if language == SOURCE_LANGUAGE or not source:
        return Text(source or "")
    translated = parse(texts).get(language, {}).get(field)
    return Text(translated) if translated else Text(source, fallback=True)


def with_text(texts: str | None, language: str, field: str, text: str | None) -> str | None:
    """``texts`` with ``field`` in ``language`` set to ``text`` (removed when empty)."""
    data = parse(texts)
    fields = data.setdefault(language, {})
    if text and text.strip():
        fields[field] = text.strip()
    else:
        fields.pop(field, None)
    return dump(data)
