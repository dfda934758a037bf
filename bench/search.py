"""Search at 100,000 entities as the window calls it, against raw FTS5 and a LIKE scan.

    .venv/bin/python bench/search.py [--count N] [--queries N] [--rounds N] [--keep PATH]
                                     [--slowest N]

Builds (or reuses) a deterministic synthetic database, then runs the same mixed queries (common
and rare words, prefixes, two-word queries, umlauts, filters, misses) these ways, alternating:

- the first page as the window asks it: ``app.browse.search(store, ..., limit=FIRST_PAGE)``
  with its total, on the store's plain reader, without the excerpts of the rows on screen
  (``bench/keypress.py`` times those) — the headline figure;
- a further page as the list scrolls: ``FIRST_PAGE`` rows from offset ``FIRST_PAGE``, without a
  total (the first page said it);
- 500 rows at once (``DISPLAY_LIMIT``, as a list sorted by a column asks), with the total;
- raw FTS5 on the same database, the floor: ``SELECT rowid FROM entity_fts WHERE entity_fts
  MATCH ? ORDER BY rank LIMIT FIRST_PAGE`` with the service's match expression, no filter, no
  total;
- a LIKE scan: every word as ``LIKE '%word%'`` over name and description, fetching every match
  (what a naive search must do before it can rank them).

Each way reads through a connection of its own, as in the window, whose searching reader does
nothing else: a LIKE scan through the same connection would empty its page cache every time.

Each query's time is its median over the rounds; the figures are the median and 95th
percentile over the queries. It also checks, for every query, that the first page, the further
page and the 500 rows equal the full bm25 ranking's (every match scored, equal scores by id).
Goals for the first page: median ≤ 2 ms, p95 ≤ 8 ms, and every page exact.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desktop.app import browse
from desktop.app.store import Store
from desktop.core.search import expansion
from desktop.core.search.service import SearchFilters, search, tokenize
from desktop.core.storage.database import make_engine, open_reader
from desktop.core.storage.sqlite.fts import index as sqlite_search
from desktop.core.storage.sqlite.fts import queries as search_sql
from desktop.core.storage.sqlite.fts import rank as search_rank
from figures import Figure
from synthetic import CORES, DISEASES, PLACES, TECHNOLOGIES, _brand, build_synthetic_database

DEFAULT_DATABASE = Path("/tmp/bench100k.sqlite3")  # shared by the benchmarks that need 100k
GOAL_MEDIAN_MS = 2.0
GOAL_P95_MS = 8.0
DISPLAY_LIMIT = browse.DISPLAY_LIMIT  # the most rows one search lists (all at once when sorted)
FIRST_PAGE = getattr(browse, "FIRST_PAGE", 100)  # rows a new search brings; more as it scrolls
RAW_SQL = "SELECT rowid FROM entity_fts WHERE entity_fts MATCH :match ORDER BY rank LIMIT :limit"


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


def like_scan(connection: Any, query: str, filters: SearchFilters) -> int:
    """The naive alternative: every word as LIKE '%word%' over name and description, every
    match fetched (a naive search must have them all before it can rank them)."""
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
    sql = f"SELECT e.id, e.name, e.description FROM entity e WHERE {where}"
    return len(connection.execute(sql, params).fetchall())


def raw_fts(connection: Any, query: str) -> int:
    """The floor: FTS5 ranking the service's match expression itself, nothing else."""
    tokens = tokenize(query)
    rows: list[Any] = []
    for any_token in (False, True):
        if not tokens or (any_token and len(tokens) == 1):
            break
        match = search_sql.match_expression(expansion.expand(tokens), any_token=any_token)
        rows = connection.execute(RAW_SQL, {"match": match, "limit": FIRST_PAGE}).fetchall()
        if rows:
            break
    return len(rows)


def full_ranking(connection: Any, query: str, filters: SearchFilters) -> list[int]:
    """The reference ranking's first rows: every match scored with bm25 and the index's
    weights, equal scores by id, filtered in Python; the any-word fallback as the service does
    it."""
    tokens = tokenize(query)
    weights = ", ".join(str(w) for w in sqlite_search.BM25_WEIGHTS)
    allowed = _allowed(connection, filters)
    for any_token in (False, True):
        if not tokens or (any_token and len(tokens) == 1):
            break
        match = search_sql.match_expression(expansion.expand(tokens), any_token=any_token)
        rows = connection.execute(
            f"SELECT rowid, bm25(entity_fts, {weights}) AS score FROM entity_fts"
            " WHERE entity_fts MATCH :match ORDER BY score, rowid",
            {"match": match},
        ).fetchall()
        page = [row[0] for row in rows if allowed is None or row[0] in allowed]
        if page:
            return page[:DISPLAY_LIMIT]
    return []


