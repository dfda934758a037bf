"""Snippets: cut between words around the best match, the match near the start."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from desktop.core.search.service import search
from desktop.core.search.snippets import (
    ELLIPSIS,
    EXCERPT_CHARS,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    LEAD_CHARS,
    excerpt,
    highlight_segments,
)
from desktop.core.storage.database import Database

S, E = HIGHLIGHT_START, HIGHLIGHT_END


def plain(snippet: str) -> str:
    return "".join(piece for piece, _ in highlight_segments(snippet))


def matched(snippet: str) -> list[str]:
    return [piece for piece, is_match in highlight_segments(snippet) if is_match]


def assert_cut_between_words(snippet: str, description: str) -> None:
    """The snippet's text is a run of whole words of ``description`` (white space collapsed),
    with an ellipsis exactly where text was left out."""
    source = " ".join(description.split())
    body = plain(snippet).removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    at = source.find(body)
    assert at >= 0, (body, source)
    assert at == 0 or source[at - 1] == " ", f"starts mid-word: {snippet!r}"
    end = at + len(body)
    assert end == len(source) or source[end] == " " or source[end] in ",;:", snippet
    assert plain(snippet).startswith(ELLIPSIS) == (at > 0)


LONG = (
    "The production process for Novartis' CAR-T cell product Kymriah® was set up in "
    "cooperation with the institute, which develops, optimises, validates and automates "
    "GMP-compliant manufacturing processes for cell and gene therapies at its Leipzig site."
)


def mark(description: str, *words: str) -> str:
    """``description`` with highlight markers around each whole occurrence of ``words``."""
    pattern = "|".join(re.escape(word) for word in words)
    return re.sub(rf"\b({pattern})\b", lambda m: S + m.group(1) + E, description)


@pytest.mark.parametrize("word", ["CAR", "GMP", "Leipzig", "cooperation", "product"])
def test_excerpt_starts_and_ends_between_words_and_shows_the_match(word: str) -> None:
    snippet = excerpt(mark(LONG, word))
    assert matched(snippet) == [word]
    assert_cut_between_words(snippet, LONG)
    assert plain(snippet).find(word) <= LEAD_CHARS + 1  # visible in a narrow results list
    assert len(plain(snippet)) <= EXCERPT_CHARS + 2 * len(ELLIPSIS)


def test_hyphenated_and_slashed_words_stay_whole() -> None:
    snippet = excerpt(mark(LONG, "CAR"))
    assert "CAR-T" in plain(snippet) and "Kymriah®" in plain(snippet)
    description = "Warehouse certified to ISO 13485 as well as GDP/GMP rules."
    tail = excerpt(mark(description, "GMP"))
    assert plain(tail).endswith(" GDP/GMP rules.") and matched(tail) == ["GMP"]
    assert_cut_between_words(tail, description)


def test_the_place_with_most_different_matched_words_wins() -> None:
    description = (
        "Stem cell bank founded in Leipzig in 1997 that offers solutions for storing "
        "umbilical-cord blood. Among its services: stem cell banking and cell therapy research."
    )
    snippet = excerpt(mark(description, "cell", "therapy"))
    assert "therapy" in matched(snippet) and "cell" in matched(snippet)
    assert_cut_between_words(snippet, description)


def test_without_a_match_the_opening_words_are_shown() -> None:
    snippet = excerpt(LONG)
    assert plain(snippet).startswith("The production process")
    assert plain(snippet).endswith(ELLIPSIS) and not matched(snippet)
    assert_cut_between_words(snippet, LONG)


def test_short_text_and_line_breaks() -> None:
    assert excerpt(f"Short {S}text{E}.") == f"Short {S}text{E}."
    assert excerpt(f"  One\nline\n\n{S}only{E}  ") == f"One line {S}only{E}"
    assert excerpt("") == ""


def test_a_match_longer_than_the_excerpt_is_kept_whole() -> None:
    word = "x" * 150
    snippet = excerpt(f"Before {S}{word}{E} after")
    assert matched(snippet) == [word]


@pytest.mark.parametrize("query", ["cell", "start", "digital", "leipzig"])
def test_search_snippets_are_cut_between_words(database: Database, query: str) -> None:
    """Every snippet of a real search begins and ends at a word boundary of the entity's
    description ("start-up", not "start…") and shows the highlighted match near its start."""
    with database.engine.connect() as connection:
        hits = search(connection, query).hits
        descriptions = dict(
            connection.execute(text("SELECT slug, coalesce(description, '') FROM entity")).all()
        )
    assert len(hits) >= 4
    for hit in hits:
        assert_cut_between_words(hit.snippet, descriptions[hit.slug])
        if matched(hit.snippet):
            assert all(piece.lower().startswith(query) for piece in matched(hit.snippet))
            first = plain(hit.snippet).lower().find(matched(hit.snippet)[0].lower())
            assert first <= LEAD_CHARS + len(ELLIPSIS), hit.snippet
    assert sum(bool(matched(hit.snippet)) for hit in hits) >= 3


def test_a_synonym_is_highlighted(database: Database) -> None:
    with database.engine.connect() as connection:
        (hit,) = search(connection, "Reinraum").hits
    assert [piece.lower() for piece in matched(hit.snippet)] == ["clean room"]
