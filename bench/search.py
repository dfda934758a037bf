"""Search latency at 100,000 entities: the FTS5 search service against a naive LIKE scan.

    .venv/bin/python bench/search.py [--count N] [--queries N] [--keep PATH]

Builds a deterministic synthetic database, then runs the same mixed queries (common and rare words,
prefixes, two-word queries, umlauts, filters, misses) through ``desktop.core.search.service`` and
through ``LIKE '%q%'`` over name and description, alternating, and prints medians, p95 and the
speed-up. Targets: median ≤ 5 ms, p95 ≤ 20 ms, at least 20× faster than the scan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desktop.core.search.service import SearchFilters, search, tokenize
from desktop.core.storage.database import make_engine, open_reader
from desktop.core.storage.sqlite import search_index as sqlite_search
from synthetic import (
    CORES,
    DISEASES,
    PLACES,
    TECHNOLOGIES,
    _brand,
    build_synthetic_database,
)

LIMIT = 50


def mixed_queries(count: int, seed: int = 7) -> list[tuple[str, SearchFilters]]:
    """Queries a consultant might type: specific and common words, half-typed words, pairs,
    names, umlauts, filters and misses."""
    rng = random.Random(seed)
    words = sorted({w.strip(".,'()").lower() for t in TECHNOLOGIES + DISEASES for w in t.split()})
    shapes = [
        lambda: rng.choice(TECHNOLOGIES),  # a technology, one or more words
        lambda: rng.choice(DISEASES),
        lambda: _brand(rng),  # a company name, mostly rare
        lambda: rng.choice(words)[: rng.randint(3, 5)],  # a word being typed
        lambda: f"{rng.choice(words)} {rng.choice(PLACES).split()[0]}",
        lambda: rng.choice(CORES),
        lambda: rng.choice(["GMP", "cell therapy", "Kuhne", "Döbeln", "Leipzig", "ISO 13485"]),
        lambda: rng.choice(["xylophone", "qwertz", "zzzz"]),
    ]
    queries = []
    for i in range(count):
        query = shapes[i % len(shapes)]()
        filters = SearchFilters()
        if i % 5 == 0:
            filters = SearchFilters(kinds=("company",))
        elif i % 7 == 0:
            filters = SearchFilters(sectors=("cell-gene-therapy",), tags=("gmp",))
        queries.append((query, filters))
    return queries


def like_scan(connection, query: str, filters: SearchFilters, *, everything: bool) -> int:  # type: ignore[no-untyped-def]
    """The naive alternative: every word as LIKE '%word%' over name and description.

    With ``everything`` it fetches every match, as a naive search must before it can rank them
    (the fair comparison). Without, it fetches one page in name order off the name index, so a
    common word stops the scan early: the most flattering case for the scan.
    """
    tokens = tokenize(query)
    clauses, params = [], {}
    for i, token in enumerate(tokens):
        clauses.append(f"(e.name LIKE :t{i} OR e.description LIKE :t{i})")
        params[f"t{i}"] = f"%{token}%"
    if filters.kinds:
        clauses.append("e.kind = :kind")
        params["kind"] = filters.kinds[0]
    if filters.sectors:
        clauses.append(
            "EXISTS (SELECT 1 FROM entity_sector s"
            " WHERE s.entity_id = e.id AND s.sector_code = :sector)"
        )
        params["sector"] = filters.sectors[0]
    if filters.tags:
        clauses.append(
            "EXISTS (SELECT 1 FROM entity_tag t WHERE t.entity_id = e.id AND t.tag_code = :tag)"
        )
        params["tag"] = filters.tags[0]
    where = " AND ".join(clauses) or "1 = 1"
    if everything:
        sql = f"SELECT e.id, e.name, e.description FROM entity e WHERE {where}"
    else:
        sql = f"SELECT e.id FROM entity e WHERE {where} ORDER BY e.name LIMIT {LIMIT}"
    return len(connection.execute(sql, params).fetchall())


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    args = parser.parse_args()

    path = args.keep or Path(tempfile.mkdtemp()) / "bench-search.sqlite3"
    if args.keep and path.exists():
        print(f"reusing {path}")
        build_seconds = float("nan")
    else:
        build_seconds = build_synthetic_database(path, args.count)
    engine = make_engine(path)
    queries = mixed_queries(args.queries)
    fts_ms, counted_ms, like_page_ms, like_all_ms, engine_ms, hits = [], [], [], [], [], []
    with engine.connect() as sqlalchemy_connection:
        index_bytes = sqlite_search.search_index_bytes(sqlalchemy_connection)
        for query, filters in queries:  # the same service on a SQLAlchemy connection
            started = time.perf_counter()
            search(sqlalchemy_connection, query, filters=filters, limit=LIMIT, count_total=False)
            engine_ms.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    # The window searches on the plain reader (no SQLAlchemy on the keystroke path); the LIKE
    # scans run on the same connection, so both sides pay the same driver costs.
    connection = open_reader(path, create=False)
    try:
        search(connection, "warm up")
        for query, filters in queries:
            started = time.perf_counter()
            result = search(connection, query, filters=filters, limit=LIMIT, count_total=False)
            fts_ms.append((time.perf_counter() - started) * 1000)
            hits.append(len(result.hits))
            started = time.perf_counter()
            search(connection, query, filters=filters, limit=LIMIT)
            counted_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            like_scan(connection, query, filters, everything=True)
            like_all_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            like_scan(connection, query, filters, everything=False)
            like_page_ms.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()

    size_mb = path.stat().st_size / 1e6
    print(f"entities            {args.count:,}")
    print(f"build (incl. index) {build_seconds:.1f} s")
    print(f"database file       {size_mb:.1f} MB")
    if index_bytes is not None:
        print(f"search index        {index_bytes / 1e6:.1f} MB")
    answered = sum(1 for h in hits if h)
    print(f"queries             {len(queries)} mixed, limit {LIMIT}, {answered} with hits")
    print(f"{'':22}{'median':>10}{'p95':>10}{'max':>10}")
    for label, values in (
        ("search, first page", fts_ms),
        ("  via SQLAlchemy", engine_ms),
        ("search + total", counted_ms),
        ("LIKE, all matches", like_all_ms),
        ("LIKE, name-order page", like_page_ms),
    ):
        print(
            f"{label:22}{statistics.median(values):>8.2f}ms{percentile(values, 0.95):>8.2f}ms"
            f"{max(values):>8.2f}ms"
        )
    for label, theirs in (("all matches", like_all_ms), ("name-order page", like_page_ms)):
        median_ratio = statistics.median(theirs) / statistics.median(fts_ms)
        p95_ratio = percentile(theirs, 0.95) / percentile(fts_ms, 0.95)
        print(
            f"search vs LIKE {label:16} median {median_ratio:5.1f}×, p95 {p95_ratio:5.1f}× faster"
        )


if __name__ == "__main__":
    main()
