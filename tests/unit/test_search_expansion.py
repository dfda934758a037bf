"""Query expansion: compounds and their split forms, joined words, EN/DE synonyms."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from desktop.core.kb import taxonomy
from desktop.core.search.expansion import MAX_SPLITS, MIN_PART, Term, expand, fold, synonyms
from desktop.core.search.service import search, tokenize
from desktop.core.storage.database import Database
from desktop.core.storage.sqlite.fts.queries import match_expression

CLEAN_ROOM = "academy-for-clean-room-work"  # "Academy for Clean Room Work" in the seed


def slugs(database: Database, query: str) -> list[str]:
    with database.engine.connect() as connection:
        return [hit.slug for hit in search(connection, query).hits]


def add_entity(database: Database, slug: str, name: str, description: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO entity (slug, name, kind, description, created_at, updated_at, gid)"
                " VALUES (:slug, :name, 'company', :description, '2026-01-01', '2026-01-01',"
                " :slug)"
            ),
            {"slug": slug, "name": name, "description": description},
        )


def words_of(group: tuple) -> set[tuple[str, ...]]:  # type: ignore[type-arg]
    """The single-term alternatives of a group, as word tuples."""
    return {alt[0][0].words for alt in group if len(alt) == 1 and len(alt[0]) == 1}


@pytest.mark.parametrize(
    "query", ["cleanroom", "Cleanroom", "clean room", "Clean-Room", "Reinraum", "Reinräume"]
)
def test_every_spelling_of_clean_room_finds_the_academy(database: Database, query: str) -> None:
    """The seed writes "Clean Room"; one word, two words and German all find it."""
    assert slugs(database, query)[:1] == [CLEAN_ROOM]


def test_two_typed_words_find_the_word_written_as_one(database: Database) -> None:
    add_entity(database, "zyx-cleanroom", "Zyx Cleanroom Services", "Cleanroom rental.")
    assert "zyx-cleanroom" in slugs(database, "clean room")
    assert "zyx-cleanroom" in slugs(database, "clean room rental")


def test_german_finds_english(database: Database) -> None:
    assert slugs(database, "Flughafen")[:1] == ["leipzig-halle-airport"]
    assert {"old-trade-fair-grounds", "trade-fair-hall-12"} <= set(slugs(database, "Messe"))
    assert "free-state-of-saxony" in slugs(database, "Freistaat Sachsen")
    assert "university-hospital-leipzig" in slugs(database, "Universitätsklinikum")


def test_english_finds_german(database: Database) -> None:
    add_entity(database, "zyx-reinraum", "Zyx Reinraumtechnik", "Anbieter für Reinraum-Miete.")
    add_entity(database, "zyx-klinikum", "Zyx Klinikum", "Krankenhaus der Regelversorgung.")
    assert "zyx-reinraum" in slugs(database, "clean room")
    assert "zyx-reinraum" in slugs(database, "cleanroom")
    assert "zyx-klinikum" in slugs(database, "hospital")


def test_abbreviation_and_spelled_out_phrase_find_each_other(database: Database) -> None:
    add_entity(
        database, "zyx-gmp", "Zyx Pharma", "Fill and finish under good manufacturing practice."
    )
    assert "zyx-gmp" in slugs(database, "GMP")
    assert "fraunhofer-izi" in slugs(database, "good manufacturing practice")


def test_the_typed_word_outranks_a_looser_german_synonym(database: Database) -> None:
    """The word "hospital" does not expand to "clinic" (a clinic is not a hospital); the German
    "Klinik" means both — so a clinic is found by "hospital" only through its German text, and
    only after the hospitals that say "hospital" themselves."""
    found = slugs(database, "hospital")
    assert found[0] == "university-hospital-leipzig"
    assert found.index("clinic-neurosurgery") > found.index("uhl-blood-bank")
    assert "clinic-neurosurgery" in slugs(database, "Klinik")


def test_german_compounds_of_known_words(database: Database) -> None:
    """Krebszentrum is cancer + centre; Forschungszentrum research + centre (linking s)."""
    assert slugs(database, "Krebszentrum")[0] == "university-cancer-centre-leipzig"
    assert {"life", "dbfz"} <= set(slugs(database, "Forschungszentrum"))


def test_split_forms_are_bounded_adjacent_whole_words() -> None:
    (group,) = expand(tokenize("cleanroom"))
    split_forms = {words for words in words_of(group) if len(words) == 2}
    assert ("clean", "room") in split_forms
    assert all(len(a) >= MIN_PART and len(b) >= MIN_PART for a, b in split_forms)
    (long_group,) = expand(("x" * 48,))
    assert len(words_of(long_group)) <= 1 + MAX_SPLITS
    assert expand(("13485",)) == (((((Term(("13485",), prefix=True),),),),))


def test_the_typed_word_stays_a_prefix_and_split_halves_never_are() -> None:
    first, last = expand(tokenize("stem cleanroo"))
    assert first[0] == ((Term(("stem",)),),)
    assert last[0] == ((Term(("cleanroo",), prefix=True),),)
    assert all(
        not term.prefix
        for alternative in last[1:]
        for terms in alternative
        for term in terms
        if len(term.words) > 1
    )


def test_short_words_are_not_joined() -> None:
    """The query CAR-T must not also mean "cart…" (cartilage)."""
    assert all(("cart",) not in words_of(group) for group in expand(tokenize("CAR-T")))


def test_every_synonym_group_works_both_ways() -> None:
    for group in taxonomy.SYNONYMS:
        for member in group:
            words = tokenize(member)
            others = {fold(" ".join(term.words)) for term in synonyms(words)}
            expected = {fold(" ".join(tokenize(other))) for other in group if other != member}
            assert expected <= others, member


QUOTED = re.compile(r'"(?:[^"]|"")*"')


@pytest.mark.parametrize(
    "query", ['clean room "x" AND NEAR(', "Forschungszentrum OR *", 'a-b name:"x" ^z NOT']
)
def test_outside_quotes_only_our_operators_remain(query: str) -> None:
    """Every typed word, split, join and synonym is a quoted phrase; between them stand only
    the AND/OR, brackets and prefix stars the expansion writes itself."""
    for any_token in (False, True):
        expression = match_expression(expand(tokenize(query)), any_token=any_token)
        outside = QUOTED.sub(" ", expression)
        assert set(outside.replace("AND", "").replace("OR", "")) <= set(" ()*"), outside
        assert re.search(r'(?<!")\*', expression) is None  # a star only ends a phrase


def test_a_quote_inside_a_term_is_doubled() -> None:
    group = (((Term(('a" OR b NEAR(',)),),),)
    assert match_expression((group,)) == '"a"" OR b NEAR("'
