"""The first page of a search is the full ranking's first page, however broad the query.

A synthetic knowledge base of 3,500 entities whose words follow Zipf's law ("Leipzig", "cell"
in a thousand entities or more, brand names in a handful) is searched with a few hundred mixed
queries — common and rare words, half-typed words, pairs, filters, misses — and every first page
is compared with a reference: every match scored with bm25 and the index's column weights,
equal scores ordered by id, the filter applied afterwards. The rank index is built with a low
threshold, so that most broad queries are answered from it and the rest by SQL.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from desktop.core.kb import models, taxonomy
from desktop.core.kb.identity import assign_natural_gids
from desktop.core.kb.sync_tables import changes_unrecorded
from desktop.core.search import expansion
from desktop.core.search.service import SearchFilters, search, snippets, tokenize
from desktop.core.storage.database import create_schema, make_engine, open_reader
from desktop.core.storage.sqlite.fts import index as search_index
from desktop.core.storage.sqlite.fts import queries as search_sql
from desktop.core.storage.sqlite.fts import rank as search_rank
from desktop.core.storage.sqlite.fts import rank_classes
from desktop.core.storage.sqlite.fts import top as search_top

ENTITIES = 3_500
MIN_DOCS = 40  # a word in 40 entities is common here: most broad queries use the rank index
PAGE = 200
SYLLABLES = ["bio", "cel", "gen", "med", "neo", "nov", "pha", "syn", "ter", "tra", "vi", "zy"]
CORES = ["Genomics", "MedTech", "Diagnostics", "Biobank", "Cell Works", "Imaging", "Robotics"]
THINGS = [
    "cell therapy",
    "viral vector production",
    "CAR-T manufacturing",
    "mass spectrometry",
    "clean room engineering",
    "stem cell banking",
    "medical imaging AI",
    "wound care",
    "rare diseases",
    "oncology",
    "cardiology",
    "quality control",
    "Biobanking",
    "biobanks",
]
PLACES = ["Leipzig", "Halle (Saale)", "Dresden", "Döbeln", "Taucha", "Grimma", "Leipziger Land"]
SENTENCES = [
    "{name} specialises in {thing} for {other}",
    "It offers {thing} and {other} to partners in {place}",
    "The team runs a certified quality system for {thing}",
    "{name} cooperates with {brand} on {thing} in {place}",
]
TAGS = [("gmp", "GMP"), ("atmp", "ATMP"), ("cdmo", "CDMO"), ("ai", "AI"), ("car-t", "CAR-T")]


def _zipf(rng: random.Random, items: list[str]) -> str:
    return rng.choices(items, weights=[1 / rank for rank in range(1, len(items) + 1)])[0]


def _brand(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _rows(count: int, seed: int = 13) -> list[dict[str, object]]:
    rng = random.Random(seed)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    kinds = [code for code in taxonomy.KINDS if code != "person"]
    rows = []
    for number in range(count):
        brand = _brand(rng)
        sentences = [
            template.format(
                name=brand,
                brand=_brand(rng),
                thing=_zipf(rng, THINGS),
                other=_zipf(rng, THINGS),
                place=_zipf(rng, PLACES),
            )
            for template in rng.sample(SENTENCES, rng.randint(1, 3))
        ]
        german = rng.random() < 0.1
        rows.append(
            {
                "slug": f"synthetic-{number:05d}",
                "name": f"{brand} {rng.choice(CORES)}",
                "short_name": brand.upper()[:4] if rng.random() < 0.2 else None,
                "kind": rng.choice(kinds[:5]),
                "description": ". ".join(sentences) + ".",
                "location": _zipf(rng, PLACES),
                "texts": '{"de": {"description": "Zelltherapie in Leipzig"}}' if german else None,
                "created_at": stamp,
                "updated_at": stamp,
                "_sectors": rng.sample(list(taxonomy.SECTORS)[:6], rng.randint(1, 2)),
                "_tags": [code for code, _ in rng.sample(TAGS, rng.randint(0, 2))],
            }
        )
    return rows


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic knowledge base, built once, with a rank index of a low threshold."""
    path = tmp_path_factory.mktemp("exact") / "synthetic.sqlite3"
    rows = _rows(ENTITIES)
    engine = make_engine(path)
    create_schema(engine)
    with (
        engine.begin() as connection,
        search_index.search_index_suspended(connection),
        changes_unrecorded(connection),
    ):
        connection.execute(insert(models.Sector), taxonomy.sector_rows())
        connection.execute(
            insert(models.Tag),
            [{"code": c, "label": label, "category": "capability"} for c, label in TAGS],
        )
        connection.execute(
            insert(models.Entity),
            [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows],
        )
        ids = dict(connection.exec_driver_sql("SELECT slug, id FROM entity").all())
        for table, key, column in (
            (models.EntitySector, "_sectors", "sector_code"),
            (models.EntityTag, "_tags", "tag_code"),
        ):
            links = [
                {"entity_id": ids[row["slug"]], column: code} for row in rows for code in row[key]
            ]  # type: ignore[attr-defined]
            connection.execute(insert(table), links)
        assign_natural_gids(connection, every_row=True)
    with engine.begin() as connection:
        search_rank.build_rank_index(connection, min_docs=MIN_DOCS)
    engine.dispose()
    return path


