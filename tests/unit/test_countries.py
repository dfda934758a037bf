"""Country input: names and codes in English and German resolve to the right ISO code."""

from __future__ import annotations

import pytest

from desktop.core.kb import countries
from desktop.core.kb.countries.aliases import ALIASES
from desktop.core.kb.countries.table import COUNTRIES


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("  germany ", "DE"),
        ("Germany (DE)", "DE"),
        ("Bundesrepublik Deutschland", "DE"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("Vereinigte Staaten", "US"),
        ("UK", "GB"),
        ("Großbritannien", "GB"),
        ("GROSSBRITANNIEN", "GB"),
        ("United Kingdom", "GB"),
        ("Vereinigtes Königreich", "GB"),
        ("Georgia", "GE"),
        ("Georgien", "GE"),
        ("GE", "GE"),
        ("Österreich", "AT"),
        ("osterreich", "AT"),
        ("Schweiz", "CH"),
        ("Cote d'Ivoire", "CI"),
        ("Elfenbeinküste", "CI"),
        ("Korea, Republic of", "KR"),
        ("Südkorea", "KR"),
        ("the Netherlands", "NL"),
        ("Türkei", "TR"),
        ("Turkey", "TR"),
        ("Sankt Lucia", "LC"),
        ("Russland", "RU"),
    ],
)
def test_resolve_accepts_codes_names_and_aliases(typed: str, code: str) -> None:
    assert countries.resolve(typed) == code


@pytest.mark.parametrize(
    "typed", ["", "   ", None, "garbage", "Germny", "XX", "ABCD", "Germany (GE)"]
)
def test_resolve_refuses_what_names_no_country(typed: str | None) -> None:
    assert countries.resolve(typed) is None


def test_the_table_is_complete_and_unambiguous() -> None:
    codes = [row[0] for row in COUNTRIES]
    assert len(codes) == len(set(codes)) == 250  # 249 ISO entries and Kosovo (XK)
    assert len({row[1] for row in COUNTRIES}) == 250
    assert all(len(row[0]) == 2 and len(row[1]) == 3 and row[2] and row[3] for row in COUNTRIES)
    assert set(ALIASES) <= set(codes)
    owners: dict[str, set[str]] = {}
    for code, _alpha3, en, de in COUNTRIES:
        for name in (en, de, *ALIASES.get(code, ())):
            owners.setdefault(countries._key(name), set()).add(code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}
    for code in codes:  # every name leads back to its own country
        assert countries.resolve(countries.name(code)) == code
        assert countries.resolve(countries.name(code, "de")) == code
        assert countries.resolve(countries.label(code, "de")) == code


def test_german_names_of_important_partners() -> None:
    expected = {
        "US": "Vereinigte Staaten",
        "GB": "Vereinigtes Königreich",
        "CN": "China",
        "JP": "Japan",
        "KR": "Südkorea",
        "IN": "Indien",
        "FR": "Frankreich",
        "NL": "Niederlande",
        "CH": "Schweiz",
        "AT": "Österreich",
        "DK": "Dänemark",
        "IL": "Israel",
        "AE": "Vereinigte Arabische Emirate",
        "CZ": "Tschechien",
        "CX": "Weihnachtsinsel",
    }
    assert {code: countries.name(code, "de") for code in expected} == expected


def test_labels_choices_and_messages() -> None:
    assert countries.label("DE") == "Germany (DE)"
    assert countries.label("DE", "de") == "Deutschland (DE)"
    choices = countries.choices()
    assert "Germany (DE)" in choices and "Deutschland (DE)" in choices
    assert choices.count("Japan (JP)") == 1  # the same in both languages: once
    assert countries.problem("Germany") is None and countries.problem("") is None
    message = countries.problem("Germny")
    assert message is not None and "Germany (DE)" in message and "\n" not in message
    assert "Did you mean" not in (countries.problem("qqq") or "")
    assert countries.name("XX") == "XX" and countries.name(None) == ""


def test_saving_a_prospect_stores_the_code(database) -> None:
    from desktop.core.briefs import curation as briefs
    from desktop.core.briefs.curation import ProspectInput

    data = ProspectInput(company_name="Acme", sectors=("medtech",), country="Germany")
    with database.transaction() as session:
        prospect = briefs.save_prospect(session, data)
        assert prospect.country == "DE"
    wrong = ProspectInput(company_name="Acme", sectors=("medtech",), country="Germny")
    assert any("Germany (DE)" in problem for problem in wrong.problems())
    with pytest.raises(ValueError, match="not a country"), database.transaction() as session:
        briefs.save_prospect(session, wrong)
