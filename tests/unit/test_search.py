"""Search service: ranking examples, filters, facets and hostile input."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.search.facets import facet_counts
from desktop.core.search.service import (
    SearchFilters,
    highlight_segments,
    search,
    tokenize,
)
from desktop.core.storage.database import Database, open_reader


def slugs(database: Database, query: str, **kwargs: object) -> list[str]:
    with database.engine.connect() as connection:
        return [hit.slug for hit in search(connection, query, **kwargs).hits]  # type: ignore[arg-type]


def test_kuhne_without_umlaut_finds_kuehne_nagel(database: Database) -> None:
    """Diacritics are folded: `Kuhne` matches Kühne+Nagel."""
    assert "kuehne-nagel" in slugs(database, "Kuhne")[:3]


@pytest.mark.parametrize("query", ["GMP", "cell therapy", "gmp", "Cell Therapy"])
def test_fraunhofer_izi_ranks_in_top_three(database: Database, query: str) -> None:
    """The GMP/cell-therapy CDMO is what an investor asking these words needs first."""
    assert "fraunhofer-izi" in slugs(database, query)[:3]


def test_stem_cell_finds_vita_34(database: Database) -> None:
    assert "vita-34" in slugs(database, "stem cell")


def test_prefix_matching(database: Database) -> None:
    """A word being typed already matches: `Fraunh` finds the Fraunhofer institute."""
    assert slugs(database, "Fraunh")[0] == "fraunhofer-izi"


def test_name_outranks_description(database: Database) -> None:
    assert slugs(database, "biosaxony")[0] == "biosaxony"


def test_snippet_highlights_the_match(database: Database) -> None:
    with database.engine.connect() as connection:
        hit = search(connection, "umbilical").hits[0]
    matched = [piece for piece, is_match in highlight_segments(hit.snippet) if is_match]
    assert hit.slug == "vita-34"
    assert matched and all(piece.lower() == "umbilical" for piece in matched)


def test_all_words_required_then_any_word_fallback(database: Database) -> None:
    with database.engine.connect() as connection:
        strict = search(connection, "ultrasound brain")
        loose = search(connection, "ultrasound zzzunknownword")
    assert [hit.slug for hit in strict.hits][:1] == ["sonovum"] and not strict.partial
    assert "sonovum" in [hit.slug for hit in loose.hits] and loose.partial


def test_kind_filter(database: Database) -> None:
    with database.engine.connect() as connection:
        hits = search(connection, "", filters=SearchFilters(kinds=("logistics-provider",))).hits
    found = {hit.slug for hit in hits}
    assert {"kuehne-nagel", "dhl-express", "db-schenker", "world-courier"} <= found
    assert {hit.kind for hit in hits} == {"logistics-provider"}


def test_sector_and_tag_filters_combine(database: Database) -> None:
    filters = SearchFilters(sectors=("cell-gene-therapy",), tags=("gmp",))
    found = slugs(database, "", filters=filters)
    assert "fraunhofer-izi" in found
    assert "kuehne-nagel" not in found


def test_query_and_filter_together(database: Database) -> None:
    assert slugs(database, "GMP", filters=SearchFilters(kinds=("company",))) == slugs(
        database, "GMP", filters=SearchFilters(kinds=("company",))
    )
    found = slugs(database, "GMP", filters=SearchFilters(kinds=("research-institute",)))
    assert found[0] == "fraunhofer-izi"


def test_empty_query_lists_everything_by_name(database: Database) -> None:
    with database.engine.connect() as connection:
        result = search(connection, "", limit=1000)
        count = connection.execute(text("SELECT count(*) FROM entity")).scalar_one()
    names = [hit.name.lower() for hit in result.hits]
    assert result.total == count == len(names)
    assert names == sorted(names)


def test_paging_is_consistent(database: Database) -> None:
    with database.engine.connect() as connection:
        everything = search(connection, "leipzig", limit=500)
        first = search(connection, "leipzig", limit=5)
        second = search(connection, "leipzig", limit=5, offset=5)
    assert [h.slug for h in first.hits + second.hits] == [h.slug for h in everything.hits[:10]]
    assert first.total == everything.total == len(everything.hits)


def test_later_pages_of_a_search_matching_only_some_words_follow_the_first(
    database: Database,
) -> None:
    """No entity holds every word: every page ranks the entities holding any of them, and a
    page past the end of the search is empty."""
    query = "leipzig zzzunheard"
    with database.engine.connect() as connection:
        everything = search(connection, query, limit=500, snippets=False)
        pages = [
            search(connection, query, limit=5, offset=offset, count_total=False, snippets=False)
            for offset in (0, 5, 10)
        ]
        beyond = search(connection, query, limit=5, offset=everything.total, snippets=False)
    assert everything.partial and everything.total > 15
    assert all(page.partial for page in pages)
    assert [h.slug for page in pages for h in page.hits] == [h.slug for h in everything.hits[:15]]
    assert beyond.hits == []
    with database.engine.connect() as connection:  # every word held: no fallback past the end
        whole = search(connection, "leipzig", limit=500, snippets=False)
        past = search(connection, "leipzig", limit=5, offset=whole.total, snippets=False)
    assert past.hits == [] and not past.partial


def test_facets_count_other_dimensions(database: Database) -> None:
    with database.engine.connect() as connection:
        facets = facet_counts(connection, "", filters=SearchFilters(kinds=("company",)))
        companies = search(connection, "", filters=SearchFilters(kinds=("company",)), limit=999)
    assert facets.kinds["company"] == companies.total
    assert facets.kinds["logistics-provider"] >= 5  # the kind facet ignores the kind filter
    assert sum(facets.sectors.values()) >= companies.total  # sectors counted within companies
    assert facets.tags


def test_facets_follow_the_query(database: Database) -> None:
    with database.engine.connect() as connection:
        facets = facet_counts(connection, "blood")
    assert facets.kinds.get("biobank-or-blood-service", 0) >= 2
    assert "logistics-provider" not in facets.kinds


HOSTILE = [
    '"foo',
    "AND OR",
    "NEAR(",
    "*",
    "a-b",
    "'; DROP TABLE entity;--",
    "\x00\x01\x1b[31m\x7f",
    "🧬🧪",
    "x" * 10_000,
    "",
    "   ",
    'name:"x" OR -y ^z',
    "NOT",
    "((((",
    "\u202e\u200b",
    "%_%",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_raises(database: Database, query: str) -> None:
    """Whatever a person types or pastes, search returns results or nothing."""
    with database.engine.connect() as connection:
        result = search(connection, query)
        facet_counts(connection, query)
        tables = connection.execute(text("SELECT count(*) FROM entity")).scalar_one()
    assert isinstance(result.hits, list)
    assert tables > 0


def test_tokenize_bounds_input() -> None:
    assert tokenize("x" * 10_000) == ("x" * 48,)
    assert len(tokenize(" ".join(f"w{i}" for i in range(100)))) == 12
    assert tokenize("Kühne+Nagel") == ("kühne", "nagel")
    assert tokenize("\x00") == ()
    assert tokenize(None) == ()  # type: ignore[arg-type]


def test_index_follows_edits(database: Database) -> None:
    """Triggers keep the index current on insert, tag change, rename and delete."""
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
                " VALUES ('zyxo-bio', 'Zyxo Bio', 'company', 'Peptide synthesis', "
                "'2026-01-01', '2026-01-01', 'zyxo-gid')"
            )
        )
    assert slugs(database, "zyxo") == ["zyxo-bio"]
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO entity_tag (entity_id, tag_code)"
                " SELECT id, 'cdmo' FROM entity WHERE slug = 'zyxo-bio'"
            )
        )
        connection.execute(text("UPDATE entity SET name = 'Quorva Bio' WHERE slug = 'zyxo-bio'"))
    assert "zyxo-bio" in slugs(database, "quorva cdmo")
    assert slugs(database, "zyxo") == []
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM entity WHERE slug = 'zyxo-bio'"))
    assert slugs(database, "quorva") == []


@pytest.mark.parametrize(
    "query", ["", "GMP", "cell therapy", "Kuhne", "ultrasound zzz", "Reinraum", "clean room"]
)
def test_plain_reader_gives_the_same_results(db_path: Path, database: Database, query: str) -> None:
    """The window's start-up read path (no SQLAlchemy) answers exactly like the engine."""
    reader = open_reader(db_path)
    try:
        filters = SearchFilters(kinds=("company",)) if query == "" else SearchFilters()
        light = search(reader, query, filters=filters)
        light_facets = facet_counts(reader, query)
    finally:
        reader.close()
    with database.engine.connect() as connection:
        full = search(connection, query, filters=filters)
        full_facets = facet_counts(connection, query)
    assert light == full and light_facets == full_facets


def test_plain_reader_cannot_write(db_path: Path) -> None:
    reader = open_reader(db_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("DELETE FROM entity")
    finally:
        reader.close()
