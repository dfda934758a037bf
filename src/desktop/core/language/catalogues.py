"""Every language's words, as data: one catalogue per language.

English is the source language and stays in the code, next to its use (a sector's label, a
dossier heading, a reason's phrase). Every other language is one TOML file,
``resources/translations/<code>.toml`` (beside the window's Qt Linguist catalogue), with a table
per domain — ``sector``, ``kind``, ``requirement``, ``dossier``, ``reason``, ``month`` … — mapping
keys to texts; the many sentences of the ``message`` table (errors, import problems, findings:
:mod:`.messages`) may sit in files of a folder of the same name, ``<code>/*.toml``, one per part
of the program, merged into the one catalogue. A text a catalogue lacks falls back to English. A
third language is one more file (and folder) and its window translation; no code changes, no
migration.
"""

from __future__ import annotations

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
    import tomllib  # only for a language other than English: not when the window starts in it

    main = resource_path(FOLDER, f"{language}.toml")
    parts = sorted(resource_path(FOLDER, language).glob("*.toml"))
    merged: dict[str, dict[str, str]] = {}
    for path in [main, *parts] if main.is_file() else parts:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for domain, table in data.items():
            if isinstance(table, dict):
                merged.setdefault(str(domain), {}).update(
                    (str(key), str(text)) for key, text in table.items()
                )
    return merged


def catalogue(language: str) -> dict[str, dict[str, str]]:
    """The catalogue of ``language``: domain → key → text (empty for an unknown language)."""
    return _registered.get(language) or _file_catalogue(language)


def register(language: str, entries: Mapping[str, Mapping[str, str]]) -> None:
    """Add a language at run time (a test's pseudo-language); :func:`forget` removes it."""
    _registered[language] = {domain: dict(table) for domain, table in entries.items()}


def forget(language: str) -> None:
    _registered.pop(language, None)


def separators(language: str) -> tuple[str, str]:
    """The language's thousands and decimal separators (the catalogue's ``format`` table)."""
    return word("format", "thousands", language, ","), word("format", "decimal", language, ".")


def grouped_number(value: float, language: str) -> str:
    """``1500`` → ``1,500`` / ``1.500``; a fraction keeps up to two decimals (``0,75``)."""
    thousands, decimal = separators(language)
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans({",": thousands, ".": decimal}))


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
