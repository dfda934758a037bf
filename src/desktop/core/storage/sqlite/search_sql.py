"""The SQL that queries the FTS5 index, built from token groups.

:mod:`desktop.core.search.service` composes these fragments with portable SQL (filters, paging,
facets). The typed words arrive as data — groups of alternatives of terms, see
:class:`desktop.core.storage.backend.Term` — and :func:`match_expression` renders them as an
FTS5 MATCH string in which every word is a quoted phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from desktop.core.storage.sqlite.search_index import FTS_COLUMNS, FTS_TABLE

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
    joiner = " OR " if any_token else " AND "
    return joiner.join(_any(_all(alternative) for alternative in group) for group in groups)


def _term(term: TermLike) -> str:
    phrase = " ".join(term.words)
    prefix = term.prefix and len(term.words[-1]) > 1
    return f'"{_QUOTE.sub(chr(34) * 2, phrase)}"' + ("*" if prefix else "")


def _any(parts: Iterable[str]) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _all(alternative: Alternative) -> str:
    parts = [_any(_term(term) for term in terms) for terms in alternative]
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def count_matches_sql(filter_sql: str | None = None) -> str:
    """How many entities match ``:match`` (and ``filter_sql`` over ``e``), counting no further
    than ``:cap``. Without a filter the index alone answers, with no join."""
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


def newest_matches_cutoff_sql() -> str:
    """The rowid of the ``:n``-th newest entity matching ``:match`` (bounds ranking work)."""
    return (
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        " ORDER BY rowid DESC LIMIT 1 OFFSET :n"
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
