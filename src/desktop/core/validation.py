"""Field checks shared by the edit forms, the import and the services.

Each check returns a sentence for the person typing (shown next to the field), or None when
the value is fine. Empty values pass unless the field is required: "required" is its own check.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date

from desktop.core.values import check_partial_date

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-]{5,}[0-9]$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
