"""Countries by ISO 3166-1 alpha-2 code, found from whatever a consultant types.

A prospect's country is stored as its two-letter code. People type "Germany",
"Deutschland", "DEU", "USA" or "Vereinigte Staaten"; :func:`resolve` turns any of them —
a code, an alpha-3 code, an English or German name, an everyday alias, in any case and
with or without accents — into the code, or says it cannot (None). It never guesses from
the first letters, so "Germany" can never become GE (Georgia).

Owns the country table (:mod:`.table`) and the other names people use (:mod:`.aliases`).
May import: nothing of the program but :mod:`desktop.core.language` (its one sentence is said
in the reader's language).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from desktop.core.kb.countries.aliases import ALIASES
from desktop.core.kb.countries.table import COUNTRIES
from desktop.core.language.messages import message


@dataclass(frozen=True)
class Country:
    code: str  # alpha-2
    alpha3: str
    en: str
    de: str

    def name(self, language: str = "en") -> str:
        return self.de if language == "de" else self.en


BY_CODE: dict[str, Country] = {row[0]: Country(*row) for row in COUNTRIES}
_BY_ALPHA3 = {country.alpha3: country.code for country in BY_CODE.values()}
_WITH_CODE = re.compile(r"(?P<name>.*?)\s*\(\s*(?P<code>[A-Za-z]{2,3})\s*\)\s*")


def _key(text: str) -> str:
    """Text reduced for comparison: no case, accents, punctuation, spaces or leading "the";
    "Saint", "Sankt" and "St." alike (so "Cote d Ivoire" and "Sankt Lucia" are found)."""
    text = unicodedata.normalize("NFKD", text.casefold())  # casefold: ß → ss
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("&", " and ")
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"\b(saint|sankt|ste|st)\b", "st", text)
    return text.replace(" ", "")


def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in BY_CODE.values():
        for name in (country.en, country.de, *ALIASES.get(country.code, ())):
            names.setdefault(_key(name), country.code)
    return names


_NAMES = _names()


def resolve(text: str | None) -> str | None:
    """The alpha-2 code ``text`` means, or None when it names no country (or is empty).

    Accepts "DE", "de", "DEU", "Germany", "Deutschland", "Germany (DE)", aliases such as
    "USA", "UK", "Großbritannien", "Vereinigte Staaten".
    """
    text = (text or "").strip()
    if not text:
        return None
    labelled = _WITH_CODE.fullmatch(text)
    if labelled:  # "Germany (DE)", as the picker shows it: both halves must agree
        by_code = _code(labelled["code"])
        name = labelled["name"]
        if by_code is None or (name and _NAMES.get(_key(name)) not in (None, by_code)):
            return None
        return by_code
    key = _key(text)
    return _NAMES.get(key) or _code(key)


def _code(text: str) -> str | None:
    upper = text.strip().upper()
    if len(upper) == 2 and upper in BY_CODE:
        return upper
    if len(upper) == 3:
        return _BY_ALPHA3.get(upper)
    return None


def name(code: str | None, language: str = "en") -> str:
    """The country's name, or the code itself when it is not a known code ("" for None)."""
    if not code:
        return ""
    country = BY_CODE.get(code.upper())
    return country.name(language) if country else code


def label(code: str, language: str = "en") -> str:
    """ "Germany (DE)": what the picker shows and accepts back."""
    country = BY_CODE.get(code.upper())
    return f"{country.name(language)} ({country.code})" if country else code


def language_of(text: str, code: str) -> str:
    """ "de" when ``text`` is the country's German name (and not also its English one)."""
    typed = _key(text)
    return "de" if typed == _key(name(code, "de")) != _key(name(code, "en")) else "en"


def choices() -> list[str]:
    """Every country as "Name (CODE)", in English and, where different, in German."""
    labels = {label(code, language) for code in BY_CODE for language in ("en", "de")}
    return sorted(labels, key=_key)


def closest(text: str, language: str = "en") -> str | None:
    """The label of the country ``text`` most likely means (for "did you mean …?"), if any."""
    key = _key(text)
    if len(key) < 3:
        return None
    match = difflib.get_close_matches(key, list(_NAMES), n=1, cutoff=0.75)
    return label(_NAMES[match[0]], language) if match else None


def problem(text: str | None, language: str = "en") -> str | None:
    """One sentence in ``language`` saying why ``text`` is not a country, or None when it is
    one (or empty)."""
    if not (text or "").strip() or resolve(text) is not None:
        return None
    typed = (text or "").strip()
    if guess := closest(typed, language):
        said = message(
            "“{typed}” is not a country we know. Did you mean {guess}?", typed=typed, guess=guess
        )
    else:
        said = message(
            "“{typed}” is not a country we know: type a name in English or German, or an ISO "
            "code, e.g. Germany, Deutschland or DE.",
            typed=typed,
        )
    return said.said(language)
