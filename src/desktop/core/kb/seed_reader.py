"""Reading and cross-checking the seed files in ``db/seed/``.

Everything is checked before a single row is written: an unknown code, a dangling slug or a
wrong type stops the load with the file and record named.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.errors import SeedError
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.kb.seed_texts import attach_texts
from desktop.core.kb.values import check_partial_date

TOPICS = {*taxonomy.SECTORS, *prospect_vocab.REQUIREMENTS, *prospect_vocab.ACTIVITIES}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# key -> (accepted types, required)
_Spec = dict[str, tuple[tuple[type, ...], bool]]
SOURCE_SPEC: _Spec = {
    "key": ((str,), True),
    "title": ((str,), True),
    "publisher": ((str,), False),
    "published": ((str,), False),
    "accessed": ((date,), False),
    "file": ((str,), False),
    "url": ((str,), False),
}
TAG_SPEC: _Spec = {"code": ((str,), True), "label": ((str,), True), "category": ((str,), True)}
ENTITY_SPEC: _Spec = {
    "slug": ((str,), True),
    "name": ((str,), True),
    "short_name": ((str,), False),
    "kind": ((str,), True),
    "sectors": ((list,), True),
    "tags": ((list,), False),
    "location": ((str,), False),
    "website": ((str,), False),
    "founded": ((int,), False),
    "description": ((str,), True),
    "source": ((str,), True),
    "space": ((list,), False),
    "contact": ((dict,), False),
}
SPACE_SPEC: _Spec = {
    "type": ((str,), True),
    "availability": ((str,), True),
    "since": ((str,), False),
    "note": ((str,), False),
}
CONTACT_SPEC: _Spec = {
    "role": ((str,), False),
    "organisation": ((str,), False),
    "phone": ((str,), False),
    "email": ((str,), False),
    "public": ((bool,), True),
}
RELATION_SPEC: _Spec = {
    "from": ((str,), True),
    "type": ((str,), True),
    "to": ((str,), True),
    "note": ((str,), False),
    "source": ((str,), True),
}
FACT_SPEC: _Spec = {
    "key": ((str,), True),
    "label": ((str,), True),
    "value": ((int, float), True),
    "qualifier": ((str,), True),
    "unit": ((str,), True),
    "period": ((str,), False),
    "scope": ((str,), False),
    "as_of": ((str,), False),
    "source": ((str,), True),
    "quote": ((str,), False),
    "comparable": ((str,), False),
    "topics": ((list,), False),
}


@dataclass
class SeedData:
    """The parsed, cross-checked seed, ready to insert."""

    seed_date: date
    sources: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)


def default_seed_dir() -> Path:
    from desktop.paths import seed_dir

    return seed_dir()


def read_seed(seed_dir: Path | None = None) -> SeedData:
    """Parse and cross-check every seed file; raise :class:`SeedError` naming the first problem."""
    root = Path(seed_dir or default_seed_dir())
    manifest = _load(root / "manifest.toml")
    seed_date = manifest.get("seed_date")
    if not isinstance(seed_date, date):
        raise SeedError(f"{root / 'manifest.toml'}: seed_date must be a date (YYYY-MM-DD)")
    data = SeedData(seed_date=seed_date)
    data.sources = _records(root / "sources.toml", "source", SOURCE_SPEC)
    data.tags = _records(root / "tags.toml", "tag", TAG_SPEC)
    for entity_file in sorted((root / "entities").glob("*.toml")):
        data.entities += _records(entity_file, "entity", ENTITY_SPEC)
    data.relations = _records(root / "relations.toml", "relation", RELATION_SPEC)
    data.facts = _records(root / "facts.toml", "fact", FACT_SPEC)
    _cross_check(data)
    attach_texts(root, data.entities, data.facts, data.relations)
    return data


# --- reading -------------------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SeedError(f"seed file missing: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{path}: {error}") from None


def _records(path: Path, table: str, spec: _Spec) -> list[dict[str, Any]]:
    document = _load(path)
    unexpected = set(document) - {table}
    if unexpected:
        raise SeedError(f"{path}: unexpected top-level key(s) {sorted(unexpected)}")
    records = document.get(table, [])
    for position, record in enumerate(records, start=1):
        _check_shape(record, spec, f"{path.name} [[{table}]] #{position}")
    return records


def _check_shape(record: dict[str, Any], spec: _Spec, where: str) -> None:
    unknown = set(record) - set(spec)
    if unknown:
        raise SeedError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key, (types, required) in spec.items():
        if key not in record:
            if required:
                raise SeedError(f"{where}: missing required key {key!r}")
            continue
        value = record[key]
        # bool is an int in Python; a figure or year given as true/false is a mistake.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(t.__name__ for t in types)
            raise SeedError(f"{where}: {key!r} must be {expected}, not {value!r}")


def _cross_check(data: SeedData) -> None:
    sources = _unique(data.sources, "key", "source")
    tags = _unique(data.tags, "code", "tag")
    slugs = _unique(data.entities, "slug", "entity")
    _unique(data.facts, "key", "fact")
    for tag in data.tags:
        _code(taxonomy.TAG_CATEGORIES, tag["category"], "tag category", f"tag {tag['code']}")
    for entity in data.entities:
        where = f"entity {entity['slug']}"
        if not SLUG.match(entity["slug"]):
            raise SeedError(f"{where}: slug must be lowercase letters, digits and '-'")
        _code(taxonomy.KINDS, entity["kind"], "kind", where)
        for sector in entity["sectors"]:
            _code(taxonomy.SECTORS, sector, "sector", where)
        for tag in entity.get("tags", []):
            _ref(tags, tag, "tag", where)
        _ref(sources, entity["source"], "source", where)
        for space in entity.get("space", []):
            _check_shape(space, SPACE_SPEC, f"{where} space")
            _code(taxonomy.SPACE_TYPES, space["type"], "space type", where)
            _code(taxonomy.AVAILABILITY, space["availability"], "availability", where)
            _partial_date(space.get("since"), where)
        if "contact" in entity:
            _check_shape(entity["contact"], CONTACT_SPEC, f"{where} contact")
            if entity["kind"] != "person":
                raise SeedError(f"{where}: only persons have contact details")
            if entity["contact"].get("organisation"):
                _ref(slugs, entity["contact"]["organisation"], "organisation", where)
    for relation in data.relations:
        where = f"relation {relation['from']} {relation['type']} {relation['to']}"
        _code(taxonomy.RELATION_TYPES, relation["type"], "relation type", where)
        _ref(slugs, relation["from"], "entity", where)
        _ref(slugs, relation["to"], "entity", where)
        _ref(sources, relation["source"], "source", where)
    for fact in data.facts:
        where = f"fact {fact['key']}"
        _code(taxonomy.QUALIFIERS, fact["qualifier"], "qualifier", where)
        if fact.get("scope"):
            _ref(slugs, fact["scope"], "entity", where)
        _ref(sources, fact["source"], "source", where)
        _partial_date(fact.get("as_of"), where)
        for topic in fact.get("topics", []):
            if topic not in TOPICS:
                raise SeedError(
                    f"{where}: unknown topic {topic!r}; use a sector, requirement or activity code"
                )


def _unique(records: list[dict[str, Any]], key: str, what: str) -> set[str]:
    seen: set[str] = set()
    for record in records:
        if record[key] in seen:
            raise SeedError(f"duplicate {what} {key} {record[key]!r}")
        seen.add(record[key])
    return seen


def _code(vocabulary: dict[str, taxonomy.Term], code: str, what: str, where: str) -> None:
    try:
        taxonomy.require(vocabulary, code, what)
    except ValueError as error:
        raise SeedError(f"{where}: {error}") from None


def _ref(known: set[str], value: str, what: str, where: str) -> None:
    if value not in known:
        raise SeedError(f"{where}: unknown {what} {value!r}")


def _partial_date(value: str | None, where: str) -> None:
    if value:
        try:
            check_partial_date(value)
        except ValueError as error:
            raise SeedError(f"{where}: {error}") from None
