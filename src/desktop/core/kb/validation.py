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

from desktop.core.kb.values import check_partial_date

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-]{5,}[0-9]$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

MAX_NAME_CHARS = 200  # names, titles, labels, code names, keywords: one line each
MAX_TEXT_CHARS = 10_000  # descriptions, notes, needs: several pages of a dossier
MAX_TEXT_LINES = 200  # line breaks in one such text
MAX_CONTACT_CHARS = 254  # each field of the consultant's card: the longest e-mail address


def one_line(value: str | None, what: str, limit: int = MAX_NAME_CHARS) -> str | None:
    """A name-like value: one line of at most ``limit`` characters."""
    text = (value or "").strip()
    if "\n" in text or "\r" in text:
        return _said(what, "must be one line — remove the line breaks")
    if len(text) > limit:
        return _said(what, f"has {len(text):,} characters; at most {limit:,} fit")
    return None


def long_text(
    value: str | None,
    what: str,
    limit: int = MAX_TEXT_CHARS,
    max_lines: int = MAX_TEXT_LINES,
) -> str | None:
    """A description or note: at most ``limit`` characters on at most ``max_lines`` lines."""
    text = (value or "").strip()
    if len(text) > limit:
        return _said(what, f"has {len(text):,} characters; at most {limit:,} fit")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    if lines > max_lines:
        return _said(what, f"has {lines:,} lines; at most {max_lines:,} fit")
    return None


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


def required(value: str | None, what: str) -> str | None:
    return None if (value or "").strip() else f"{what} is required."


def url(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    return None if _URL.match(value.strip()) else "A web address starts with https:// or http://."


def email(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    return None if _EMAIL.match(value.strip()) else "This does not look like an e-mail address."


def phone(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    ok = _PHONE.match(value.strip())
    return (
        None if ok else "A phone number has digits, spaces and + ( ) / - only, e.g. +49 341 123456."
    )


def slug(value: str | None) -> str | None:
    if not (value or "").strip():
        return "A short identifier (slug) is required."
    ok = _SLUG.match(value.strip())
    return None if ok else "Use lower-case letters, digits and single hyphens, e.g. fraunhofer-izi."


def number(value: str | None, what: str = "The value") -> str | None:
    text = (value or "").strip().replace(",", "")
    if not text:
        return f"{what} is required."
    try:
        float(text)
    except ValueError:
        return f"{what} must be a number, e.g. 1500 or 2.5."
    return None


def as_of(value: str | None, *, today: date) -> str | None:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) that is not in the future."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        parsed = check_partial_date(text)
    except ValueError:
        return "Write the date as YYYY, YYYY-MM or YYYY-MM-DD."
    first_day = date(parsed.year, 1, 1) if len(text) == 4 else parsed.replace(day=1)
    if (len(text) == 10 and parsed > today) or first_day > today:
        return "An as-of date cannot be in the future."
    return None


def year(value: str | None, *, today: date) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1000 <= int(text) <= today.year:
        return f"A founding year is a year between 1000 and {today.year}."
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