def _allowed(connection: Any, filters: SearchFilters) -> set[int] | None:
    if filters == SearchFilters():
        return None
    allowed = {row[0] for row in connection.execute("SELECT id FROM entity")}
    if filters.kinds:
        marks = ", ".join("?" * len(filters.kinds))
        sql = f"SELECT id FROM entity WHERE kind IN ({marks})"
        allowed &= {row[0] for row in connection.execute(sql, filters.kinds)}
    for table, column, values in (
        ("entity_sector", "sector_code", filters.sectors),
        ("entity_tag", "tag_code", filters.tags),
    ):
        if values:
            marks = ", ".join("?" * len(values))
            sql = f"SELECT entity_id FROM {table} WHERE {column} IN ({marks})"
            allowed &= {row[0] for row in connection.execute(sql, values)}
    return allowed


@dataclass
class Measured:
    """Per query: its median time (ms) for each way, and whether its pages were exact."""

    first: list[float] = field(default_factory=list)
    further: list[float] = field(default_factory=list)
    whole: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    like: list[float] = field(default_factory=list)
    exact_first: list[bool] = field(default_factory=list)  # the first page and the one after
    exact_whole: list[bool] = field(default_factory=list)  # the 500 rows
    answered: int = 0
    build_seconds: float = float("nan")
    size_mb: float = 0.0
    index_mb: float | None = None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def prepare(path: Path, count: int) -> float:
    """Build the database unless one is there; bring its search index up to date (a file
    built before the rank index, or edited since, gets it anew). The build time, or NaN when
    reused."""
    seconds = float("nan")
    if not path.exists():
        seconds = build_synthetic_database(path, count)
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            sqlite_search.install_search_index(connection)  # today's triggers and rank index
            if not search_rank.rank_index_current(connection):
                sqlite_search.refresh_search_index(connection, [])
        with engine.begin() as connection:  # a rank index a large refresh left for later
            sqlite_search.catch_up_search_index(connection, whole=True)
    finally:
        engine.dispose()
    return seconds


def measure(path: Path, queries: list[tuple[str, SearchFilters]], rounds: int) -> Measured:
    measured = Measured()
    store = Store(path)  # the window's: its plain reader only ever searches
    floor, naive = open_reader(path, create=False), open_reader(path, create=False)
    try:
        search(store.reader, "warm up", limit=FIRST_PAGE, snippets=False)

        def window(query: str, filters: SearchFilters, limit: int, offset: int = 0) -> Any:
            """``app.browse.search`` as the window calls it, but for the excerpts of the rows
            on screen (``snippet_rows=0``: bench/keypress.py times those)."""
            if not offset:
                return browse.search(
                    store, query=query, filters=filters, limit=limit, snippet_rows=0
                )
            return browse.search(  # a further page: the first one said the total
                store,
                query=query,
                filters=filters,
                limit=limit,
                offset=offset,
                count_total=False,
                snippet_rows=0,
            )

        ways: dict[str, Callable[[str, SearchFilters], Any]] = {
            "f": lambda q, f: window(q, f, FIRST_PAGE),
            "n": lambda q, f: window(q, f, FIRST_PAGE, FIRST_PAGE),
            "w": lambda q, f: window(q, f, DISPLAY_LIMIT),
            "r": lambda q, f: raw_fts(floor, q),
            "l": lambda q, f: like_scan(naive, q, f),
        }
        times: dict[str, list[list[float]]] = {way: [[] for _ in queries] for way in ways}
        for round_ in range(rounds):
            for i, (query, filters) in enumerate(queries):
                order = "fnwrl" if (round_ + i) % 2 == 0 else "lrwnf"  # alternate who goes first
                for way in order:
                    started = time.perf_counter()
                    ways[way](query, filters)
                    times[way][i].append((time.perf_counter() - started) * 1000)
        for query, filters in queries:
            full = full_ranking(floor, query, filters)
            first, further, whole = (
                [hit.entity_id for hit in ways[way](query, filters).hits] for way in "fnw"
            )
            measured.exact_first.append(first + further == full[: 2 * FIRST_PAGE])
            measured.exact_whole.append(whole == full[:DISPLAY_LIMIT])
            measured.answered += bool(first)
        measured.first = [statistics.median(t) for t in times["f"]]
        measured.further = [statistics.median(t) for t in times["n"]]
        measured.whole = [statistics.median(t) for t in times["w"]]
        measured.raw = [statistics.median(t) for t in times["r"]]
        measured.like = [statistics.median(t) for t in times["l"]]
    finally:
        store.close()
        floor.close()
        naive.close()
    measured.size_mb = path.stat().st_size / 1e6
    engine = make_engine(path)
    with engine.connect() as sqlalchemy_connection:
        index_bytes = sqlite_search.search_index_bytes(sqlalchemy_connection)
    engine.dispose()
    measured.index_mb = None if index_bytes is None else index_bytes / 1e6
    return measured


def figures(
    *, count: int = 100_000, queries: int = 200, rounds: int = 3, path: Path | None = None
) -> list[Figure]:
    """The search figures for ``make bench`` (bench/report.py)."""
    path = path or DEFAULT_DATABASE
    build_seconds = prepare(path, count)
    measured = measure(path, mixed_queries(queries), rounds)
    measured.build_seconds = build_seconds
    return _figures(measured, count)