@pytest.fixture
def copy(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "synthetic.sqlite3"
    shutil.copyfile(template, path)
    return path


def mixed_queries(count: int, seed: int = 5) -> list[tuple[str, SearchFilters]]:
    rng = random.Random(seed)
    words = sorted({w.strip("().").lower() for t in THINGS + PLACES for w in t.split()})
    shapes = [
        lambda: rng.choice(THINGS),
        lambda: rng.choice(words),
        lambda: rng.choice(words)[: rng.randint(2, 5)],  # a word being typed
        lambda: f"{rng.choice(words)} {rng.choice(PLACES).split()[0]}",
        lambda: rng.choice(CORES),
        lambda: _brand(rng),
        lambda: rng.choice(["Leipzig", "Döbeln", "CAR-T", "Zelltherapie", "med", "bio", "zzzz"]),
    ]
    queries = []
    for i in range(count):
        filters = SearchFilters()
        if i % 5 == 0:
            filters = SearchFilters(kinds=("company",))
        elif i % 7 == 0:
            filters = SearchFilters(sectors=("cell-gene-therapy",), tags=("gmp",))
        queries.append((shapes[i % len(shapes)](), filters))
    return queries


def reference(
    connection: sqlite3.Connection, query: str, filters: SearchFilters
) -> tuple[list[int], int]:
    """The full ranking's first page and the number of matches, computed apart from the
    service: every match scored, ties by id, the filter applied in Python."""
    weights = ", ".join(str(w) for w in search_index.BM25_WEIGHTS)
    allowed = {row[0] for row in connection.execute("SELECT id FROM entity")}
    if filters.kinds:
        allowed &= {
            r[0] for r in connection.execute("SELECT id FROM entity WHERE kind = ?", filters.kinds)
        }
    if filters.sectors:
        sql = "SELECT entity_id FROM entity_sector WHERE sector_code = ?"
        allowed &= {r[0] for r in connection.execute(sql, filters.sectors)}
    if filters.tags:
        sql = "SELECT entity_id FROM entity_tag WHERE tag_code = ?"
        allowed &= {r[0] for r in connection.execute(sql, filters.tags)}
    tokens = tokenize(query)
    for any_token in (False, True):
        if not tokens or (any_token and len(tokens) == 1):
            break
        match = search_sql.match_expression(expansion.expand(tokens), any_token=any_token)
        rows = connection.execute(
            f"SELECT rowid, bm25(entity_fts, {weights}) FROM entity_fts WHERE entity_fts MATCH ?",
            (match,),
        ).fetchall()
        found = sorted((score, rowid) for rowid, score in rows if rowid in allowed)
        if found:
            return [rowid for _, rowid in found[:PAGE]], len(found)
    return [], 0


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the rank index answered each search (True) or SQL ranked every match."""
    calls: list[bool] = []
    original = search_top.best_matches

    def recording(*args: object, **kwargs: object) -> object:
        found = original(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(search_top, "best_matches", recording)
    yield calls


def test_every_first_page_equals_the_full_ranking(template: Path, answered: list[bool]) -> None:
    reader = open_reader(template, create=False)
    plain = sqlite3.connect(template)
    try:
        for query, filters in mixed_queries(300):
            result = search(reader, query, filters=filters, limit=PAGE, snippets=False)
            page, total = reference(plain, query, filters)
            assert [hit.entity_id for hit in result.hits] == page, (query, filters)
            assert (result.total, result.total_exact) == (total, True), (query, filters)
    finally:
        reader.close()
        plain.close()
    assert sum(answered) > len(answered) // 4  # the rank index did a good share of the work


def test_short_prefixes_and_a_word_with_a_prefix_equal_the_full_ranking(
    template: Path, answered: list[bool]
) -> None:
    """A prefix of two or three letters stands for many words, rare brand syllables too: it is
    read from the classes of all its words summed (a key of its own), alone or after a word,
    and its pages, totals and scores are still FTS5's own."""
    words = sorted({w.strip("().").lower() for t in THINGS + PLACES for w in t.split()})
    short = sorted({w[:n] for w in words + SYLLABLES for n in (2, 3) if len(w) >= n})
    typed = ["cell th", "stem ce", "leipzig bi", "ce th", "bio le", "cell therapy ma"]
    companies = SearchFilters(kinds=("company",))
    queries = [(q, f) for q in short + typed for f in (SearchFilters(), companies)]
    reader = open_reader(template, create=False)
    plain = sqlite3.connect(template)
    fetch = lambda sql, params: plain.execute(sql, params).fetchall()  # noqa: E731
    try:
        for query, filters in queries:
            result = search(reader, query, filters=filters, limit=PAGE, snippets=False)
            page, total = reference(plain, query, filters)
            assert [hit.entity_id for hit in result.hits] == page, (query, filters)
            assert (result.total, result.total_exact) == (total, True), (query, filters)
        for query in ("bi", "ce", "me", "cell th"):
            groups = expansion.expand(tokenize(query))
            found = search_top.best_matches(fetch, groups, any_token=False, need=PAGE)
            assert found is not None, query
            match = search_sql.match_expression(groups, any_token=False)
            expected = plain.execute(
                search_sql.ranked_ids_sql(), {"match": match, "limit": PAGE, "offset": 0}
            )
            assert found[0] == [tuple(row) for row in expected.fetchall()], query
        keys = plain.execute("SELECT term FROM entity_fts_rank_term WHERE term LIKE '%*'")
        assert {"bi*", "ce*", "me*"} <= {row[0] for row in keys}
    finally:
        reader.close()
        plain.close()
    assert sum(answered) > len(answered) // 2


def test_scores_are_fts5s_own_to_the_last_bit(template: Path) -> None:
    """The rank index's scores are bm25 exactly as FTS5 computes it, not just in order."""
    plain = sqlite3.connect(template)
    fetch = lambda sql, params: plain.execute(sql, params).fetchall()  # noqa: E731
    try:
        checked = 0
        for query, _ in mixed_queries(120):
            tokens = tokenize(query)
            for any_token in (False, True):
                if not tokens or (any_token and len(tokens) == 1):
                    continue
                groups = expansion.expand(tokens)
                found = search_top.best_matches(fetch, groups, any_token=any_token, need=PAGE)
                if found is None:
                    continue
                match = search_sql.match_expression(groups, any_token=any_token)
                sql = search_sql.ranked_ids_sql()
                expected = plain.execute(sql, {"match": match, "limit": PAGE, "offset": 0})
                assert found[0] == [tuple(row) for row in expected.fetchall()], query
                checked += 1
        assert checked > 20
    finally:
        plain.close()


def test_pages_follow_each_other(template: Path) -> None:
    """As the window asks: a first page with its total, the next ones as the list scrolls,
    without counting again (their total only says "at least")."""
    reader = open_reader(template, create=False)
    plain = sqlite3.connect(template)
    try:
        for query, filters in [
            ("Leipzig", SearchFilters()),
            ("cell", SearchFilters()),
            ("bio", SearchFilters()),
            ("care Leipzig", SearchFilters()),
            ("Leipzig", SearchFilters(kinds=("company",))),
            ("cell therapy", SearchFilters(sectors=("cell-gene-therapy",), tags=("gmp",))),
        ]:
            full, total = reference(plain, query, filters)
            first = search(reader, query, filters=filters, limit=100, snippets=False)
            assert (first.total, first.total_exact) == (total, True), query
            paged = [hit.entity_id for hit in first.hits]
            for offset in (100, 150):
                later = search(
                    reader,
                    query,
                    filters=filters,
                    limit=50,
                    offset=offset,
                    count_total=False,
                    snippets=False,
                )
                paged += [hit.entity_id for hit in later.hits]
                assert later.total <= total, query
            assert paged == full[:200], query
    finally:
        reader.close()
        plain.close()


def test_excerpts_only_when_asked_and_the_same_for_the_rows_on_screen(template: Path) -> None:
    reader = open_reader(template, create=False)
    try:
        for query in ("cell therapy", "Leipzig", "oncology zzzunknown", "Zelltherapie"):
            full = search(reader, query, limit=30)
            bare = search(reader, query, limit=30, snippets=False)
            assert [h.entity_id for h in bare.hits] == [h.entity_id for h in full.hits]
            assert all(hit.snippet == "" for hit in bare.hits)
            assert any(hit.snippet for hit in full.hits), query
            shown = [hit.entity_id for hit in bare.hits[:10]]
            assert snippets(reader, query, shown) == {
                h.entity_id: h.snippet for h in full.hits[:10]
            }
        assert snippets(reader, "cell", [10**9]) == {}
        assert snippets(reader, "", [1]) == {}
    finally:
        reader.close()


def _edit(path: Path) -> None:
    """Writes through the triggers, as the window's edits are written."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(
            "UPDATE entity SET description = 'Leipzig Leipzig cell therapy in Leipzig' WHERE id = 7"
        )
        connection.execute("UPDATE entity SET name = 'Leipzig Cell Works' WHERE id = 3000")
        connection.execute("DELETE FROM entity WHERE id = 11")
        connection.execute("UPDATE tag SET label = 'Leipzig GMP' WHERE code = 'gmp'")


def _matches(path: Path, queries: list[tuple[str, SearchFilters]]) -> None:
    reader = open_reader(path, create=False)
    plain = sqlite3.connect(path)
    try:
        for query, filters in queries:
            result = search(reader, query, filters=filters, limit=PAGE, snippets=False)
            assert [hit.entity_id for hit in result.hits] == reference(plain, query, filters)[0]
    finally:
        reader.close()
        plain.close()


def test_edits_leave_the_ranking_exact_before_and_after_the_rank_index_catches_up(
    copy: Path, answered: list[bool]
) -> None:
    queries = [
        ("Leipzig", SearchFilters()),
        ("cell therapy", SearchFilters()),
        ("gmp", SearchFilters()),
    ]
    _edit(copy)
    _matches(copy, queries)  # the rank index is behind: every match ranked by SQL
    assert not any(answered)
    engine = make_engine(copy)
    with engine.begin() as connection:
        assert not search_rank.rank_index_current(connection)
        search_index.refresh_search_index(connection, [])
        assert search_rank.rank_index_current(connection)
        assert search_rank.rank_index_problems(connection) == []
    engine.dispose()
    answered.clear()
    _matches(copy, queries)
    assert all(answered)


def test_a_bulk_load_moves_just_its_entities_to_their_classes(
    copy: Path, monkeypatch: pytest.MonkeyPatch, answered: list[bool]
) -> None:
    """An import names the entities it changed: those move, the rest of the index stays."""
    rebuilt: list[object] = []
    engine = make_engine(copy)
    with monkeypatch.context() as patched:
        patched.setattr(search_rank, "build_rank_index", lambda *a, **k: rebuilt.append(a))
        with (
            engine.begin() as connection,
            search_index.search_index_suspended(connection, incremental=True) as changed,
        ):
            connection.execute(
                text("UPDATE entity SET description = 'Leipzig cell therapy, Leipzig' WHERE id = 7")
            )
            connection.execute(text("DELETE FROM entity_sector WHERE entity_id = 11"))
            connection.execute(text("DELETE FROM entity_tag WHERE entity_id = 11"))
            connection.execute(text("DELETE FROM entity WHERE id = 11"))
            connection.execute(
                text(
                    "INSERT INTO entity (slug, name, kind, description, location, created_at,"
                    " updated_at, gid) VALUES ('new-one', 'Leipzig Biobank', 'company',"
                    " 'Biobanking in Leipzig', 'Leipzig', '2026-01-01', '2026-01-01', 'g-new')"
                )
            )
            changed.update({7, 11})
    assert rebuilt == []
    with engine.begin() as connection:
        assert search_rank.rank_index_current(connection)
        moved = _classes(connection)
        search_rank.build_rank_index(connection)
        assert _classes(connection) == moved  # the same classes a rebuild makes
    engine.dispose()
    _matches(
        copy,
        [("Leipzig", SearchFilters()), ("biobank", SearchFilters()), ("cell", SearchFilters())],
    )
    assert all(answered[-3:])


def _classes(connection: object) -> list[tuple[object, ...]]:
    sql = "SELECT term, hits, doclen, ids FROM entity_fts_rank_class ORDER BY 1, 2, 3"
    rows = connection.execute(text(sql)).all()  # type: ignore[attr-defined]
    return [(t, h, d, sorted(rank_classes.ids_of(i))) for t, h, d, i in rows]


def test_a_filters_ids_are_read_again_once_the_data_changed(
    copy: Path, answered: list[bool]
) -> None:
    """The rank index keeps a filter's ids between searches, never past a change."""
    reader = open_reader(copy, create=False)
    filters = SearchFilters(kinds=("company",))
    try:
        before = {
            hit.entity_id for hit in search(reader, "Leipzig", filters=filters, limit=3000).hits
        }
        with sqlite3.connect(copy) as writer:
            moved = writer.execute(
                "SELECT id FROM entity WHERE kind != 'company' AND location = 'Leipzig' LIMIT 1"
            ).fetchone()[0]
            writer.execute("UPDATE entity SET kind = 'company' WHERE id = ?", (moved,))
        writer.close()
        engine = make_engine(copy)
        with engine.begin() as connection:
            search_index.refresh_search_index(connection, [moved])
        engine.dispose()
        after = {
            hit.entity_id for hit in search(reader, "Leipzig", filters=filters, limit=3000).hits
        }
    finally:
        reader.close()
    assert after == before | {moved}
    assert answered == [True, True]
