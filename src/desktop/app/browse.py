"""Reading the knowledge base as the consultant browses: search, facets, an entity, the overview.

The window and the CLI ask the same questions here. Searching goes through the store's plain
reader, which is ready before the ORM has been imported, so the first list never waits for it;
everything else reads through the full database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.search.facets import Facets, facet_counts
from desktop.core.search.service import SearchFilters, SearchResult
from desktop.core.search.service import search as search_index
from desktop.core.search.service import snippets as snippets_of

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.core.kb.catalogue import EntityDetail, FactView

DISPLAY_LIMIT = 500  # the most rows one search lists; the status bar says when there are more
FIRST_PAGE = 100  # rows a new search brings; the list asks for the rest as it scrolls


@dataclass(frozen=True)
class Overview:
    """What the window needs once, right after opening: tag labels and key figures."""

    tag_labels: dict[str, str]
    facts: list[FactView]


def search(
    store: Store,
    *,
    query: str,
    filters: SearchFilters,
    limit: int = DISPLAY_LIMIT,
    offset: int = 0,
    snippet_rows: int | None = None,
    count_total: bool = True,
) -> SearchResult:
    """The entities matching ``query`` within ``filters``, best first from ``offset``, with
    excerpts.

    The window asks for :data:`FIRST_PAGE` hits, then for the next pages as its list scrolls
    (up to :data:`DISPLAY_LIMIT`): a new search costs what a screen shows. ``snippet_rows``:
    only the first that many hits get their excerpt now (the rows a screen shows; cutting
    excerpts costs more than finding the hits), the others when they come into view
    (:func:`snippets`). None: every hit gets its excerpt. ``count_total=False``: the total may
    be a lower bound (a next page, whose total the first one already said).
    """
    with store.reading() as reader:
        result = search_index(
            reader,
            query,
            filters=filters,
            limit=limit,
            offset=offset,
            count_total=count_total,
            snippets=snippet_rows is None,
        )
        if snippet_rows is None:
            return result
        first = [hit.entity_id for hit in result.hits[: max(snippet_rows, 0)]]
        if not result.tokens or not first:
            return result
        found = snippets_of(reader, query, first)
        hits = [
            dataclasses.replace(hit, snippet=found[hit.entity_id])
            if hit.entity_id in found
            else hit
            for hit in result.hits
        ]
        return dataclasses.replace(result, hits=hits)


def snippets(store: Store, *, query: str, entity_ids: Sequence[int]) -> dict[int, str]:
    """The excerpts of ``entity_ids`` for ``query``, for hits that came without (entity id →
    excerpt; an entity without one is left out)."""
    with store.reading() as reader:
        return snippets_of(reader, query, list(entity_ids))


def facets(store: Store, *, query: str, filters: SearchFilters) -> Facets:
    """How many matches each kind and sector holds, for the navigator's counts."""
    with store.reading() as reader:
        return facet_counts(reader, query, filters=filters)


def entity_detail(store: Store, *, slug: str, language: str | None = None) -> EntityDetail:
    """One entity with its relations, figures, space and contact (NotFoundError if gone), its
    texts in ``language`` (default: the one in use) where the knowledge base has them."""
    from desktop.app.language import current
    from desktop.core.kb import catalogue
    from desktop.dossier.content.localise import Localiser

    language = language or current()
    with store.database.session() as session:
        detail = catalogue.entity_detail(session, slug)
    return Localiser(language).detail(detail) if language != "en" else detail


def overview(store: Store) -> Overview:
    from desktop.core.kb import catalogue

    with store.database.session() as session:
        return Overview(catalogue.tag_labels(session), catalogue.list_facts(session))