def _figures(measured: Measured, count: int) -> list[Figure]:
    first, raw, like = measured.first, measured.raw, measured.like
    median, p95 = statistics.median(first), percentile(first, 0.95)
    raw_median, raw_p95 = statistics.median(raw), percentile(raw, 0.95)
    like_median, like_p95 = statistics.median(like), percentile(like, 0.95)
    exact_first, exact_whole = sum(measured.exact_first), sum(measured.exact_whole)
    queries = len(measured.exact_first)
    size = f"{count:,} entities, {len(first)} mixed queries"
    page = f"first page as the window asks it ({FIRST_PAGE} rows + total)"
    raw_sql = f"raw FTS5 ORDER BY rank LIMIT {FIRST_PAGE}"
    return [
        Figure(
            f"search, {page}, median",
            median,
            "ms",
            f"≤ {GOAL_MEDIAN_MS:g} ms",
            median <= GOAL_MEDIAN_MS,
            f"{median / raw_median:.2f}× raw FTS5 ({raw_median:.2f} ms); {size}",
        ),
        Figure(
            f"search, {page}, p95",
            p95,
            "ms",
            f"≤ {GOAL_P95_MS:g} ms",
            p95 <= GOAL_P95_MS,
            f"{p95 / raw_p95:.2f}× raw FTS5 ({raw_p95:.2f} ms)",
        ),
        Figure(
            f"search, a further page of {FIRST_PAGE} (offset {FIRST_PAGE}), median",
            statistics.median(measured.further),
            "ms",
            "",
            None,
            f"p95 {percentile(measured.further, 0.95):.2f} ms; without a total (the first page"
            " said it), as the list asks while it scrolls",
        ),
        Figure(
            f"search, {DISPLAY_LIMIT} rows at once + total, median",
            statistics.median(measured.whole),
            "ms",
            "",
            None,
            f"p95 {percentile(measured.whole, 0.95):.2f} ms; as a list sorted by a column asks",
        ),
        Figure(f"{raw_sql}, median", raw_median, "ms", "", None, "floor"),
        Figure(f"{raw_sql}, p95", raw_p95, "ms", "", None, "floor"),
        Figure(
            "LIKE scan of every match, median",
            like_median,
            "ms",
            "",
            None,
            f"the first page {like_median / median:.0f}× faster (p95: {like_p95 / p95:.0f}×)",
        ),
        Figure(
            "pages equal the full bm25 ranking",
            100.0 * min(exact_first, exact_whole) / queries,
            "%",
            "100 %",
            exact_first == exact_whole == queries,
            f"{exact_first} of {queries} queries for the first {2 * FIRST_PAGE} rows (first"
            f" page and the next), {exact_whole} of {queries} for {DISPLAY_LIMIT} rows at once;"
            " equal scores by id",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest first pages")
    args = parser.parse_args()

    path = args.keep or Path(tempfile.mkdtemp()) / "bench-search.sqlite3"
    if path.exists():
        print(f"reusing {path}")
    build_seconds = prepare(path, args.count)
    queries = mixed_queries(args.queries)
    measured = measure(path, queries, args.rounds)
    measured.build_seconds = build_seconds

    print(f"entities            {args.count:,}")
    print(f"build (incl. index) {build_seconds:.1f} s")
    print(f"database file       {measured.size_mb:.1f} MB")
    if measured.index_mb is not None:
        print(f"search index        {measured.index_mb:.1f} MB (with its rank index)")
    print(
        f"queries             {len(queries)} mixed, {measured.answered} with hits,"
        f" median of {args.rounds} rounds each"
    )
    print(f"{'':40}{'median':>10}{'p95':>10}{'max':>10}")
    for label, values in (
        (f"first page: {FIRST_PAGE} rows + total", measured.first),
        (f"further page: {FIRST_PAGE} rows from {FIRST_PAGE}", measured.further),
        (f"{DISPLAY_LIMIT} rows at once + total", measured.whole),
        (f"raw FTS5 ORDER BY rank LIMIT {FIRST_PAGE}", measured.raw),
        ("LIKE scan, every match", measured.like),
    ):
        print(
            f"{label:40}{statistics.median(values):>8.2f}ms{percentile(values, 0.95):>8.2f}ms"
            f"{max(values):>8.2f}ms"
        )
    if args.slowest:
        print()
        print(f"slowest first pages (of {len(queries)}):")
        slowest = sorted(zip(measured.first, queries, strict=True), key=lambda x: -x[0])
        for milliseconds, (query, filters) in slowest[: args.slowest]:
            shown = "" if filters == SearchFilters() else f"  {filters}"
            print(f"  {milliseconds:7.2f} ms  {query!r}{shown}")
    print()
    for row in _figures(measured, args.count):
        met = "" if row.met is None else ("  met" if row.met else "  NOT met")
        goal = f"  (goal {row.goal})" if row.goal else ""
        print(f"{row.name}: {row.value:.2f} {row.unit}{goal}{met}  {row.note}")


if __name__ == "__main__":
    main()
