"""The SQL that queries the FTS5 index, built from token groups.

:mod:`desktop.core.search.service` composes these fragments with portable SQL (filters, paging,
facets). The typed words arrive as data — groups of alternatives of terms, see
:class:`desktop.core.storage.backend.Term` — and :func:`match_expression` renders them as an
FTS5 MATCH string in which every word is a quoted phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.storage.sqlite.fts.schema import FTS_COLUMNS, FTS_TABLE

# Alphabetical order as people expect it ("bionection" beside "BioCity"), served by an index.
NAME_ORDER = "e.name COLLATE NOCASE"
_QUOTE = re.compile('"')


class TermLike(Protocol):
    """What a term of the query must offer (:class:`desktop.core.storage.backend.Term`)."""

    @property
    def words(self) -> tuple[str, ...]: ...

    @property
    def prefix(self) -> bool: ...


Alternative = Sequence[Sequence[TermLike]]
Group = Sequence[Alternative]


def match_expression(groups: Sequence[Group], *, any_token: bool = False) -> str:
    """An FTS5 MATCH string for expanded query words (see :mod:`desktop.core.search.expansion`).

    Every word is inside a quoted phrase, so operators (AND, NEAR, *, -) stay plain words and
    nothing typed is FTS5 syntax. Each group becomes ``(alternative OR …)``; groups are ANDed,
    or ORed for the any-word fallback. Whole words are read lazily, while a prefix term makes
    FTS5 merge every word it expands to; a one-character prefix matches only itself, or
    ``CAR-T`` would match every word starting with t.
    """
    return match_plan(groups, any_token=any_token).expression


@dataclass(frozen=True)
class Phrase:
    """One quoted phrase of a MATCH string: FTS5 scores each phrase on its own."""

    text: str  # as it stands in the MATCH string, quotes (and star) included
    words: tuple[str, ...]
    prefix: bool


# A node of the expression: ("AND" | "OR", children), or a phrase's position in ``phrases``.
Node = tuple[str, tuple["Node | int", ...]] | int


@dataclass(frozen=True)
class MatchPlan:
    """A MATCH string with the tree FTS5 parses from it and its phrases in FTS5's order (the
    order of appearance, which is the order bm25 sums them in)."""

    expression: str
    tree: Node
    phrases: tuple[Phrase, ...]


def match_plan(groups: Sequence[Group], *, any_token: bool = False) -> MatchPlan:
    """The MATCH string of :func:`match_expression` together with its tree and phrases."""
    phrases: list[Phrase] = []

    def term(item: TermLike) -> tuple[str, Node]:
        prefix = item.prefix and len(item.words[-1]) > 1
        quoted = _QUOTE.sub(chr(34) * 2, " ".join(item.words))
        text = f'"{quoted}"' + ("*" if prefix else "")
        phrases.append(Phrase(text, tuple(item.words), prefix))
        return text, len(phrases) - 1

    def join(
        operator: str, parts: list[tuple[str, Node]], *, bare: bool = False
    ) -> tuple[str, Node]:
        if len(parts) == 1:
            return parts[0]
        text = f" {operator} ".join(text for text, _ in parts)
        return (text if bare else f"({text})"), (operator, tuple(node for _, node in parts))

    def alternative(terms: Alternative) -> tuple[str, Node]:
        return join("AND", [join("OR", [term(item) for item in choice]) for choice in terms])

    text, tree = join(
        "OR" if any_token else "AND",
        [join("OR", [alternative(choice) for choice in group]) for group in groups],
        bare=True,
    )
    return MatchPlan(text, tree, tuple(phrases))


def count_matches_sql(filter_sql: str | None = None, *, ids_sql: str | None = None) -> str:
    """How many entities match ``:match`` (and ``filter_sql`` over ``e``, or are among the ids
    ``ids_sql`` selects), counting no further than ``:cap``. Without a filter the index alone
    answers, with no join; a set of ids is made once and looked up per match, cheaper than
    testing a filter on every match of a broad query."""
    if ids_sql is not None:
        return (
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
            f" AND +{FTS_TABLE}.rowid IN ({ids_sql}) LIMIT :cap)"
        )
    if filter_sql is None:
        return (
            f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH :match LIMIT :cap)"
        )
    return (
        f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} CROSS JOIN entity e"
        f" ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH :match AND ({filter_sql})"
        " LIMIT :cap)"
    )


def ranked_ids_sql(filter_sql: str | None = None) -> str:
    """Ids and bm25 scores (``id``, ``score``) of the entities matching ``:match`` and
    ``filter_sql`` over ``e``, best first and equal scores by id, paged by ``:limit`` and
    ``:offset``. Every match is scored: exact, about a microsecond a match. With the id as a
    second key SQLite's own sorter keeps just the page (FTS5's ``ORDER BY rank`` sorts every
    match), and a filter is tested before the score is computed. CROSS JOIN keeps the index
    scan outermost: otherwise SQLite may loop over ``entity`` by a filter's index and re-run
    the MATCH for every row."""
    if filter_sql is None:
        return (
            f"SELECT rowid AS id, rank AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
            " ORDER BY score, id LIMIT :limit OFFSET :offset"
        )
    return (
        f"SELECT e.id AS id, {FTS_TABLE}.rank AS score FROM {FTS_TABLE} CROSS JOIN entity e"
        f" ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH :match AND ({filter_sql})"
        " ORDER BY score, id LIMIT :limit OFFSET :offset"
    )


def ranked_among_sql() -> str:
    """Ids and bm25 scores (``id``, ``score``) of the entities among ``:ids`` (a JSON array,
    from ``:low`` to ``:high``) matching ``:match``, best first and equal scores by id, paged
    by ``:limit`` and ``:offset``: one scan of the index within the ids' range, and only the
    listed entities scored (a filter's matches, found by the caller)."""
    return (
        f"SELECT rowid AS id, rank AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        " AND rowid BETWEEN :low AND :high AND +rowid IN (SELECT value FROM json_each(:ids))"
        " ORDER BY score, id LIMIT :limit OFFSET :offset"
    )


def ranked_among(
    fetch: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]],
    match: str,
    allowed: set[int],
    need: int,
) -> tuple[list[tuple[int, float]], int]:
    """The ``need`` best matches of ``match`` among the ``allowed`` ids (as
    :func:`ranked_ids_sql` orders them) and how many there are: the matches' ids are read
    without scoring them, and just the allowed ones are scored — cheaper than testing a filter
    on every match in SQL. ``fetch`` runs a statement with named parameters."""
    if not match:
        return [], 0
    ids = [row[0] for row in fetch(matching_ids_sql(), {"match": match}) if row[0] in allowed]
    if not ids or need <= 0:
        return [], len(ids)
    values = {"match": match, "ids": str(ids), "low": min(ids), "high": max(ids)}  # JSON ids
    rows = fetch(ranked_among_sql(), values | {"limit": need, "offset": 0})
    return [(row[0], row[1]) for row in rows], len(ids)


