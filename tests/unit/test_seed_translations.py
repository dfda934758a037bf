"""The German texts of the seeded knowledge base: complete, no leftovers, same figures, German.

A German dossier prints ``db/seed/translations/de.toml`` where an English one prints the seed's
own texts, so the German has to keep up with every record the seed gains or loses and must
never say a figure the English does not. Read straight from the TOML files: no database.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from desktop.paths import seed_dir

SEED = seed_dir()
GERMAN_FILE = SEED / "translations" / "de.toml"

# How deep each section of de.toml nests its records: [entity.<slug>], [fact.<key>],
# [space.<site slug>.<space type>], [relation.<from>.<type>.<to>].
SECTION_DEPTH = {"entity": 1, "fact": 1, "space": 2, "relation": 3}

# Names the German keeps in English that are not entity names (products, standards, aliases).
EXTRA_NAMES = (
    # place names that are the same in German (locations)
    "Leipzig",
    "Langen",
    "BioCity Campus, Leipzig",
    "SpinLab - The HHL Accelerator",
    "General Operation Manager®",
    "Surgical Procedure Manager®",
    "Pharma Logistics Warehouse",
    "IATA CEIV Pharma",
    "Faculty of Medicine",
)
# Short words that are German and not English; a German text of some length has one of them.
GERMAN_WORDS = frozenset(
    """der die das den dem des ein eine einer eines einem und mit für von vom ist sind wird
    werden sich als auch sowie im am beim zu zum zur auf aus bei seit über nach""".split()  # noqa: SIM905
)
ENGLISH_WORDS = frozenset("the and of with for which that is are its".split())  # noqa: SIM905
# Figures spelt out; "one"/"ein" are left out: "one of the largest" names no figure.
NUMBER_WORDS = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8},
    "de": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8},
}
NUMBER_WORDS["en"] |= {"nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
NUMBER_WORDS["de"] |= {"neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}
# A thousands group ("1,500", "1.500", "500,000+") or a plain run of digits ("2011", "S1", "5G").
NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+")
MIN_WORDS_TO_JUDGE = 5  # shorter texts ("Lagerflächen") are too short to tell the language by

Key = tuple[str, ...]


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _entities() -> list[dict[str, Any]]:
    return [
        entity
        for path in sorted((SEED / "entities").glob("*.toml"))
        for entity in _load(path).get("entity", [])
    ]


def _english() -> dict[Key, dict[str, str]]:
    """Every English text a German dossier would print, by de.toml key and field."""
    texts: dict[Key, dict[str, str]] = {}

    def add(key: Key, fields: dict[str, str]) -> None:
        assert key not in texts, f"two seed records share the key {'.'.join(key)}"
        texts[key] = {name: text for name, text in fields.items() if text and text.strip()}

    for entity in _entities():
        fields = {"description": entity.get("description", ""), "location": entity.get("location")}
        add(("entity", entity["slug"]), {k: v or "" for k, v in fields.items()})
        for space in entity.get("space", []):
            add(("space", entity["slug"], space["type"]), {"note": space.get("note", "")})
    for fact in _load(SEED / "facts.toml").get("fact", []):
        fields = ("label", "unit", "period")
        add(("fact", fact["key"]), {name: fact.get(name, "") for name in fields})
    for relation in _load(SEED / "relations.toml").get("relation", []):
        key = ("relation", relation["from"], relation["type"], relation["to"])
        add(key, {"note": relation.get("note", "")})
    return {key: fields for key, fields in texts.items() if fields}


def _flatten(table: dict[str, Any], depth: int, prefix: Key) -> dict[Key, Any]:
    """``{"a": {"b": {...}}}`` at depth 2 → ``{(*prefix, "a", "b"): {...}}``."""
    if depth == 0:
        return {prefix: table}
    flat: dict[Key, Any] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, depth - 1, (*prefix, name)))
        else:  # a value where a deeper table belongs: a malformed key
            flat[(*prefix, name)] = value
    return flat


def _german() -> dict[Key, Any]:
    document = _load(GERMAN_FILE)
    flat: dict[Key, Any] = {}
    for section, table in document.items():
        depth = SECTION_DEPTH.get(section)
        if depth is None or not isinstance(table, dict):
            flat[(section,)] = table
        else:
            flat.update(_flatten(table, depth, (section,)))
    return flat


ENGLISH = _english()
GERMAN = _german()
NAMES = sorted(
    {
        name
        for entity in _entities()
        for name in (
            entity["name"],
            entity.get("short_name", ""),
            entity.get("contact", {}).get("role", ""),
        )
        if name
    }
    | set(EXTRA_NAMES),
    key=len,
    reverse=True,  # longest first, so "SpinLab - The HHL Accelerator" goes before "SpinLab"
)


def _german_text(key: Key, field: str) -> str:
    """The German for one field, or "" when it is missing, empty or not text."""
    record = GERMAN.get(key)
    text = record.get(field) if isinstance(record, dict) else None
    return text.strip() if isinstance(text, str) else ""


def _pairs() -> list[tuple[str, str, str]]:
    """(where, English, German) for every text both sides have."""
    return [
        (".".join(key) + f" {field}", english, german)
        for key, fields in ENGLISH.items()
        for field, english in fields.items()
        if (german := _german_text(key, field))
    ]


def _numbers(text: str, language: str) -> set[int]:
    """The figures a text names: digits with either separator, and number words."""
    found = {int(re.sub(r"[.,]", "", match)) for match in NUMBER.findall(text)}
    for word, value in NUMBER_WORDS[language].items():
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            found.add(value)
    return found


def _without_names(text: str) -> str:
    for name in NAMES:
        text = text.replace(name, " ")
    return text


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def test_the_seed_has_texts_to_translate() -> None:
    """Guards the other tests against passing on an empty or misread seed."""
    assert {key[0] for key in ENGLISH} == {"entity", "fact", "space", "relation"}
    assert {key[0] for key in GERMAN} == {"entity", "fact", "space", "relation"}


def test_every_english_text_has_its_german() -> None:
    """A text without its German prints English in a German dossier."""
    missing = [
        ".".join(key) + f" {field}"
        for key, fields in ENGLISH.items()
        for field in fields
        if not _german_text(key, field)
    ]
    assert missing == []


def test_no_german_text_for_a_record_or_field_the_seed_does_not_have() -> None:
    """A renamed or removed record must take its German along, or the leftover is never shown."""
    leftovers = [
        ".".join(key) + f" {field}"
        for key, german in GERMAN.items()
        for field in (german if isinstance(german, dict) else {"(not a table)": german})
        if field not in ENGLISH.get(key, {})
    ]
    assert leftovers == []


def test_the_german_names_no_figure_the_english_does_not() -> None:
    """A dossier must be true: the German adds no number, year or count of its own."""
    added = {
        where: sorted(extra)
        for where, english, german in _pairs()
        if (extra := _numbers(german, "de") - _numbers(english, "en"))
    }
    assert added == {}


def test_the_german_keeps_every_figure_of_the_english() -> None:
    """Facts and figures carry over unchanged, so none may go missing in the German either."""
    lost = {
        where: sorted(gone)
        for where, english, german in _pairs()
        if (gone := _numbers(english, "en") - _numbers(german, "de"))
    }
    assert lost == {}


def test_numbers_in_german_text_use_german_thousands_separators() -> None:
    """ "1,500" reads as one and a half in German: write 1.500, 500.000, 4.000."""
    english_style = [where for where, _, german in _pairs() if re.search(r"\d,\d{3}(?!\d)", german)]
    assert english_style == []


def test_no_german_text_is_the_english_one_unless_it_is_a_name() -> None:
    """Copying the English passes the completeness test but leaves the dossier English."""
    copied = [
        where
        for where, english, german in _pairs()
        if german.strip() == english.strip() and english.strip() not in NAMES
    ]
    assert copied == []


def test_german_texts_read_as_german() -> None:
    """Catches English pasted into the German file: German words present, English ones absent."""
    not_german = []
    for where, _, german in _pairs():
        words = _words(_without_names(german))
        if len(_words(german)) < MIN_WORDS_TO_JUDGE:
            continue
        if not GERMAN_WORDS & set(words) or ENGLISH_WORDS & set(words):
            not_german.append(f"{where}: {sorted(ENGLISH_WORDS & set(words))}")
    assert not_german == []
