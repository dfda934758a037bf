"""The seed's texts in other languages: ``db/seed/translations/<language>.toml``.

One file per language, one table per record, keyed by the record's stable key::

    [entity.<slug>]                      description
    [fact.<key>]                         label, unit, period
    [space.<site slug>.<space type>]     note
    [relation.<from>.<type>.<to>]        note

:func:`attach_texts` checks every key against the seed (a text for a record that does not
exist, or a field that is not translated, is an error naming it) and puts each record's texts
in its ``texts`` value (:mod:`desktop.core.language.texts`), which the loader inserts with the row.
A seeded translation is current by definition (it ships with the English it translates), so
each carries the fingerprint of its record's English: a later change of that English shows.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from desktop.core.errors import SeedError
from desktop.core.language import texts

FOLDER = "translations"


Record = dict[str, Any]


def attach_texts(
    root: Path, entities: list[Record], facts: list[Record], relations: list[Record]
) -> None:
    """Give every seed record the texts the translation files hold for it."""
    records: dict[tuple[str, ...], tuple[str, Record]] = {}
    for entity in entities:
        records[("entity", entity["slug"])] = ("entity", entity)
        for space in entity.get("space", []):
            records[("space", entity["slug"], space["type"])] = ("space_offer", space)
    for fact in facts:
        records[("fact", fact["key"])] = ("fact", fact)
    for relation in relations:
        key = ("relation", relation["from"], relation["type"], relation["to"])
        records[key] = ("relation", relation)
    found: dict[tuple[str, ...], texts.Texts] = {}
    for path in sorted((root / FOLDER).glob("*.toml")):
        language = path.stem
        for key, fields in _tables(path):
            if key not in records:
                raise SeedError(f"{path}: [{'.'.join(key)}] names no record of the seed")
            table, _record = records[key]
            unknown = set(fields) - set(texts.TRANSLATED[table])
            if unknown:
                raise SeedError(f"{path}: [{'.'.join(key)}] has untranslatable {sorted(unknown)}")
            found.setdefault(key, {})[language] = {f: str(v) for f, v in fields.items()}
    for key, by_language in found.items():
        record = records[key][1]
        prints = {
            language: {field: texts.fingerprint(record.get(field)) for field in fields}
            for language, fields in by_language.items()
        }
        record["texts"] = texts.dump(by_language, prints)


def _tables(path: Path) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """(key path, fields) for every innermost table of the file."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{path}: {error}") from None
    found: list[tuple[tuple[str, ...], dict[str, Any]]] = []

    def walk(prefix: tuple[str, ...], table: dict[str, Any]) -> None:
        fields = {k: v for k, v in table.items() if not isinstance(v, dict)}
        if fields:
            found.append((prefix, fields))
        for name, value in table.items():
            if isinstance(value, dict):
                walk((*prefix, name), value)

    walk((), document)
    return found
