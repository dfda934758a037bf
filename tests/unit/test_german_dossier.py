"""A German dossier is German: descriptions, labels, reasons, numbers and dates — all but names.

A full German dossier for a seeded profile is rendered and read back; after the proper names
(entities, sources, tags kept as named) are taken out, English function words may appear only a
handful of times. Then a language nobody ships — a tiny pseudo-language catalogue — shows that
a third language is data: its words appear without a line of code changed.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import select

from desktop.core.kb.models import Entity, Source
from desktop.core.language import catalogues
from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import Interest
from desktop.core.suggestions.suggest import suggest
from desktop.dossier.content.assemble import assemble, default_selection
from desktop.dossier.content.model import ContactCard
from desktop.dossier.render import render_bytes

PROFILE = Interest(
    sectors=("cell-gene-therapy",),
    activities=("manufacturing", "rd"),
    requirements=("gmp-manufacturing", "cleanroom", "cold-chain-logistics", "talent-graduates"),
    keywords=("CAR-T",),
)
ENGLISH_WORDS = {"the", "and", "of", "for", "with", "to", "is", "its", "by", "from", "on", "at"}
ALLOWED = 2  # a contact's role as the knowledge base holds it ("Head of Investor Consulting")
CARD = ContactCard("Anna Beispiel", "Investorenberatung", phone="+49 341 0000", email="a@b.de")


def dossier_text(database: Database, language: str) -> tuple[str, list[str]]:
    with database.session() as session:
        suggestions = suggest(session, PROFILE, learn=False)
        selection = default_selection(
            suggestions,
            prepared_for="Project Aurora",
            template="full",
            language=language,
            consultant=CARD,
            interest=PROFILE,
            limit=40,
        )
        assembled = assemble(session, selection, suggestions, today=date(2026, 12, 7))
        names = [e.name for e in session.exec(select(Entity))]
        names += [e.short_name for e in session.exec(select(Entity)) if e.short_name]
        names += [s.title for s in session.exec(select(Source))]
        names += [s.publisher for s in session.exec(select(Source)) if s.publisher]
    pdf, _pages = render_bytes(assembled.data)
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split()), [f.message for f in assembled.findings] + names


def english_words(text: str, names: list[str]) -> list[str]:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text)
    return [word for word in words if word.lower() in ENGLISH_WORDS]


def test_a_german_full_dossier_has_no_english_but_names(database: Database) -> None:
    text, names = dossier_text(database, "de")
    found = english_words(text, names)
    assert len(found) <= ALLOWED, found
    assert "mehr als" in text or "Studierende" in text  # figures worded in German
    assert "40.000" in text and "40,000" not in text  # German thousands
    assert "7. Dezember 2026" in text  # German date
    assert "Students" not in text and "Key figures" not in text  # chart titles, headings
    english, _ = dossier_text(database, "en")
    assert len(english_words(english, names)) > 50  # the same test sees English when it is there


def test_a_missing_translation_is_printed_in_english_and_flagged(database: Database) -> None:
    with database.transaction() as session:
        izi = session.exec(select(Entity).where(Entity.slug == "fraunhofer-izi")).one()
        izi.texts = None
        session.add(izi)
    with database.session() as session:
        suggestions = suggest(session, PROFILE, learn=False)
        selection = default_selection(
            suggestions,
            prepared_for="P",
            template="full",
            language="de",
            consultant=CARD,
            interest=PROFILE,
        )
        found = assemble(session, selection, suggestions, today=date(2026, 12, 7)).findings
    untranslated = [f for f in found if f.kind == "untranslated"]
    assert untranslated and "Fraunhofer IZI (description)" in untranslated[0].message


@pytest.fixture
def pseudo_language() -> object:
    """ "xx": a language no one ships, with a handful of words, added as data only."""
    catalogues.register(
        "xx",
        {
            "sector": {"cell-gene-therapy": "Xell & xene xherapy"},
            "dossier": {"executive_summary": "Xexecutive xummary"},
            "reason": {"specialist": "xpecialist xn {what}"},
            "month": {"12": "Xecember"},
        },
    )
    yield "xx"
    catalogues.forget("xx")


def test_a_third_language_is_one_catalogue(database: Database, pseudo_language: str) -> None:
    from desktop.core.kb import taxonomy

    assert taxonomy.SECTORS["cell-gene-therapy"].label(pseudo_language) == "Xell & xene xherapy"
    assert taxonomy.SECTORS["medtech"].label(pseudo_language) == "Medical technology"  # fallback
    assert pseudo_language in catalogues.languages()
    with database.session() as session:
        izi = next(
            s for s in suggest(session, PROFILE, learn=False).entities if s.slug == "fraunhofer-izi"
        )
    assert "xpecialist xn Xell & xene xherapy" in izi.explain(pseudo_language)
    text, _names = dossier_text(database, pseudo_language)
    assert "Xexecutive xummary" in text and "Xecember 2026" in text


def test_a_new_brief_is_titled_in_the_consultants_language() -> None:
    from desktop.core.briefs.curation import default_title

    assert default_title("Project Aurora", date(2026, 12, 7), "de") == (
        "Briefing für Project Aurora, 7. Dezember 2026"
    )
    assert default_title("Project Aurora", date(2026, 12, 7), "en") == (
        "Brief for Project Aurora, 7 December 2026"
    )


def test_a_form_problem_reads_in_the_window_language() -> None:
    from desktop.core.kb import validation

    assert validation.url("www.x.de", "de") == "Eine Webadresse beginnt mit https:// oder http://."
    assert validation.one_line("x" * 1500, "Der Name", language="de") == (
        "Der Name hat 1.500 Zeichen; höchstens 200 passen."
    )
    assert validation.url("www.x.de") == "A web address starts with https:// or http://."
