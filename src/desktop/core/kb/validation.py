"""Field checks shared by the edit forms, the import and the services.

Each check returns a sentence for the person typing (shown next to the field), or None when
the value is fine. Empty values pass unless the field is required: "required" is its own check.

The text limits below are the one place that says how long a value may be, for every way data
comes in: the edit forms, the import, the prospect form, investor profile files and the
consultant's card. They are generous for real text (a long description is a few thousand
characters) and stop what no person writes — a 20,000-character name or a description of
49,000 lines — before it reaches a dossier, where page layout grows faster than the text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from desktop.core.kb.values import check_partial_date, format_number
from desktop.core.language.catalogues import word

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-]{5,}[0-9]$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

MAX_NAME_CHARS = 200  # names, titles, labels, code names, keywords: one line each
MAX_TEXT_CHARS = 10_000  # descriptions, notes, needs: several pages of a dossier
MAX_TEXT_LINES = 200  # line breaks in one such text
MAX_CONTACT_CHARS = 254  # each field of the consultant's card: the longest e-mail address


# The sentences in English; other languages: the catalogue's "problem" table, by key.
SENTENCES = {
    "line-breaks": "must be one line — remove the line breaks",
    "too-long": "has {count} characters; at most {limit} fit",
    "too-many-lines": "has {count} lines; at most {limit} fit",
    "required": "{what} is required.",
    "url": "A web address starts with https:// or http://.",
    "email": "This does not look like an e-mail address.",
    "phone": "A phone number has digits, spaces and + ( ) / - only, e.g. +49 341 123456.",
    "slug-required": "A short identifier (slug) is required.",
    "slug": "Use lower-case letters, digits and single hyphens, e.g. fraunhofer-izi.",
    "not-a-number": "{what} must be a number, e.g. 1500 or 2.5.",
    "date-form": "Write the date as YYYY, YYYY-MM or YYYY-MM-DD.",
    "future": "An as-of date cannot be in the future.",
    "founded": "A founding year is a year between 1000 and {year}.",
    "the-value": "The value",
}


def say(key: str, language: str = "en", **values: object) -> str:
    """The sentence ``key`` in ``language`` (English where its catalogue has none)."""
    text = word("problem", key, language, SENTENCES[key])
    return text.format(**values) if values else text


def one_line(
    value: str | None, what: str, limit: int = MAX_NAME_CHARS, language: str = "en"
) -> str | None:
    """A name-like value: one line of at most ``limit`` characters."""
    text = (value or "").strip()
    if "\n" in text or "\r" in text:
        return _said(what, say("line-breaks", language))
    if len(text) > limit:
        return _said(what, _too_long(len(text), limit, language))
    return None


def long_text(
    value: str | None,
    what: str,
    limit: int = MAX_TEXT_CHARS,
    max_lines: int = MAX_TEXT_LINES,
    language: str = "en",
) -> str | None:
    """A description or note: at most ``limit`` characters on at most ``max_lines`` lines."""
    text = (value or "").strip()
    if len(text) > limit:
        return _said(what, _too_long(len(text), limit, language))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    if lines > max_lines:
        count, most = (format_number(n, language=language) for n in (lines, max_lines))
        return _said(what, say("too-many-lines", language, count=count, limit=most))
    return None


def _too_long(length: int, limit: int, language: str) -> str:
    count, most = (format_number(n, language=language) for n in (length, limit))
    return say("too-long", language, count=count, limit=most)


def _said(what: str, problem: str) -> str:
    """ "The name has …." for a form; without ``what`` the bare "has …" an import cell
    message puts after the field's name."""
    return f"{what} {problem}." if what else problem


def one_line_check(limit: int = MAX_NAME_CHARS) -> Callable[[str | None], str | None]:
    """``one_line`` as a one-argument check for the import, worded for after a field name."""
    return lambda value: one_line(value, "", limit)


def long_text_check() -> Callable[[str | None], str | None]:
    """``long_text`` as a one-argument check for the import, worded for after a field name."""
    return lambda value: long_text(value, "")


def required(value: str | None, what: str, language: str = "en") -> str | None:
    return None if (value or "").strip() else say("required", language, what=what)


def url(value: str | None, language: str = "en") -> str | None:
    if not (value or "").strip():
        return None
    return None if _URL.match(value.strip()) else say("url", language)


def email(value: str | None, language: str = "en") -> str | None:
    if not (value or "").strip():
        return None
    return None if _EMAIL.match(value.strip()) else say("email", language)


def phone(value: str | None, language: str = "en") -> str | None:
    if not (value or "").strip():
        return None
    return None if _PHONE.match(value.strip()) else say("phone", language)


def slug(value: str | None, language: str = "en") -> str | None:
    if not (value or "").strip():
        return say("slug-required", language)
    return None if _SLUG.match(value.strip()) else say("slug", language)


def number(value: str | None, what: str | None = None, language: str = "en") -> str | None:
    what = what or say("the-value", language)
    text = (value or "").strip().replace(",", "")
    if not text:
        return say("required", language, what=what)
    try:
        float(text)
    except ValueError:
        return say("not-a-number", language, what=what)
    return None


def as_of(value: str | None, *, today: date, language: str = "en") -> str | None:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) that is not in the future."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        parsed = check_partial_date(text)
    except ValueError:
        return say("date-form", language)
    first_day = date(parsed.year, 1, 1) if len(text) == 4 else parsed.replace(day=1)
    if (len(text) == 10 and parsed > today) or first_day > today:
        return say("future", language)
    return None


def year(value: str | None, *, today: date, language: str = "en") -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1000 <= int(text) <= today.year:
        return say("founded", language, year=today.year)
    return None


def slug_from(name: str) -> str:
    """A readable, ASCII slug for a name: "Kühne+Nagel" → "kuehne-nagel"."""
    text = (
        name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    )
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "entity"


def similar_names(name: str, existing: dict[str, str], *, skip: str | None = None) -> list[str]:
    """Names in ``existing`` (slug → name) that may be the same organisation: a warning only."""
    folded = slug_from(name)
    matches = []
    for other_slug, other in existing.items():
        if other_slug == skip:
            continue
        other_folded = slug_from(other)
        if (
            folded == other_folded
            or difflib.SequenceMatcher(None, folded, other_folded).ratio() > 0.88
        ):
            matches.append(other)
    return matches
