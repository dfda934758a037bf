"""Every language's words, as data: one catalogue per language.

English is the source language and stays in the code, next to its use (a sector's label, a
dossier heading, a reason's phrase). Every other language is one TOML file,
``resources/translations/<code>.toml`` (beside the window's Qt Linguist catalogue), with a table
per domain — ``sector``, ``kind``, ``requirement``, ``dossier``, ``reason``, ``month`` … — mapping
keys to texts. A text a catalogue lacks falls back to English. A third language is one more
file and its window translation; no code changes, no migration.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache

from desktop.paths import resource_path

SOURCE_LANGUAGE = "en"
FOLDER = "translations"
_registered: dict[str, dict[str, dict[str, str]]] = {}


def word(domain: str, key: str, language: str, english: str) -> str:
    """``key`` of ``domain`` in ``language``; ``english`` where the catalogue has none."""
    if language == SOURCE_LANGUAGE:
        return english
    return catalogue(language).get(domain, {}).get(key) or english


def languages() -> tuple[str, ...]:
    """The languages with a catalogue, English first."""
    return tuple(dict.fromkeys((SOURCE_LANGUAGE, *_file_languages(), *_registered)))


@cache
def _file_languages() -> tuple[str, ...]:
    """The catalogues shipped (read once: they do not change while the program runs)."""
    return tuple(sorted(path.stem for path in resource_path(FOLDER).glob("*.toml")))


@cache
def _file_catalogue(language: str) -> dict[str, dict[str, str]]:
    path = resource_path(FOLDER, f"{language}.toml")
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        str(domain): {str(key): str(text) for key, text in table.items()}
        for domain, table in data.items()
        if isinstance(table, dict)
    }


def catalogue(language: str) -> dict[str, dict[str, str]]:
    """The catalogue of ``language``: domain → key → text (empty for an unknown language)."""
    return _registered.get(language) or _file_catalogue(language)


def register(language: str, entries: Mapping[str, Mapping[str, str]]) -> None:
    """Add a language at run time (a test's pseudo-language); :func:`forget` removes it."""
    _registered[language] = {domain: dict(table) for domain, table in entries.items()}


def forget(language: str) -> None:
    _registered.pop(language, None)


MONTHS = (
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
)


def month_name(month: int, language: str) -> str:
    """The month's name in ``language`` (the catalogue's ``month`` table; English here)."""
    return word("month", str(month), language, MONTHS[month - 1])


def long_date(day: int, month: int, year: int, language: str) -> str:
    """``7 December 2026`` / ``7. Dezember 2026`` (the catalogue's ``format.date``)."""
    pattern = word("format", "date", language, "{day} {month} {year}")
    return pattern.format(day=day, month=month_name(month, language), year=year)