def snippets_sql(*, highlight: tuple[str, str]) -> str:
    """The marked description (``id``, ``snippet``) of the entities among ``:ids`` (a JSON
    array) that match ``:match``. One scan of the index between ``:low`` and ``:high`` (the
    ids' range) highlights just the listed ones: looked up one by one, a prefix word would
    make FTS5 merge its doclists again for every id."""
    return (
        f"SELECT rowid AS id, {_snippet(highlight)} AS snippet FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH :match AND rowid BETWEEN :low AND :high"
        " AND +rowid IN (SELECT value FROM json_each(:ids))"
    )


def _snippet(highlight: tuple[str, str]) -> str:
    """The description with ``highlight`` markers around the matched words, from which
    :func:`desktop.core.search.snippets.excerpt` cuts the piece shown. FTS5's own ``snippet()``
    cuts at token boundaries, so "CAR-T" came out as "CAR…" and the match sat mid-way through
    the snippet, often past the edge of a results list. The description says why an entity
    matters even when the match was in the name or a tag (then the excerpt is its opening
    words)."""
    start, end = (marker.replace("'", "''") for marker in highlight)
    column = FTS_COLUMNS.index("description")
    return f"highlight({FTS_TABLE}, {column}, '{start}', '{end}')"


def ranked_match_sql(columns: str, filter_sql: str, *, highlight: tuple[str, str]) -> str:
    """Hits for ``:match`` best first: ``columns`` of entity ``e``, bm25 score and a snippet.

    Only entities with ``rowid >= :min_rowid`` are ranked (FTS5 applies the rowid bound while
    scanning), which lets the caller bound the work for very broad queries. ``ORDER BY rank``
    alone lets FTS5 hand rows over in order, so the snippet is computed for the returned page
    only. CROSS JOIN keeps the index scan outermost: otherwise SQLite may loop over ``entity``
    by a filter's index and re-run the MATCH for every row. ``columns`` and ``filter_sql`` are
    portable SQL over the alias ``e``; ``:limit`` and ``:offset`` page the result.
    """
    return (
        f"SELECT {columns}, {FTS_TABLE}.rank AS score, {_snippet(highlight)} AS snippet"
        f" FROM {FTS_TABLE} CROSS JOIN entity e ON e.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH :match AND {FTS_TABLE}.rowid >= :min_rowid"
        f" AND ({filter_sql})"
        f" ORDER BY {FTS_TABLE}.rank LIMIT :limit OFFSET :offset"
    )


def matching_ids_sql() -> str:
    """A sub-select of the entity ids matching ``:match``, for facets."""
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
